// `npm run db:catalogue`: loads the national catalogue of administrative units (34 provinces and
// their commune-level units, then the later version's changes) into the org tree of DATABASE_URL,
// or of the embedded database while the server is stopped. Idempotent: a second run adds nothing.
// Not part of `npm start`: the demo needs only its own province's units.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadCatalogue } from './catalogue.ts';

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db.sql);
  const started = performance.now();
  const reports = await loadCatalogue(db.prisma);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const r of reports) {
    console.log(
      r.skipped
        ? `Danh mục ${r.version}: đã nạp trước đây, không thay đổi gì.`
        : `Danh mục ${r.version}: tạo ${r.created}, khớp ${r.matched} đơn vị có sẵn, thay đổi ${r.changed}, kế thừa ${r.successions}.`,
    );
  }
  const byType = await db.prisma.org.groupBy({
    by: ['unitType'],
    where: { adminCode: { not: null }, validTo: null },
    _count: true,
  });
  console.log(
    `Đơn vị hành chính hiện hành: ${byType.map((t) => `${t.unitType} ${t._count}`).join(', ')} (${seconds} s).`,
  );
  const size = await db.sql.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  console.log(`Dung lượng cơ sở dữ liệu: ${size[0]?.size}.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
