// "Báo cáo tổng hợp": the consolidating department's report on one request, as a .docx laid out
// per Nghị định 30/2020 (layout.ts), ready for the department to edit and sign. It says what the
// consolidator's view says — completeness and who sent, late or not (server/consolidation), each
// table's totals and roll-ups, the agencies' written answers under each outline heading — from
// the same openConsolidation the GraphQL fields and the .xlsx use, so the numbers are the same.
import type { Paragraph, Table } from 'docx';
import type { Context } from '../graphql/context.ts';
import { openConsolidation, type OpenedConsolidation } from '../consolidation/consolidate.ts';
import type { ConsolidatedTable, RecipientStatus } from '../../shared/reporting/consolidated.ts';
import {
  completenessFigures,
  consolidatedLines,
  stateText,
} from '../../shared/reporting/consolidated-layout.ts';
import { isSent } from '../../shared/reporting/status.ts';
import { sectionTitle } from '../../shared/reporting/sheet.ts';
import type { SheetColumn } from '../../shared/reporting/sheet.ts';
import { canonicalFromNumber, formatCell } from '../../shared/cells/parse.ts';
import { formatThousands } from '../../shared/format/vietnamese-number.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import {
  body,
  dataTable,
  heading,
  renderDocument,
  run,
  shareWidths,
  type OfficialDocument,
} from './layout.ts';
import { loadIssuer, type Issuer } from './issuer.ts';
import {
  numberLine,
  placeAndDate,
  recipientLines,
  signerLines,
  withoutPlace,
  mmToTwips,
} from './nd30.ts';

/**
 * What a request asks for, as the object of a sentence: "Báo cáo tiến độ chuyển đổi số Quý
 * III/2026" → "báo cáo tiến độ chuyển đổi số Quý III/2026"; a title that does not start with
 * "Báo cáo" gets it in front ("báo cáo Sơ kết 01 năm …").
 */
export function reportSubject(title: string): string {
  const text = title.normalize('NFC').replace(/\s+/g, ' ').trim();
  const m = /^báo cáo\s+/iu.exec(text);
  return m ? `báo cáo ${text.slice(m[0].length)}` : `báo cáo ${text}`;
}

/** II.5.a: the trích yếu under "BÁO CÁO". */
export const consolidatedSummary = (title: string): string =>
  `Tổng hợp kết quả ${reportSubject(title)}`;

const NUMERIC = new Set(['INTEGER', 'DECIMAL', 'PERCENT', 'MONEY']);
export const isNumeric = (column: { type: string }): boolean => NUMERIC.has(column.type);

/**
 * A consolidated value as the document prints it: Vietnamese digits (shared/cells formatCell:
 * "12.345", "93,27%", "1.500.000 đ"), averages rounded to two decimals — a document is read,
 * not recomputed (the .xlsx keeps every digit).
 */
export function documentValue(column: SheetColumn, value: string | null): string {
  if (value === null || value === '') return '';
  if (isNumeric(column)) {
    const n = Number(value);
    if (Number.isFinite(n))
      return formatCell(column, canonicalFromNumber(Math.round(n * 100) / 100));
  }
  return formatCell(column, value);
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** "A, B, C" with each agency's note, or "(không có)". */
function nameList(recipients: RecipientStatus[], note: (r: RecipientStatus) => string | null) {
  if (!recipients.length) return '(không có).';
  return `${recipients
    .map((r) => {
      const n = note(r);
      return n ? `${r.org.name} (${n})` : r.org.name;
    })
    .join('; ')}.`;
}

/** I. Who was asked, who sent on time, late, and who has not sent yet. */
function completenessPart(c: OpenedConsolidation, number: string): (Paragraph | Table)[] {
  const figures = completenessFigures(c.completeness);
  const sent = c.recipients.filter((r) => isSent(r.state));
  const onTime = sent.filter((r) => !r.late);
  const late = sent.filter((r) => r.late);
  const notSent = c.recipients.filter((r) => !isSent(r.state));
  const overdue = notSent.filter((r) => r.overdue).length;
  // The state matters when the report exists but is not sent (with the leader, returned).
  const waiting = (r: RecipientStatus) =>
    r.state === 'NOT_STARTED' || r.state === 'DRAFT' ? null : stateText(r).toLowerCase();
  return [
    heading(`${number}. TÌNH HÌNH GỬI BÁO CÁO`),
    ...figures.map(([label, n], i) =>
      body(`- ${label}: ${formatThousands(n)}${i === figures.length - 1 ? '.' : ';'}`),
    ),
    body([
      run(`1. Gửi đúng hạn (${formatThousands(onTime.length)} đơn vị): `, { bold: true }),
      run(nameList(onTime, () => null)),
    ]),
    body([
      run(`2. Gửi trễ hạn (${formatThousands(late.length)} đơn vị): `, { bold: true }),
      run(
        nameList(late, (r) =>
          r.submittedAt ? `gửi lúc ${formatVietnamTime(r.submittedAt)}` : null,
        ),
      ),
    ]),
    body([
      run(
        `3. Chưa gửi (${formatThousands(notSent.length)} đơn vị, trong đó ${formatThousands(overdue)} đơn vị đã quá hạn): `,
        { bold: true },
      ),
      run(nameList(notSent, waiting)),
    ]),
  ];
}

/** Every numeric value of a line, to tell a roll-up that only repeats the total. */
const numericValues = (table: ConsolidatedTable, values: (string | null)[]) =>
  table.columns.map((c, i) => (isNumeric(c) ? (values[i] ?? null) : null)).join('|');

/**
 * One table as the appendix reads it, without each agency's line (those are in the .xlsx): the
 * group rows, each row's totals with how many agencies reported it and their notes (text columns
 * listed per agency), and the roll-ups by district and province that say more than the total.
 */
export function tableRows(table: ConsolidatedTable) {
  const rowsByKey = new Map(table.rows.map((r) => [r.key, r]));
  const lines = consolidatedLines(table);
  const textColumn = table.columns.findIndex((c) => !isNumeric(c));
  const out: { cells: string[]; bold?: boolean; italics?: boolean; merged?: boolean }[] = [];
  let n = 0;
  const totals = new Map<string, string>();
  for (const l of lines) {
    const row = rowsByKey.get(l.rowKey)!;
    if (l.kind === 'group') {
      out.push({ cells: [l.label], bold: true, merged: true });
    } else if (l.kind === 'total') {
      totals.set(l.rowKey, numericValues(table, l.values));
      out.push({
        cells: [
          String(++n),
          ...table.columns.map((c, i) => {
            if (c.aggregate === 'LIST' && !c.readOnly) {
              return row.byOrg
                .map((o) => {
                  const v = o.cells.find((x) => x.columnKey === c.key)?.value;
                  return v ? `${o.org.name}: ${documentValue(c, v)}` : null;
                })
                .filter(Boolean)
                .join('\n');
            }
            return documentValue(c, l.values[i] ?? null);
          }),
          formatThousands(row.byOrg.length),
        ],
      });
    } else if (l.kind === 'rollup' && numericValues(table, l.values) !== totals.get(l.rowKey)) {
      out.push({
        italics: true,
        cells: [
          textColumn < 0 ? l.label : '',
          ...table.columns.map((c, i) =>
            i === textColumn ? l.label : isNumeric(c) ? documentValue(c, l.values[i] ?? null) : '',
          ),
          '',
        ],
      });
    }
  }
  return out;
}

/** How much of the free width a text column takes: the row's name most, notes listed per agency next. */
function columnWeight(column: SheetColumn, first: boolean): number {
  if (first) return 3;
  if (column.type === 'LONG_TEXT' || (column.aggregate === 'LIST' && !column.readOnly)) return 2.5;
  return column.readOnly ? 1 : 1.5;
}

function tablePart(table: ConsolidatedTable, index: number): (Paragraph | Table)[] {
  const columns = table.columns;
  const textColumn = columns.findIndex((c) => !isNumeric(c));
  const widths = shareWidths(
    [mmToTwips(10), ...columns.map((c) => (isNumeric(c) ? mmToTwips(24) : null)), mmToTwips(18)],
    [0, ...columns.map((c, i) => columnWeight(c, i === textColumn)), 0],
  );
  return [
    body(`${index}. ${table.title}`, { bold: true }, true),
    ...(table.description ? [body(table.description, { italics: true }, true)] : []),
    dataTable(
      ['TT', ...columns.map((c) => c.label), 'Số đơn vị báo cáo'],
      widths,
      tableRows(table),
      [false, ...columns.map(isNumeric), true],
    ),
    body(''),
  ];
}

/** III. Under each heading of the outline, what each agency wrote. */
function outlinePart(c: OpenedConsolidation, number: string): Paragraph[] {
  const out = [heading(`${number}. NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ`)];
  for (const s of c.consolidated.outline) {
    out.push(body(sectionTitle(s), { bold: true }, true));
    if (!s.answers.length) out.push(body('(Chưa có đơn vị nào trả lời.)', { italics: true }));
    for (const a of s.answers) {
      const [first = '', ...rest] = a.text
        .split(/\n+/)
        .map((t) => t.trim())
        .filter(Boolean);
      out.push(body([run(`- ${a.org.name}: `, { italics: true, bold: true }), run(first)]));
      for (const p of rest) out.push(body(p));
    }
  }
  return out;
}

/** The report's parts, from the consolidation and the issuing department. */
export function consolidatedReport(
  c: OpenedConsolidation,
  issuer: Issuer,
  now: Date,
): OfficialDocument {
  const subject = reportSubject(c.request.title);
  const who = withoutPlace(issuer.name);
  const parts: (Paragraph | Table)[] = [
    body(
      `Thực hiện yêu cầu ${subject} (kỳ báo cáo ${c.request.periodLabel}, hạn gửi ${formatVietnamTime(c.request.deadline)}), ${who} tổng hợp kết quả báo cáo của các cơ quan, đơn vị (số liệu đến ${formatVietnamTime(now)}) như sau:`,
    ),
  ];
  // Sections numbered I, II, III as they are present (a template may have no table or no outline).
  const numbers = ROMAN[Symbol.iterator]();
  const next = () => numbers.next().value!;
  parts.push(...completenessPart(c, next()));
  if (c.consolidated.tables.length) {
    parts.push(heading(`${next()}. SỐ LIỆU TỔNG HỢP`));
    c.consolidated.tables.forEach((t, i) => parts.push(...tablePart(t, i + 1)));
  }
  if (c.consolidated.outline.length) parts.push(...outlinePart(c, next()));
  const to = issuer.parentName ? issuer.parentName.replace(/^Ủy ban nhân dân/u, 'UBND') : null;
  parts.push(
    body(
      `Trên đây là báo cáo tổng hợp kết quả ${subject} của ${who}; số liệu của từng cơ quan, đơn vị có trong tệp tổng hợp (.xlsx) trên hệ thống.${to ? ` Kính báo cáo ${to}./.` : '/.'}`,
      {},
      true,
    ),
  );
  return {
    title: consolidatedSummary(c.request.title),
    heading: {
      parent: issuer.parentHeading,
      agency: issuer.agencyHeading,
      number: numberLine('report', issuer.symbol),
      placeAndDate: placeAndDate(issuer.place, now),
    },
    type: { name: 'BÁO CÁO', summary: consolidatedSummary(c.request.title) },
    body: parts,
    signature: {
      // The head signs the department's report; the name is left for the department to write.
      lines: signerLines(issuer.head, false),
      name: '',
      recipients: recipientLines(to ? [`${to} (để báo cáo)`] : []),
    },
  };
}

/** The consolidated report of a request as .docx, for whoever may consolidate it. */
export async function consolidatedReportDocx(
  ctx: Context,
  requestId: string,
  now: Date = new Date(),
): Promise<{ requestTitle: string; docx: Buffer }> {
  // openConsolidation decides access (the consolidating department and those above it).
  const c = await openConsolidation(ctx, requestId, now);
  const { consolidatorOrgId } = await ctx.prisma.reportRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { consolidatorOrgId: true },
  });
  const issuer = await loadIssuer(ctx.prisma, consolidatorOrgId);
  return {
    requestTitle: c.request.title,
    docx: await renderDocument(consolidatedReport(c, issuer, now)),
  };
}
