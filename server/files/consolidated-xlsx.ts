// The consolidated report as an .xlsx laid out like Phụ lục 02/03: a sheet of who has reported,
// then one sheet per table — each row with its totals, every agency's text listed under it and
// the roll-ups by district and province — then the outline answers per agency. Written with
// ExcelJS's streaming writer straight to the response, each row committed as soon as it is laid
// out, from the consolidation read in the sheet's own order (consolidation/pages.ts: a few rows of
// every agency at a time): neither a table nor the workbook is ever held whole.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import type {
  Completeness,
  ConsolidatedTableView,
  OrgName,
  RecipientStatus,
} from '../../shared/reporting/consolidated.ts';
import type { SheetColumn } from '../../shared/reporting/sheet.ts';
import {
  COMPLETENESS_HEADER,
  completenessFigures,
  completenessLine,
  consolidatedLines,
} from '../../shared/reporting/consolidated-layout.ts';
import { NUMBER_FORMATS, uniqueSheetName } from '../../shared/reporting/spreadsheet.ts';
import { sectionTitle, shortTableName } from '../../shared/reporting/sheet.ts';
import { FILL_GROUP, FILL_HEADER, FILL_WARNING, THIN_BORDER, excelValue } from './workbook.ts';

export interface ConsolidatedFileMeta {
  requestTitle: string;
  periodLabel: string;
  deadline: Date;
  consolidatorName: string;
  generatedAt: Date;
}

function headerRow(ws: ExcelJS.Worksheet, labels: string[]): void {
  const row = ws.addRow(labels);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
    cell.border = THIN_BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
}

function completenessSheet(
  workbook: ExcelJS.Workbook,
  meta: ConsolidatedFileMeta,
  completeness: Completeness,
  recipients: RecipientStatus[],
): void {
  const ws = workbook.addWorksheet('Tình hình nộp', { views: [{ state: 'frozen', ySplit: 12 }] });
  ws.columns = [
    { width: 6 },
    { width: 48 },
    { width: 12 },
    { width: 18 },
    { width: 18 },
    { width: 12 },
    { width: 10 },
    { width: 40 },
  ];
  ws.addRow([meta.requestTitle]).font = { bold: true, size: 13 };
  ws.addRow([`Kỳ báo cáo: ${meta.periodLabel}; hạn gửi ${formatVietnamTime(meta.deadline)}`]);
  ws.addRow([
    `Đơn vị tổng hợp: ${meta.consolidatorName}; số liệu lúc ${formatVietnamTime(meta.generatedAt)}`,
  ]);
  for (const [label, n] of completenessFigures(completeness)) ws.addRow(['', label, n]);
  ws.addRow([]);
  headerRow(ws, COMPLETENESS_HEADER);
  recipients.forEach((r, i) => {
    const row = ws.addRow(completenessLine(r, i, formatVietnamTime));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (r.overdue) cell.fill = FILL_WARNING;
    });
    row.commit();
  });
  ws.commit();
}

/** A consolidated table as the consolidation gives it (consolidation/pages.ts). */
export interface TableSource {
  title: string;
  description: string | null;
  columns: SheetColumn[];
  /**
   * The table's rows in the order of the sheet, a few at a time: each shared row with its totals,
   * roll-ups and every agency that reported it, then the rows agencies added.
   */
  rows(): AsyncIterable<ConsolidatedTableView['rows']>;
}

export interface SectionSource {
  key: string;
  number: string | null;
  heading: string;
  depth: number;
  answers(): AsyncIterable<{ org: OrgName; text: string }[]>;
}

async function tableSheet(
  workbook: ExcelJS.Workbook,
  table: TableSource,
  name: string,
): Promise<void> {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  const columns = table.columns;
  ws.columns = [
    { width: 34 },
    ...columns.map((c) => ({ width: c.type === 'LONG_TEXT' ? 48 : c.type === 'TEXT' ? 26 : 16 })),
  ];
  ws.addRow([table.title]).font = { bold: true, size: 12 };
  ws.addRow([table.description ?? '']).font = { italic: true, color: { argb: 'FF595959' } };
  headerRow(ws, ['Đơn vị', ...columns.map((c) => c.label)]);
  const styleLine = (row: ExcelJS.Row, bold = false) => {
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = THIN_BORDER;
      cell.alignment = { wrapText: true, vertical: 'top' };
      const fmt = col > 1 ? NUMBER_FORMATS[columns[col - 2]!.type] : undefined;
      if (fmt) cell.numFmt = fmt;
      if (bold) cell.font = { bold: true };
    });
  };
  const head = { key: '', title: table.title, description: table.description, columns };
  const write = (rows: ConsolidatedTableView['rows']) => {
    for (const line of consolidatedLines({ ...head, rows })) {
      if (line.kind === 'group') {
        const row = ws.addRow([line.label]);
        ws.mergeCells(row.number, 1, row.number, columns.length + 1);
        row.getCell(1).font = { bold: true };
        row.getCell(1).fill = FILL_GROUP;
        row.commit();
        continue;
      }
      const row = ws.addRow([
        line.label,
        ...columns.map((c, i) => excelValue(c, line.values[i] ?? null)),
      ]);
      styleLine(row, line.kind === 'total');
      if (line.kind === 'rollup') row.getCell(1).font = { italic: true };
      row.commit();
    }
  };
  for await (const rows of table.rows()) write(rows);
  ws.commit();
}

async function outlineSheet(
  workbook: ExcelJS.Workbook,
  sections: SectionSource[],
  name: string,
): Promise<void> {
  const ws = workbook.addWorksheet(name);
  ws.columns = [{ width: 40 }, { width: 110 }];
  ws.addRow(['ĐỀ CƯƠNG: CÂU TRẢ LỜI CỦA CÁC ĐƠN VỊ']).font = { bold: true, size: 13 };
  for (const s of sections) {
    const heading = ws.addRow([sectionTitle(s)]);
    ws.mergeCells(heading.number, 1, heading.number, 2);
    heading.getCell(1).font = { bold: true };
    heading.getCell(1).alignment = { wrapText: true };
    heading.commit();
    let none = true;
    for await (const page of s.answers()) {
      for (const a of page) {
        none = false;
        const row = ws.addRow([a.org.name, a.text]);
        row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
        row.getCell(1).alignment = { vertical: 'top' };
        row.commit();
      }
    }
    if (none) {
      const row = ws.addRow(['', '(chưa có đơn vị nào trả lời)']);
      row.getCell(2).font = { italic: true };
      row.commit();
    }
  }
  ws.commit();
}

/** The whole workbook, written to `out` as it is laid out. */
export async function writeConsolidatedXlsx(
  out: Writable,
  meta: ConsolidatedFileMeta,
  recipients: RecipientStatus[],
  completeness: Completeness,
  tables: TableSource[],
  outline: SectionSource[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'Tổng hợp';
  workbook.created = meta.generatedAt;
  completenessSheet(workbook, meta, completeness, recipients);
  const taken = new Set(['tình hình nộp']);
  for (const table of tables) {
    await tableSheet(workbook, table, uniqueSheetName(shortTableName(table.title), taken));
  }
  if (outline.length) await outlineSheet(workbook, outline, uniqueSheetName('Đề cương', taken));
  await workbook.commit();
}
