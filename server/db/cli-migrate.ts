// `npm run db:migrate`: apply pending migrations to DATABASE_URL or the embedded database.
import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrate(db.sql);
  console.log(
    applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Không có migration nào chờ áp dụng.',
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
