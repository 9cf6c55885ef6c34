// The consolidated report as an .xlsx laid out like Phụ lục 02/03: a sheet of who has reported,
// then one sheet per table — each row with its totals, every agency's text listed under it and
// the roll-ups by district and province — then the outline answers per agency. Written with
// ExcelJS's streaming writer straight to the response, each row committed as soon as it is laid
// out, from the consolidation read in the sheet's own order (consolidation/pages.ts: a few rows of
// every agency at a time), pausing whenever the client reads slower than rows are written: neither
// a table nor the workbook is ever held whole (3,321 communes: ~8 MB of file, ~700,000 cells).
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

/** Rows laid out between two looks at whether the zip has taken the ones before (drained). */
const ROWS_BETWEEN_DRAINS = 64;

/** The part of a Node or readable-stream writable that `drained` reads. */
interface PipedStream {
  _writableState?: { needDrain: boolean };
  once(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

/**
 * ExcelJS's WorkbookWriter does not heed back-pressure: a sheet's rows go from its StreamBuf into
 * the zip entry (a PassThrough archiver pipes into zlib) by write() calls whose answer is ignored,
 * so when the client reads slower than rows are laid out — or the sheet's entry waits behind the
 * previous one — the sheet piles up in memory in front of zlib. So, every ROWS_BETWEEN_DRAINS
 * rows, the writer waits until what ExcelJS feeds has drained (3,321 communes on a busy machine:
 * +150–180 MB without the waits, +115–135 with them; a client taking a minute to read the file,
 * +160 against +95 MB). The StreamBuf (`stream`) and its `pipes` are ExcelJS internals, hence the
 * cast; `_writableState.needDrain` is the one flag both Node's streams and archiver's
 * readable-stream 2 keep (the latter has no `writableNeedDrain`). Stops, with an error, if the
 * response closes first (the client went away).
 */
function drainer(out: Writable): (ws: ExcelJS.Worksheet) => Promise<void> {
  let rows = 0;
  return async (ws) => {
    if (++rows % ROWS_BETWEEN_DRAINS) return;
    const { pipes } = (ws as unknown as { stream: { pipes: PipedStream[] } }).stream;
    for (const pipe of pipes) {
      if (!pipe._writableState?.needDrain) continue;
      if (out.destroyed) throw new Error('Người tải đã đóng kết nối.');
      await new Promise<void>((resolve, reject) => {
        const drained = () => {
          out.removeListener('close', closed);
          resolve();
        };
        const closed = () => {
          pipe.removeListener('drain', drained);
          reject(new Error('Người tải đã đóng kết nối.'));
        };
        pipe.once('drain', drained);
        out.once('close', closed);
      });
    }
  };
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

async function completenessSheet(
  workbook: ExcelJS.Workbook,
  meta: ConsolidatedFileMeta,
  completeness: Completeness,
  recipients: RecipientStatus[],
  drain: (ws: ExcelJS.Worksheet) => Promise<void>,
): Promise<void> {
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
  for (const [i, r] of recipients.entries()) {
    const row = ws.addRow(completenessLine(r, i, formatVietnamTime));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN_BORDER;
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (r.overdue) cell.fill = FILL_WARNING;
    });
    row.commit();
    await drain(ws);
  }
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
  drain: (ws: ExcelJS.Worksheet) => Promise<void>,
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
  const write = async (rows: ConsolidatedTableView['rows']) => {
    for (const line of consolidatedLines({ ...head, rows })) {
      if (line.kind === 'group') {
        const row = ws.addRow([line.label]);
        ws.mergeCells(row.number, 1, row.number, columns.length + 1);
        row.getCell(1).font = { bold: true };
        row.getCell(1).fill = FILL_GROUP;
        row.commit();
        await drain(ws);
        continue;
      }
      const row = ws.addRow([
        line.label,
        ...columns.map((c, i) => excelValue(c, line.values[i] ?? null)),
      ]);
      styleLine(row, line.kind === 'total');
      if (line.kind === 'rollup') row.getCell(1).font = { italic: true };
      row.commit();
      await drain(ws);
    }
  };
  for await (const rows of table.rows()) await write(rows);
  ws.commit();
}

async function outlineSheet(
  workbook: ExcelJS.Workbook,
  sections: SectionSource[],
  name: string,
  drain: (ws: ExcelJS.Worksheet) => Promise<void>,
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
        await drain(ws);
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
  const drain = drainer(out);
  await completenessSheet(workbook, meta, completeness, recipients, drain);
  const taken = new Set(['tình hình nộp']);
  for (const table of tables) {
    await tableSheet(workbook, table, uniqueSheetName(shortTableName(table.title), taken), drain);
  }
  if (outline.length) {
    await outlineSheet(workbook, outline, uniqueSheetName('Đề cương', taken), drain);
  }
  await workbook.commit();
}
