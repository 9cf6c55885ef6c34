// npm run import-plan -- <file.txt> [--json]: reads a plan's text and prints the draft a clerk
// would review (heading, bases, outline, targets, tasks, budget, deadlines) and the review
// findings. Nothing is saved yet: saving a draft plan comes with the ImportPlanText mutation.
import { readFileSync } from 'node:fs';
import { readPlan } from './read-plan.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('Cách dùng: npm run import-plan -- <tệp kế hoạch .txt> [--json]');
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`Không đọc được tệp ${file}: ${(error as Error).message}`);
  process.exit(2);
}
const plan = readPlan(text);
if (args.includes('--json')) {
  console.log(JSON.stringify(plan, null, 2));
} else {
  const out = (s: string) => console.log(s);
  out(`Số: ${plan.number ?? '(trống)'} · ngày ${plan.issuedOn ?? '(trống)'} · ${plan.place ?? ''}`);
  out(`Cơ quan ban hành: ${plan.issuerName ?? '(không rõ)'}`);
  out(`Trích yếu: ${plan.title ?? '(không rõ)'}`);
  out(`Căn cứ (${plan.bases.length}): ${plan.bases.map((b) => b.number).join('; ')}`);
  out(`Đề mục (${plan.sections.length}): ${plan.sections.map((s) => s.number).join(', ')}`);
  out(`Chỉ tiêu (${plan.targets.length}):`);
  for (const t of plan.targets)
    out(
      `  dòng ${t.line}: ${t.comparator} ${t.value}${t.valueMax ? `–${t.valueMax}` : ''} ${t.unit} · ${t.targetYear ?? '?'} · ${t.level ?? ''} · ${t.statement.slice(0, 80)}`,
    );
  out(`Nhiệm vụ (${plan.tasks.length}):`);
  for (const t of plan.tasks)
    out(`  dòng ${t.line}: [${t.leadOrgName ?? '?'}] ${t.title.slice(0, 90)}`);
  out(`Kinh phí: ${plan.budget.lines.length} dòng, tổng ${plan.budget.total ?? '(không có)'}`);
  out(
    `Thời hạn: ${plan.deadlines.map((d) => `${d.date} (dòng ${d.line})`).join('; ') || '(không có)'}`,
  );
  out(`Phát hiện khi rà soát (${plan.findings.length}):`);
  for (const f of plan.findings) out(`  [${f.severity}] dòng ${f.line ?? '?'}: ${f.message}`);
}
