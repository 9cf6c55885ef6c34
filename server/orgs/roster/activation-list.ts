// The activation codes just issued, to print and hand out: one list per agency (agency, name,
// email, code, valid until), as an .xlsx that prints one agency per page, and as an HTML page to
// print from the browser. Codes are shown only here, once; the server keeps only their hashes.
import { loadExcelJS } from '../../libraries.ts';
import { formatVietnamTime } from '../../../shared/time/vietnam.ts';
import { ACTIVATION_STEPS } from '../../auth/code-messages.ts';
import { FILL_HEADER, THIN_BORDER, toBuffer } from '../../files/workbook.ts';

export interface ActivationLine {
  orgName: string;
  orgCode: string;
  name: string;
  email: string;
  code: string;
  expiresAt: Date;
  /** Also emailed to the person (the server has SMTP). */
  emailed?: boolean;
}

/** How to use a code, for the person who receives it: the invitation email's steps. */
export const HOW_TO_ACTIVATE = `${ACTIVATION_STEPS} Mỗi mã chỉ dùng được một lần, trước thời hạn ghi bên cạnh.`;

/** The lines grouped by agency, agencies and people in Vietnamese alphabetical order. */
export function byAgency(lines: ActivationLine[]): [string, ActivationLine[]][] {
  const groups = new Map<string, ActivationLine[]>();
  const sorted = [...lines].sort(
    (a, b) => a.orgName.localeCompare(b.orgName, 'vi') || a.name.localeCompare(b.name, 'vi'),
  );
  for (const line of sorted) {
    const list = groups.get(line.orgName) ?? [];
    list.push(line);
    groups.set(line.orgName, list);
  }
  return [...groups];
}

const HEADERS = ['Đơn vị', 'Họ và tên', 'Thư điện tử', 'Mã kích hoạt', 'Hết hạn'];

export async function activationListXlsx(title: string, lines: ActivationLine[]): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Tổng hợp';
  workbook.created = new Date();
  const ws = workbook.addWorksheet('Mã kích hoạt', {
    pageSetup: {
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      printTitlesRow: '3:3',
    },
  });
  ws.columns = [{ width: 40 }, { width: 28 }, { width: 34 }, { width: 18 }, { width: 18 }];
  ws.getCell('A1').value = `Mã kích hoạt tài khoản – ${title}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = HOW_TO_ACTIVATE;
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.mergeCells('A2:E2');
  ws.getRow(2).height = 45;
  const header = ws.getRow(3);
  HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
    cell.border = THIN_BORDER;
  });
  let r = 4;
  const groups = byAgency(lines);
  groups.forEach(([, group], g) => {
    for (const line of group) {
      const row = ws.getRow(r++);
      [line.orgName, line.name, line.email, line.code, formatVietnamTime(line.expiresAt)].forEach(
        (value, i) => {
          const cell = row.getCell(i + 1);
          cell.value = value;
          cell.border = THIN_BORDER;
        },
      );
      row.getCell(4).font = { name: 'Consolas', bold: true, size: 12 };
    }
    // Each agency on its own page, to hand its list over whole.
    if (g < groups.length - 1) ws.getRow(r - 1).addPageBreak();
  });
  return toBuffer(workbook);
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A page to print: one section (and sheet of paper) per agency. */
export function activationListHtml(title: string, lines: ActivationLine[]): string {
  const sections = byAgency(lines)
    .map(
      ([org, group]) => `<section>
<h2>${escape(org)}</h2>
<table>
<thead><tr>${HEADERS.slice(1)
        .map((h) => `<th>${h}</th>`)
        .join('')}</tr></thead>
<tbody>
${group
  .map(
    (l) =>
      `<tr><td>${escape(l.name)}</td><td>${escape(l.email)}</td><td class="code">${escape(l.code)}</td><td>${formatVietnamTime(l.expiresAt)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Mã kích hoạt – ${escape(title)}</title>
<style>
body { font-family: "Times New Roman", serif; margin: 2cm; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 4px 8px; text-align: left; }
td.code { font-family: Consolas, monospace; font-size: 13pt; font-weight: bold; letter-spacing: 1px; }
section { page-break-after: always; break-after: page; }
section:last-child { page-break-after: auto; break-after: auto; }
</style>
</head>
<body>
<h1>Mã kích hoạt tài khoản – ${escape(title)}</h1>
<p>${escape(HOW_TO_ACTIVATE)}</p>
${sections}
</body>
</html>
`;
}
