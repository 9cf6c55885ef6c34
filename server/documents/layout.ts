// An administrative document as Nghị định 30/2020 Phụ lục I lays it out (rules in nd30.ts), built
// with the `docx` package: the heading block (agency and number on the left, national name, motto,
// place and date on the right), the document type and trích yếu or the công văn's "V/v" and
// "Kính gửi", the body, and the signature block beside "Nơi nhận"; page numbers from page 2.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import {
  BODY,
  CONTENT_WIDTH,
  FONT,
  HEADER_DISTANCE,
  MARGINS,
  MOTTO,
  MOTTO_WIDTH,
  NATION,
  PAGE,
  SIZE,
  mmToTwips,
  shortLineWidth,
} from './nd30.ts';

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

/** Every run names its font and size, so no reader falls back to its own defaults (I.4). */
export const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({
    text: text.normalize('NFC'),
    font: FONT,
    size: (style.size ?? SIZE.body) * 2,
    bold: style.bold,
    italics: style.italics,
    language: { value: 'vi-VN' },
  });

interface LineOptions extends RunStyle {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  before?: number;
  after?: number;
  keepNext?: boolean;
}

/** One line (or paragraph) of a single style, single-spaced: the parts of the heading block. */
export function line(text: string | ParagraphChild[], options: LineOptions = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: { before: options.before ?? 0, after: options.after ?? 0 },
    keepNext: options.keepNext,
    children: typeof text === 'string' ? [run(text, options)] : text,
  });
}

/**
 * A horizontal line `width` twips long, centred in a column `room` twips wide (II.1.b, II.2): the
 * bottom border of an empty paragraph 5 pt high, which clears the dots under "Ọ", "Ệ" above it.
 */
function rule(width: number, room: number, after = 0): Paragraph {
  const side = Math.max(0, Math.floor((room - width) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 100, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } },
    children: [run('', { size: 2 })],
  });
}

/**
 * II.6: a body paragraph — justified, first line indented, 6 pt after, 1.15 lines. `keepNext`
 * keeps it on the page of what follows (a table's title with the table, the closing paragraph
 * with the signature block, which never stands alone on a page).
 */
export function body(
  text: string | ParagraphChild[],
  style: RunStyle = {},
  keepNext = false,
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: BODY.firstLineIndent },
    keepNext,
    spacing: { after: BODY.spaceAfter, line: BODY.line, lineRule: LineRuleType.AUTO },
    children: typeof text === 'string' ? [run(text, { size: SIZE.body, ...style })] : text,
  });
}

/** A heading of the body ("I. TÌNH HÌNH GỬI BÁO CÁO"): a body paragraph in bold, kept with the next. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: BODY.firstLineIndent },
    spacing: { before: 60, after: BODY.spaceAfter, line: BODY.line, lineRule: LineRuleType.AUTO },
    keepNext: true,
    children: [run(text, { size: SIZE.body, bold: true })],
  });
}

const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

const layoutCell = (width: number, children: Paragraph[]) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: NO_MARGINS,
    children: children.length ? children : [line('')],
  });

/** A borderless table of fixed columns, for the parts the decree places side by side (IV). */
function layoutTable(widths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    rows: rows.map(
      (cells) =>
        new TableRow({ cantSplit: true, children: cells.map((c, i) => layoutCell(widths[i]!, c)) }),
    ),
  });
}

/** The heading block's columns: 70 mm for the agency, 95 mm for the national name (IV, ô 1–4). */
const LEFT = mmToTwips(70);
const RIGHT = CONTENT_WIDTH - LEFT;

export interface HeadingFacts {
  /** II.2: the parent agency in capitals ("UBND TỈNH NGHỆ AN"), null when none is shown. */
  parent: string | null;
  /** II.2: the issuing agency in capitals ("SỞ KHOA HỌC VÀ CÔNG NGHỆ"). */
  agency: string;
  /** II.3: "Số:        /BC-SKHCN". */
  number: string;
  /** II.5.b: a công văn's trích yếu, without "V/v". */
  subjectLine?: string;
  /** II.4: "Nghệ An, ngày 05 tháng 01 năm 2026". */
  placeAndDate: string;
}

/** IV, ô 1–5b: agency, number and "V/v" on the left; nation, motto, place and date on the right. */
function headingBlock(h: HeadingFacts): Table {
  const left = [
    ...(h.parent ? [line(h.parent, { size: SIZE.parent })] : []),
    line(h.agency, { size: SIZE.agency, bold: true }),
    rule(shortLineWidth(h.agency, SIZE.agency, true, LEFT), LEFT),
  ];
  const right = [
    line(NATION, { size: SIZE.nation, bold: true }),
    line(MOTTO, { size: SIZE.motto, bold: true }),
    // II.1.b: as long as the motto (a little more, so the motto never wraps above it).
    rule(MOTTO_WIDTH + 40, RIGHT),
  ];
  const number = [
    line(h.number, { size: SIZE.number, before: 120 }),
    ...(h.subjectLine
      ? [line(`V/v ${h.subjectLine}`, { size: SIZE.subjectLine, before: 120 })]
      : []),
  ];
  const date = [line(h.placeAndDate, { size: SIZE.placeDate, italics: true, before: 120 })];
  return layoutTable(
    [LEFT, RIGHT],
    [
      [left, right],
      [number, date],
    ],
  );
}

/** II.5.a: "BÁO CÁO", its trích yếu under it, and a short line under that (ô 5a). */
function titleBlock(type: string, summary: string): Paragraph[] {
  return [
    line(type, { size: SIZE.title, bold: true, before: 360, keepNext: true }),
    line(summary, { size: SIZE.title, bold: true, keepNext: true }),
    rule(shortLineWidth(summary, SIZE.title, false, CONTENT_WIDTH), CONTENT_WIDTH, 240),
  ];
}

/** "Kính gửi:" beside the first addressee, the others aligned under it (II.9, ô 9a). */
function addresseeBlock(to: string[]): Paragraph[] {
  const indent = mmToTwips(50);
  const hanging = mmToTwips(25);
  const style = { size: SIZE.addressee };
  const paragraph = (children: ParagraphChild[], first: boolean, last: boolean) =>
    new Paragraph({
      indent: { left: indent, hanging },
      tabStops: [{ type: TabStopType.LEFT, position: indent }],
      spacing: { before: first ? 360 : 0, after: last ? 240 : 0 },
      keepNext: !last,
      children,
    });
  if (to.length === 1) {
    return [paragraph([run('Kính gửi:\t', style), run(`${to[0]}.`, style)], true, true)];
  }
  return to.map((name, i) =>
    paragraph(
      [
        run(i === 0 ? 'Kính gửi:\t' : '\t', style),
        run(`- ${name}${i === to.length - 1 ? '.' : ';'}`, style),
      ],
      i === 0,
      i === to.length - 1,
    ),
  );
}

export interface SignatureFacts {
  /** II.7: the authority and office lines, in capitals ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"). */
  lines: string[];
  /** The signer's name; empty: left for the department to write in before signing. */
  name: string;
  /** II.9: the "Nơi nhận" lines, as recipientLines writes them. */
  recipients: string[];
}

/** IV, ô 7 and 9b: the signature block on the right, "Nơi nhận:" and its list on the left. */
function signatureBlock(s: SignatureFacts): Table {
  const left = mmToTwips(75);
  const right = CONTENT_WIDTH - left;
  const recipients = [
    line('Nơi nhận:', {
      size: SIZE.recipientsLabel,
      bold: true,
      italics: true,
      align: AlignmentType.LEFT,
    }),
    ...s.recipients.map((r) => line(r, { size: SIZE.recipients, align: AlignmentType.LEFT })),
  ];
  const signer = [
    ...s.lines.map((l) => line(l, { size: SIZE.signer, bold: true })),
    // Room for the signature and the seal: five empty lines, about 3 cm.
    ...Array.from({ length: 5 }, () => line('', { size: SIZE.signer })),
    line(s.name, { size: SIZE.signer, bold: true }),
  ];
  return layoutTable([left, right], [[recipients, signer]]);
}

/** I.7: the page number centred in the top margin; the first page shows none (titlePage). */
function pageNumberHeaders() {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              children: [PageNumber.CURRENT],
              font: FONT,
              size: SIZE.pageNumber * 2,
            }),
          ],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

export interface OfficialDocument {
  /** The file's title property. */
  title: string;
  heading: HeadingFacts;
  /** A document with a type name: the type ("BÁO CÁO") and its trích yếu (II.5.a). */
  type?: { name: string; summary: string };
  /** A công văn: who it is addressed to (II.9, "Kính gửi"). */
  addressees?: string[];
  body: (Paragraph | Table)[];
  signature: SignatureFacts;
}

/** The document as .docx bytes. */
export async function renderDocument(d: OfficialDocument): Promise<Buffer> {
  const doc = new Document({
    creator: 'Tổng hợp',
    title: d.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE.body * 2 } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGINS, header: HEADER_DISTANCE, footer: HEADER_DISTANCE },
          },
        },
        headers: pageNumberHeaders(),
        children: [
          headingBlock(d.heading),
          ...(d.type ? titleBlock(d.type.name, d.type.summary) : []),
          ...(d.addressees?.length ? addresseeBlock(d.addressees) : []),
          ...d.body,
          line('', { after: 120, keepNext: true }),
          signatureBlock(d.signature),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A data table in the body: thin borders, a bold header row repeated on every page. */
export function dataTable(
  header: string[],
  widths: number[],
  rows: { cells: string[]; bold?: boolean; italics?: boolean; merged?: boolean }[],
  numeric: boolean[],
): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cellMargins = { top: 30, bottom: 30, left: 80, right: 80 };
  const cell = (
    text: string,
    i: number,
    style: RunStyle & { head?: boolean; span?: number },
  ): TableCell =>
    new TableCell({
      width: {
        size: style.span ? widths.reduce((a, b) => a + b, 0) : widths[i]!,
        type: WidthType.DXA,
      },
      columnSpan: style.span,
      borders,
      margins: cellMargins,
      verticalAlign: VerticalAlign.CENTER,
      children: text.split('\n').map((t) =>
        line(t, {
          size: SIZE.table,
          bold: style.bold,
          italics: style.italics,
          align: style.head
            ? AlignmentType.CENTER
            : style.span
              ? AlignmentType.LEFT
              : numeric[i]
                ? AlignmentType.RIGHT
                : i === 0
                  ? AlignmentType.CENTER
                  : AlignmentType.LEFT,
        }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(h, i, { head: true, bold: true })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.merged
              ? [
                  cell(r.cells[0] ?? '', 0, {
                    bold: r.bold,
                    italics: r.italics,
                    span: widths.length,
                  }),
                ]
              : r.cells.map((c, i) => cell(c, i, { bold: r.bold, italics: r.italics })),
          }),
      ),
    ],
  });
}

/** Column widths over the body's width: fixed ones as given, the rest shared by weight. */
export function shareWidths(fixed: (number | null)[], weights: number[]): number[] {
  const taken = fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
  const free = Math.max(0, CONTENT_WIDTH - taken);
  const totalWeight =
    fixed.reduce<number>((a, w, i) => a + (w === null ? (weights[i] ?? 1) : 0), 0) || 1;
  return fixed.map((w, i) => w ?? Math.floor((free * (weights[i] ?? 1)) / totalWeight));
}
