// The readable copy of a sent report, laid out as Nghị định 30/2020 lays out an administrative
// document: agency top-left, national name and motto top-right, title, the tables and written
// answers, the signing block bottom-right. It is signed as PAdES (pades.ts) by the leader's device
// over a digest the server hands out, and regenerated when the signature comes back — so the same
// input must give the same bytes, byte for byte: every date in the file comes from the input, and
// pdfkit's file /ID is an MD5 of the document info, which is fixed here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadPdfKit } from '../libraries.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';

export interface ReportPdfInput {
  agencyName: string;
  parentName: string | null;
  requestTitle: string;
  periodLabel: string;
  version: number;
  approvedAt: Date;
  signedAt: Date;
  tables: {
    title: string;
    columns: { key: string; title: string }[];
    rows: { label: string; cells: Record<string, string> }[];
  }[];
  answers: { title: string; text: string }[];
  signer: {
    /** "KT.", "TM.", … or "" when the head signs in person. */
    prefix: string;
    /** The head's office the form refers to: "GIÁM ĐỐC", "ỦY BAN NHÂN DÂN". */
    office: string;
    /** The signer's own office when it differs: "PHÓ GIÁM ĐỐC", "CHỦ TỊCH". */
    title: string | null;
    name: string;
  };
}

const MM = 72 / 25.4;
/** Nghị định 30/2020, Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const A4 = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
const PAGE_BOTTOM = A4.height - MARGINS.bottom;

const FONT = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic' } as const;
const FONT_FILES = {
  [FONT.regular]: 'DejaVuSerif.ttf',
  [FONT.bold]: 'DejaVuSerif-Bold.ttf',
  [FONT.italic]: 'DejaVuSerif-Italic.ttf',
};

let fontCache: Map<string, Buffer> | null = null;

/** DejaVu covers Vietnamese; read once from the npm package, embedded as subsets by pdfkit. */
function fonts(): Map<string, Buffer> {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontCache = new Map(
      Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(join(dir, file))]),
    );
  }
  return fontCache;
}

type Doc = PDFKit.PDFDocument;

/** Text as typed may be decomposed (NFD); the fonts' composed glyphs read better. */
const nfc = (text: string) => text.normalize('NFC');
const upper = (text: string) => nfc(text).toLocaleUpperCase('vi');

/** "ngày 05 tháng 02 năm 2024": day below 10 and months 1–2 with a leading zero (Phụ lục I). */
export function vietnamDateLine(at: Date): string {
  const [day, month, year] = formatVietnamTime(at).slice(0, 10).split('/').map(Number) as [
    number,
    number,
    number,
  ];
  const d = String(day).padStart(2, '0');
  const m = month < 3 ? String(month).padStart(2, '0') : String(month);
  return `Ngày ${d} tháng ${m} năm ${year}`;
}

/** A line centred in a column, shrunk until it fits on one line (the national name is long). */
function fittedLine(doc: Doc, text: string, x: number, y: number, width: number, size: number) {
  let s = size;
  doc.fontSize(s);
  while (s > 8 && doc.widthOfString(text) > width) doc.fontSize((s -= 0.5));
  doc.text(text, x, y, { width, align: 'center', lineBreak: false });
  return { bottom: y + doc.currentLineHeight(true), textWidth: doc.widthOfString(text) };
}

function underline(doc: Doc, centre: number, y: number, width: number) {
  doc
    .moveTo(centre - width / 2, y)
    .lineTo(centre + width / 2, y)
    .lineWidth(0.6)
    .stroke();
}

function header(doc: Doc, input: ReportPdfInput) {
  const left = { x: MARGINS.left, width: CONTENT_WIDTH * 0.42 };
  const right = { x: MARGINS.left + left.width, width: CONTENT_WIDTH - left.width };
  const top = MARGINS.top;

  let y = top;
  if (input.parentName) {
    doc.font(FONT.regular).fontSize(12);
    doc.text(upper(input.parentName), left.x, y, { width: left.width, align: 'center' });
    y = doc.y;
  }
  doc.font(FONT.bold).fontSize(12);
  doc.text(upper(input.agencyName), left.x, y, { width: left.width, align: 'center' });
  const leftBottom = doc.y + 3;
  underline(doc, left.x + left.width / 2, leftBottom, left.width * 0.35);

  doc.font(FONT.bold);
  const nation = fittedLine(
    doc,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    right.x,
    top,
    right.width,
    12,
  );
  const motto = fittedLine(
    doc,
    'Độc lập - Tự do - Hạnh phúc',
    right.x,
    nation.bottom,
    right.width,
    13,
  );
  underline(doc, right.x + right.width / 2, motto.bottom + 1, motto.textWidth);
  doc.font(FONT.italic).fontSize(13);
  doc.text(vietnamDateLine(input.signedAt), right.x, motto.bottom + 8, {
    width: right.width,
    align: 'center',
  });

  doc.y = Math.max(leftBottom, doc.y) + 18;
}

function title(doc: Doc, input: ReportPdfInput) {
  const at = { width: CONTENT_WIDTH, align: 'center' as const };
  doc.font(FONT.bold).fontSize(14).text(upper(input.requestTitle), MARGINS.left, doc.y, at);
  doc
    .font(FONT.bold)
    .fontSize(13)
    .text(`Kỳ báo cáo: ${nfc(input.periodLabel)}`, at);
  doc
    .font(FONT.italic)
    .fontSize(11)
    .text(`(Phiên bản ${input.version}, duyệt lúc ${formatVietnamTime(input.approvedAt)})`, at);
  doc.moveDown(1);
}

/** Room left on the page; a new page when less than `height` is left. */
function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > PAGE_BOTTOM) {
    doc.addPage();
    doc.y = MARGINS.top;
  }
}

const CELL_PAD = 3;
const NUMBER = /^[-+−]?[\d\s.,]+%?$/;

interface Column {
  text: (row: number) => string;
  title: string;
  width: number;
  align: 'left' | 'right';
}

function tableColumns(table: ReportPdfInput['tables'][number]): Column[] {
  const n = table.columns.length;
  const labelWidth =
    n === 0
      ? CONTENT_WIDTH
      : Math.max(CONTENT_WIDTH * 0.28, Math.min(CONTENT_WIDTH * 0.4, CONTENT_WIDTH - n * 55));
  const valueWidth = n === 0 ? 0 : (CONTENT_WIDTH - labelWidth) / n;
  return [
    {
      title: 'Chỉ tiêu',
      width: labelWidth,
      align: 'left',
      text: (r) => nfc(table.rows[r]?.label ?? ''),
    },
    ...table.columns.map((c): Column => {
      const values = table.rows.map((row) => nfc(row.cells[c.key] ?? ''));
      const numeric = values.every((v) => v === '' || NUMBER.test(v));
      return {
        title: nfc(c.title),
        width: valueWidth,
        align: numeric ? 'right' : 'left',
        text: (r) => values[r] ?? '',
      };
    }),
  ];
}

function rowHeight(doc: Doc, texts: string[], columns: Column[]): number {
  let h = 0;
  columns.forEach((c, i) => {
    h = Math.max(h, doc.heightOfString(texts[i] || ' ', { width: c.width - 2 * CELL_PAD }));
  });
  return h + 2 * CELL_PAD;
}

function drawRow(doc: Doc, texts: string[], columns: Column[], head: boolean) {
  const y = doc.y;
  // A row taller than what is left of the page is cut short (with "…"), never spilled over.
  const height = Math.min(rowHeight(doc, texts, columns), PAGE_BOTTOM - y);
  let x = MARGINS.left;
  doc.lineWidth(0.5);
  columns.forEach((c, i) => {
    if (head)
      doc.rect(x, y, c.width, height).fillAndStroke('#e8e8e8', '#000000').fillColor('#000000');
    else doc.rect(x, y, c.width, height).stroke();
    doc.text(texts[i] ?? '', x + CELL_PAD, y + CELL_PAD, {
      width: c.width - 2 * CELL_PAD,
      height: height - 2 * CELL_PAD,
      align: head ? 'center' : c.align,
      ellipsis: true,
    });
    x += c.width;
  });
  doc.x = MARGINS.left;
  doc.y = y + height;
}

function table(doc: Doc, t: ReportPdfInput['tables'][number]) {
  const columns = tableColumns(t);
  const size = columns.length > 6 ? 9 : 10;
  const titles = columns.map((c) => c.title);
  const rowTexts = (r: number) => columns.map((c) => c.text(r));
  doc.font(FONT.bold).fontSize(12);
  const titleHeight = doc.heightOfString(nfc(t.title), { width: CONTENT_WIDTH });
  doc.font(FONT.bold).fontSize(size);
  const headHeight = rowHeight(doc, titles, columns);
  doc.font(FONT.regular).fontSize(size);
  const firstRowHeight = t.rows.length ? rowHeight(doc, rowTexts(0), columns) : 20;
  // The title never ends a page alone: it goes with the column titles and the first row.
  ensureRoom(doc, titleHeight + 6 + headHeight + firstRowHeight);
  doc
    .font(FONT.bold)
    .fontSize(12)
    .text(nfc(t.title), MARGINS.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
  if (!t.rows.length) {
    doc.font(FONT.italic).fontSize(11).text('(Không có số liệu)', { width: CONTENT_WIDTH });
    doc.moveDown(1);
    return;
  }
  doc.font(FONT.bold).fontSize(size);
  drawRow(doc, titles, columns, true);
  t.rows.forEach((_, r) => {
    const texts = rowTexts(r);
    doc.font(FONT.regular).fontSize(size);
    // The first row's room was made with the title's (ensureRoom above).
    if (r > 0 && doc.y + rowHeight(doc, texts, columns) > PAGE_BOTTOM) {
      // The column titles again at the top of the next page, so the page reads on its own.
      doc.addPage();
      doc.y = MARGINS.top;
      doc.font(FONT.bold).fontSize(size);
      drawRow(doc, titles, columns, true);
      doc.font(FONT.regular).fontSize(size);
    }
    drawRow(doc, texts, columns, false);
  });
  doc.moveDown(1);
}

function answers(doc: Doc, list: ReportPdfInput['answers']) {
  for (const a of list) {
    doc.font(FONT.bold).fontSize(13);
    ensureRoom(doc, doc.heightOfString(nfc(a.title), { width: CONTENT_WIDTH }) + 40);
    doc.text(nfc(a.title), MARGINS.left, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.2);
    doc.font(FONT.regular).fontSize(13);
    doc.text(nfc(a.text), { width: CONTENT_WIDTH, align: 'justify', indent: 28 });
    doc.moveDown(0.8);
  }
}

/** Bottom-right: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", room for the seal, the name, the time. */
function signingBlock(doc: Doc, input: ReportPdfInput) {
  const { signer } = input;
  const block = { x: MARGINS.left + CONTENT_WIDTH * 0.45, width: CONTENT_WIDTH * 0.55 };
  const lines = [
    [signer.prefix.trim(), upper(signer.office).trim()].filter(Boolean).join(' '),
    signer.title ? upper(signer.title) : '',
  ].filter(Boolean);
  ensureRoom(doc, 160);
  doc.moveDown(0.5);
  const at = { width: block.width, align: 'center' as const };
  doc.font(FONT.bold).fontSize(13);
  doc.text(lines[0] ?? '', block.x, doc.y, at);
  for (const line of lines.slice(1)) doc.text(line, at);
  doc.moveDown(0.6);
  doc.font(FONT.italic).fontSize(11).text('(Đã ký số)', at);
  doc.moveDown(2.2);
  doc.font(FONT.bold).fontSize(13).text(nfc(signer.name), at);
  doc
    .font(FONT.italic)
    .fontSize(10)
    .text(`Ký số lúc ${formatVietnamTime(input.signedAt)} (giờ Việt Nam)`, at);
}

/** Page numbers from the second page, top centre (Phụ lục I). */
function pageNumbers(doc: Doc) {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    doc.font(FONT.regular).fontSize(12);
    doc.text(String(i + 1), MARGINS.left, MARGINS.top / 2, {
      width: CONTENT_WIDTH,
      align: 'center',
      lineBreak: false,
    });
  }
}

/** The report as an A4 PDF; the same input gives the same bytes. */
export async function renderReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    pdfVersion: '1.7',
    bufferPages: true,
    autoFirstPage: false,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `${nfc(input.requestTitle)} – ${nfc(input.periodLabel)} – ${nfc(input.agencyName)}`,
      Author: nfc(input.agencyName),
      Subject: `Báo cáo phiên bản ${input.version}`,
      Creator: 'Tổng hợp',
      Producer: 'Tổng hợp (PDFKit)',
      // Fixed dates: pdfkit would put "now" here, and derives the trailer's /ID from these fields.
      CreationDate: input.approvedAt,
      ModDate: input.approvedAt,
    },
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.addPage();
  header(doc, input);
  title(doc, input);
  for (const t of input.tables) table(doc, t);
  answers(doc, input.answers);
  signingBlock(doc, input);
  pageNumbers(doc);
  doc.end();
  return done;
}
