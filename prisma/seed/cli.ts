// `npm run db:seed`: load the demo data (idempotent), with its live part as of today
// (prisma/seed/live.ts: run on a later day, it adds the new period's request). Demo accounts are
// created on the embedded database, or on DATABASE_URL only with `-- --demo-users`.
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import { readSeedFiles } from './load.ts';
import { seedDemo } from './live.ts';

const config = loadConfig();
const demoUsers = !config.databaseUrl || process.argv.includes('--demo-users');
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db.sql);
  const report = await seedDemo(db, readSeedFiles(), { demoUsers });
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
