// `npm run db:dti -- <file.json>`: loads a DTI framework file into DATABASE_URL (or the embedded
// database while the server is stopped) — a new decision's framework, or the component list of a
// framework shipped without one once someone has the full appendix (format and rules:
// prisma/catalogue/dti/README.md). Without a file: the shipped frameworks, and what is stored.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { FrameworkFileError } from './framework-file.ts';
import { loadFramework, loadShippedFrameworks, type LoadResult } from './load.ts';

const OUTCOME: Record<LoadResult['outcome'], string> = {
  created: 'đã nạp',
  completed: 'đã bổ sung danh sách chỉ số thành phần',
  unchanged: 'đã có, không thay đổi',
};

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db.sql);
  const file = process.argv[2];
  const results = file
    ? [await loadFramework(db.prisma, readFileSync(file, 'utf8'))]
    : await loadShippedFrameworks(db.prisma);
  for (const r of results) console.log(`${r.code}: ${OUTCOME[r.outcome]}.`);
  for (const f of await db.prisma.dtiFramework.findMany({
    orderBy: { issuedOn: 'asc' },
    include: { _count: { select: { mainIndicators: true, components: true } } },
  })) {
    console.log(
      `${f.code} (${f.decisionNumber}): ${f._count.mainIndicators} chỉ số chính, ${f._count.components}/${f.componentCount ?? '?'} chỉ số thành phần đã ghi.`,
    );
  }
} catch (error) {
  console.error(
    error instanceof FrameworkFileError
      ? error.message
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
