// `npm run db:seed`: load the demo data (idempotent). Demo accounts are created on the embedded
// database, or on DATABASE_URL only with `-- --demo-users`.
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { readSeedFiles, seed } from './load.ts';

const config = loadConfig();
const demoUsers = !config.databaseUrl || process.argv.includes('--demo-users');
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db.sql);
  const report = await seed(db.prisma, readSeedFiles(), { demoUsers });
  const created = Object.entries(report.created);
  console.log(
    created.length
      ? `Đã nạp: ${created.map(([k, v]) => `${k} ${v}`).join(', ')}`
      : 'Dữ liệu demo đã có đủ, không thêm gì.',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
