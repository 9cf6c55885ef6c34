// The self-assessment as the national DTI collection takes it: one row per component indicator
// with its code, value and evidence (the Ministry's yearly call asks provinces for "số liệu, tài
// liệu theo các chỉ số thành phần"; sources in prisma/catalogue/dti/README.md), for typing or
// pasting into dti.gov.vn, and a second sheet with the scores.
//   GET /files/dti/:assessmentId/export.xlsx
import { loadExcelJS } from '../libraries.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import type { Context } from '../graphql/context.ts';
import { fileSafe } from '../files/file-names.ts';
import { FILL_HEADER, THIN_BORDER, toBuffer } from '../files/workbook.ts';
import { overseenAssessment } from './assessment.ts';
import { assessmentScores } from './scores.ts';
import { measuredByMinistry, type Subtotal } from './score.ts';

export const DTI_EXPORT_ROUTE = /^\/files\/dti\/([^/]+)\/export\.xlsx$/;

/** The export's columns, in the order the sheet has them. */
export const EXPORT_COLUMNS = [
  { header: 'Mã chỉ số', width: 10 },
  { header: 'Tên chỉ số thành phần', width: 60 },
  { header: 'Giá trị', width: 12 },
  { header: 'Tài liệu kiểm chứng', width: 45 },
  { header: 'Điểm tự chấm', width: 12 },
  { header: 'Điểm tối đa', width: 12 },
  { header: 'Đơn vị trả lời', width: 36 },
  { header: 'Ghi chú', width: 30 },
] as const;

/** Header rows above the table: title, framework, time. */
export const EXPORT_HEADER_ROWS = 4;

export async function dtiExport(
  ctx: Context,
  assessmentId: string,
  now: Date = new Date(),
): Promise<{ name: string; xlsx: Buffer }> {
  const assessment = await overseenAssessment(ctx, assessmentId);
  const { framework, answers, scores } = await assessmentScores(ctx.prisma, assessment);
  const orgIds = [...new Set([...answers.values()].map((a) => a.orgId).filter((o) => o !== null))];
  const names = new Map(
    (
      await ctx.prisma.org.findMany({
        where: { id: { in: orgIds as string[] } },
        select: { id: true, name: true },
      })
    ).map((o) => [o.id, o.name]),
  );

  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Tổng hợp';
  const sheet = workbook.addWorksheet('Chỉ số thành phần', {
    views: [{ state: 'frozen', ySplit: EXPORT_HEADER_ROWS }],
  });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ width: c.width }));
  sheet.getCell('A1').value =
    `Số liệu tự đánh giá Chỉ số chuyển đổi số (DTI) năm ${assessment.year} — ${assessment.province.name}`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value =
    `Bộ chỉ số: Quyết định ${framework.decisionNumber} (${framework.code}); chỉ tính các báo cáo đã gửi.`;
  sheet.getCell('A3').value = `Xuất lúc ${formatVietnamTime(now)}`;
  const header = sheet.getRow(EXPORT_HEADER_ROWS);
  header.values = EXPORT_COLUMNS.map((c) => c.header);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
    cell.border = THIN_BORDER;
  });
  for (const c of framework.components) {
    const answer = answers.get(c.code);
    const score = scores.components.find((s) => s.code === c.code);
    const byMinistry = measuredByMinistry(c.answeredBy);
    const row = sheet.addRow([
      c.code,
      c.name,
      c.scoring === 'YES_NO' && answer?.value != null
        ? answer.value === 1
          ? 'Có'
          : 'Không'
        : (answer?.value ?? null),
      answer?.evidence ?? null,
      answer?.claimedPoints ?? null,
      score?.maxPoints ?? null,
      byMinistry ? 'Bộ đo' : answer?.orgId ? (names.get(answer.orgId) ?? null) : null,
      answer?.note ?? null,
    ]);
    row.getCell(1).numFmt = '@';
    row.eachCell((cell) => (cell.border = THIN_BORDER));
  }

  const summary = workbook.addWorksheet('Điểm');
  summary.columns = [{ width: 40 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 22 }];
  summary.addRow(['Chỉ số', 'Điểm', 'Điểm tối đa', 'Chỉ số (0–1)', 'Chỉ số chưa tính được']);
  summary.getRow(1).font = { bold: true };
  const line = (label: string, s: Subtotal) =>
    summary.addRow([label, s.points, s.maxPoints, s.index, s.unknownComponents]);
  for (const m of scores.mains) line(`${m.code}. ${m.name}`, m);
  line('Tổng điểm DTI', scores.total);
  return {
    name: `DTI ${assessment.year} - ${fileSafe(assessment.province.name)}.xlsx`,
    xlsx: await toBuffer(workbook),
  };
}
