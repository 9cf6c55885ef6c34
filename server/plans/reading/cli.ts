// npm run import-plan -- <file.txt> [--json] [--save]: reads a plan's text and prints the draft a
// clerk would review (heading, bases, outline, targets, tasks with the agency each is matched to,
// budget, deadlines) and the review findings. --save also saves it as a DRAFT plan in the
// database (DATABASE_URL, or the embedded one while the server is stopped), as ImportPlanText does.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { importPlanText, type PlanImport } from '../import.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Cách dùng: npm run import-plan -- <tệp kế hoạch .txt> [--json] [--save]');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`Không đọc được tệp ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
let result: PlanImport;
try {
  await migrate(db.sql);
  result = await importPlanText(
    { db, prisma: db.prisma, viewer: null, address: 'npm run import-plan' },
    text,
    !args.includes('--save'),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
} finally {
  await db.close();
}

const { draft, findings, planId } = result;
if (args.includes('--json')) {
  console.log(JSON.stringify({ ...draft, findings, planId }, null, 2));
} else {
  const out = (s: string) => console.log(s);
  out(
    `Số: ${draft.number ?? '(trống)'} · ngày ${draft.issuedOn ?? '(trống)'} · ${draft.place ?? ''}`,
  );
  out(`Cơ quan ban hành: ${draft.issuerName ?? '(không rõ)'}`);
  out(`Trích yếu: ${draft.title ?? '(không rõ)'}`);
  out(`Căn cứ (${draft.bases.length}): ${draft.bases.map((b) => b.number ?? b.title).join('; ')}`);
  out(`Đề mục (${draft.sections.length}): ${draft.sections.map((s) => s.number).join(', ')}`);
  out(`Chỉ tiêu (${draft.targets.length}):`);
  for (const t of draft.targets)
    out(
      `  dòng ${t.line}: ${t.comparator} ${t.value}${t.valueMax ? `–${t.valueMax}` : ''} ${t.unit} · ${t.targetYear ?? '?'} · ${t.level ?? ''} · ${t.statement.slice(0, 80)}`,
    );
  out(`Nhiệm vụ (${draft.tasks.length}):`);
  for (const t of draft.tasks) {
    const lead = t.leadOrg ? `${t.leadOrgName} → ${t.leadOrg.name}` : (t.leadOrgName ?? '?');
    out(`  dòng ${t.line}: [${lead}] ${t.title.slice(0, 90)}`);
  }
  out(`Kinh phí: ${draft.budget.lines.length} dòng, tổng ${draft.budget.total ?? '(không có)'}`);
  out(
    `Thời hạn: ${draft.deadlines.map((d) => `${d.date} (dòng ${d.line})`).join('; ') || '(không có)'}`,
  );
  out(`Phát hiện khi rà soát (${findings.length}):`);
  for (const f of findings) out(`  [${f.severity}] dòng ${f.line ?? '?'}: ${f.message}`);
  out(planId ? `Đã lưu kế hoạch dự thảo (DRAFT), mã ${planId}.` : 'Chưa lưu (thêm --save để lưu).');
}
