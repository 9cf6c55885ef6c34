// The consolidated report as an .xlsx laid out like Phụ lục 02/03: a sheet of who has reported,
// then one sheet per table — each row with its totals, every agency's text listed under it and
// the roll-ups by district and province — then the outline answers per agency. Written with
// ExcelJS's streaming writer straight to the response, each row committed as soon as it is laid
// out, from the consolidation read in the sheet's own order (consolidation/pages.ts: a few rows of
// every agency at a time), pausing whenever the client reads slower than rows are written: neither
// a table nor the workbook is ever held whole (3,321 communes: ~8 MB of file, ~700,000 cells).
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../libraries.ts';
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

type Style = Partial<ExcelJS.Style>;
const BOLD: Partial<ExcelJS.Font> = { bold: true };
const ITALIC: Partial<ExcelJS.Font> = { italic: true };
const TOP_WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const HEADER_STYLE: Style = {
  font: BOLD,
  fill: FILL_HEADER,
  border: THIN_BORDER,
  alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
};

/**
 * Each cell's style by kind of line and column, one object for all the cells that share it:
 * ExcelJS's style writer recognises an object it has seen (a WeakMap) instead of serialising a
 * fresh one for each of ~700,000 cells. Never changed once given to a cell (shared).
 */
function lineStyles(columns: SheetColumn[]): Record<'total' | 'org' | 'rollup', Style[]> {
  const line = (kind: 'total' | 'org' | 'rollup'): Style[] =>
    [null, ...columns].map((c, i) => {
      const fmt = c ? NUMBER_FORMATS[c.type] : undefined;
      const font = kind === 'total' ? BOLD : kind === 'rollup' && i === 0 ? ITALIC : undefined;
      return {
        border: THIN_BORDER,
        alignment: TOP_WRAP,
        ...(fmt ? { numFmt: fmt } : {}),
        ...(font ? { font } : {}),
      };
    });
  return { total: line('total'), org: line('org'), rollup: line('rollup') };
}
const GROUP_STYLE: Style = { font: BOLD, fill: FILL_GROUP };

function headerRow(ws: ExcelJS.Worksheet, labels: string[]): void {
  const row = ws.addRow(labels);
  row.eachCell((cell) => {
    cell.style = HEADER_STYLE;
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
  const plain: Style = { border: THIN_BORDER, alignment: TOP_WRAP };
  const overdue: Style = { ...plain, fill: FILL_WARNING };
  for (const [i, r] of recipients.entries()) {
    const row = ws.addRow(completenessLine(r, i, formatVietnamTime));
    const style = r.overdue ? overdue : plain;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.style = style;
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
  const styles = lineStyles(columns);
  const head = { key: '', title: table.title, description: table.description, columns };
  for await (const rows of table.rows()) {
    for (const line of consolidatedLines({ ...head, rows })) {
      if (line.kind === 'group') {
        const row = ws.addRow([line.label]);
        ws.mergeCells(row.number, 1, row.number, columns.length + 1);
        row.getCell(1).style = GROUP_STYLE;
        row.commit();
      } else {
        const row = ws.addRow([
          line.label,
          ...columns.map((c, i) => excelValue(c, line.values[i] ?? null)),
        ]);
        const style = styles[line.kind];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          cell.style = style[col - 1]!;
        });
        row.commit();
      }
      await drain(ws);
    }
  }
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
  const heading: Style = { font: BOLD, alignment: { wrapText: true } };
  const agency: Style = { alignment: { vertical: 'top' } };
  const answer: Style = { alignment: TOP_WRAP };
  const none: Style = { font: ITALIC };
  for (const s of sections) {
    const title = ws.addRow([sectionTitle(s)]);
    ws.mergeCells(title.number, 1, title.number, 2);
    title.getCell(1).style = heading;
    title.commit();
    let answered = false;
    for await (const page of s.answers()) {
      for (const a of page) {
        answered = true;
        const row = ws.addRow([a.org.name, a.text]);
        row.getCell(1).style = agency;
        row.getCell(2).style = answer;
        row.commit();
        await drain(ws);
      }
    }
    if (!answered) {
      const row = ws.addRow(['', '(chưa có đơn vị nào trả lời)']);
      row.getCell(2).style = none;
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
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    // Text inline in each cell (ExcelJS's default): shared strings keep every distinct text, an
    // agency's note per row, in memory to the end. The bench cannot tell them apart (its reports
    // are copies of 100, so few texts differ); the file is 4 % larger inline. ExcelJS's zip is at
    // zlib level 1 already (compress-commons' default).
    useSharedStrings: false,
  });
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
