// One agency's report sheet as an .xlsx file, and a filled file read back into a SaveInput that
// goes through exactly the checks of SaveReport. The file remembers what it is: a hidden first
// column holds each row's key and a hidden "_meta" sheet the request, agency, template and the
// column keys, so a file saved, closed and reopened is still recognised.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../libraries.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import {
  shortTableName,
  type Problem,
  type SaveInput,
  type Sheet,
  type SheetColumn,
  type SheetTable,
} from '../../shared/reporting/sheet.ts';
import { gridToRows, type GridCell } from '../../shared/reporting/grid.ts';
import { STATE_LABEL, type RecipientState } from '../../shared/reporting/status.ts';
import {
  LISTS_SHEET,
  NUMBER_FORMATS,
  TEXT_FORMAT,
  outlineLines,
  SPARE_OPEN_ROWS,
  TABLE_HEADER_ROW as HEADER_ROW,
  uniqueSheetName,
} from '../../shared/reporting/spreadsheet.ts';
import {
  FILL_GROUP,
  FILL_HEADER,
  FILL_READ_ONLY,
  FileError,
  THIN_BORDER,
  excelValue,
  rawCell,
  readUpload,
  toBuffer,
} from './workbook.ts';
import { withReportRecord } from './report-record.ts';
import type { SheetSnapshot } from '../../shared/reporting/workbook-record.ts';

export interface SheetFileMeta {
  requestId: string;
  requestTitle: string;
  periodLabel: string;
  deadline: Date;
  orgId: string;
  orgName: string;
  templateCode: string;
  templateName: string;
  templateVersion: number;
  submissionVersion: number;
  status: RecipientState;
}

interface StoredMeta {
  kind: 'tong-hop/report-sheet';
  requestId: string;
  orgId: string;
  templateCode: string;
  templateVersion: number;
  submissionVersion: number;
  outlineSheet: string;
  tables: { key: string; sheet: string; columns: string[] }[];
}

const META_SHEET = '_meta';

function infoSheet(workbook: ExcelJS.Workbook, meta: SheetFileMeta): void {
  const ws = workbook.addWorksheet('Thông tin');
  ws.columns = [{ width: 24 }, { width: 90 }];
  const rows: [string, string][] = [
    ['Yêu cầu báo cáo', meta.requestTitle],
    ['Đơn vị báo cáo', meta.orgName],
    ['Kỳ báo cáo', meta.periodLabel],
    ['Hạn gửi', formatVietnamTime(meta.deadline)],
    [
      'Mẫu báo cáo',
      `${meta.templateName} (${meta.templateCode}, phiên bản ${meta.templateVersion})`,
    ],
    ['Báo cáo đã lưu', `phiên bản ${meta.submissionVersion}, ${STATE_LABEL[meta.status]}`],
    [
      'Cách dùng',
      'Điền các ô trắng ở từng trang; ô màu xám lấy từ kế hoạch, không sửa. Số viết kiểu Việt Nam (1.234,5), ngày dd/mm/yyyy. Tải tệp lên để lưu nháp hoặc gửi; lỗi (nếu có) được báo theo bảng, dòng, cột.',
    ],
  ];
  ws.addRow(['BÁO CÁO', '']).font = { bold: true, size: 14 };
  for (const [label, text] of rows) {
    const row = ws.addRow([label, text]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
}

function outlineSheet(workbook: ExcelJS.Workbook, sheet: Sheet, name: string): void {
  const ws = workbook.addWorksheet(name);
  ws.columns = [{ width: 4, hidden: true }, { width: 110 }];
  for (const line of outlineLines(sheet.outline)) {
    const row = ws.addRow([line.key, line.text]);
    const cell = row.getCell(2);
    switch (line.kind) {
      case 'title':
        row.font = { bold: true, size: 13 };
        break;
      case 'heading':
        cell.font = { bold: true };
        cell.alignment = { wrapText: true };
        break;
      case 'guidance':
        cell.font = { italic: true, color: { argb: 'FF595959' } };
        cell.alignment = { wrapText: true, vertical: 'top' };
        break;
      case 'answer':
        cell.protection = { locked: false };
        cell.alignment = { wrapText: true, vertical: 'top' };
        cell.border = THIN_BORDER;
        row.height = 60;
        break;
    }
  }
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: true,
    formatColumns: true,
  });
}

function validationFor(
  column: SheetColumn,
  listRange: string | null,
): ExcelJS.DataValidation | null {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: column.label,
    errorStyle: 'stop' as const,
  };
  switch (column.type) {
    case 'INTEGER':
    case 'MONEY':
      return {
        ...common,
        type: 'whole',
        operator: 'between',
        formulae: [-1e15, 1e15],
        error: 'Nhập số nguyên.',
      };
    case 'DECIMAL':
    case 'PERCENT':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [-1e15, 1e15],
        error: 'Nhập một số.',
      };
    case 'DATE':
      return {
        ...common,
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date('1900-01-01T00:00:00Z')],
        error: 'Nhập ngày dd/mm/yyyy.',
      };
    case 'BOOLEAN':
      return { ...common, type: 'list', formulae: ['"Có,Không"'], error: 'Chọn Có hoặc Không.' };
    case 'CHOICE':
      return listRange
        ? {
            ...common,
            type: 'list',
            formulae: [listRange],
            error: 'Chọn một giá trị trong danh sách.',
          }
        : null;
    default:
      return null;
  }
}

/** Choice labels live on a hidden sheet: a list written inline breaks on commas and at 255 chars. */
function choiceLists(workbook: ExcelJS.Workbook, tables: SheetTable[]): Map<string, string> {
  const ranges = new Map<string, string>();
  let ws: ExcelJS.Worksheet | undefined;
  let col = 1;
  for (const t of tables) {
    for (const c of t.columns.filter((x) => x.type === 'CHOICE' && x.options.length)) {
      ws ??= workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
      c.options.forEach((o, i) => (ws!.getCell(i + 1, col).value = o.label));
      const letter = ws.getColumn(col).letter;
      ranges.set(
        `${t.key}\u0000${c.key}`,
        `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${c.options.length}`,
      );
      col++;
    }
  }
  return ranges;
}

function tableSheet(
  workbook: ExcelJS.Workbook,
  table: SheetTable,
  name: string,
  lists: Map<string, string>,
): void {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }],
  });
  const last = table.columns.length + 1;
  ws.columns = [
    { width: 12, hidden: true },
    ...table.columns.map((c) => ({
      width: c.type === 'LONG_TEXT' ? 50 : c.type === 'TEXT' ? 28 : 16,
      style: { numFmt: NUMBER_FORMATS[c.type] },
    })),
  ];
  const title = ws.getRow(1);
  title.getCell(2).value = table.title;
  title.getCell(2).font = { bold: true, size: 12 };
  ws.mergeCells(1, 2, 1, last);
  if (table.description) {
    ws.getRow(2).getCell(2).value = table.description;
    ws.getRow(2).getCell(2).font = { italic: true, color: { argb: 'FF595959' } };
    ws.mergeCells(2, 2, 2, last);
  }
  const header = ws.getRow(HEADER_ROW);
  header.getCell(1).value = 'Mã dòng';
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 2);
    cell.value = c.required ? `${c.label} (*)` : c.label;
    cell.font = { bold: true };
    cell.fill = FILL_HEADER;
    cell.border = THIN_BORDER;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  });
  header.height = 45;

  let r = HEADER_ROW + 1;
  for (const row of table.rows) {
    const line = ws.getRow(r);
    line.getCell(1).value = row.key;
    if (row.isGroup) {
      line.getCell(2).value = row.label;
      ws.mergeCells(r, 2, r, last);
      line.getCell(2).font = { bold: true };
      line.getCell(2).fill = FILL_GROUP;
    } else {
      table.columns.forEach((c, i) =>
        writeCell(
          line.getCell(i + 2),
          table,
          c,
          row.readOnly,
          row.cells.find((x) => x.columnKey === c.key)?.value ?? null,
          lists,
        ),
      );
    }
    r++;
  }
  if (table.allowOpenRows) {
    for (let n = 0; n < SPARE_OPEN_ROWS; n++, r++) {
      const line = ws.getRow(r);
      table.columns.forEach((c, i) => writeCell(line.getCell(i + 2), table, c, false, null, lists));
    }
  }
  compactValidations(ws);
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: table.allowOpenRows,
    sort: false,
    autoFilter: true,
  });
}

/**
 * One validation per run of cells in a column instead of one per cell. ExcelJS merges per-cell
 * validations itself, but orders addresses as text ("B10" before "B4") and writes overlapping
 * ranges (B10:B12 and B4:B12), which the file format does not allow (ECMA-376 §18.3.1.32: a cell
 * has at most one validation) and which Excel repairs on opening, dropping them.
 */
export function compactValidations(ws: ExcelJS.Worksheet): void {
  // ExcelJS keeps the validations by address here but does not declare it in its types.
  const holder = ws as unknown as { dataValidations: { model: Record<string, unknown> } };
  const model = holder.dataValidations.model;
  const byColumn = new Map<string, { row: number; key: string; validation: unknown }[]>();
  for (const [address, validation] of Object.entries(model)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m || !validation) continue;
    const cells = byColumn.get(m[1]!) ?? [];
    cells.push({ row: Number(m[2]), key: JSON.stringify(validation), validation });
    byColumn.set(m[1]!, cells);
    delete model[address];
  }
  for (const [column, cells] of byColumn) {
    cells.sort((a, b) => a.row - b.row);
    let start = 0;
    for (let i = 1; i <= cells.length; i++) {
      const run = cells[i - 1]!;
      const next = cells[i];
      if (next && next.row === run.row + 1 && next.key === run.key) continue;
      const first = cells[start]!.row;
      model[first === run.row ? `${column}${first}` : `${column}${first}:${column}${run.row}`] =
        run.validation;
      start = i;
    }
  }
}

function writeCell(
  cell: ExcelJS.Cell,
  table: SheetTable,
  column: SheetColumn,
  rowReadOnly: boolean,
  value: string | null,
  lists: Map<string, string>,
): void {
  cell.value = excelValue(column, value);
  cell.border = THIN_BORDER;
  cell.alignment = {
    wrapText: column.type === 'LONG_TEXT' || column.type === 'TEXT',
    vertical: 'top',
  };
  const fmt = NUMBER_FORMATS[column.type];
  if (fmt) cell.numFmt = fmt;
  if (column.readOnly || rowReadOnly) {
    cell.fill = FILL_READ_ONLY;
    cell.protection = { locked: true };
    return;
  }
  cell.protection = { locked: false };
  // Words are typed into text cells, as in the add-in's own layout: never read as a formula.
  if (column.type === 'TEXT' || column.type === 'LONG_TEXT') cell.numFmt = TEXT_FORMAT;
  const validation = validationFor(column, lists.get(`${table.key}\u0000${column.key}`) ?? null);
  if (validation) cell.dataValidation = validation;
}

/**
 * The sheet as an .xlsx. With `addin`, the file also opens with the add-in, which recognises it
 * as a report it pulled (report-record.ts).
 */
export async function sheetToXlsx(
  meta: SheetFileMeta,
  sheet: Sheet,
  addin?: { addinId: string; snapshot: SheetSnapshot },
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Tổng hợp';
  workbook.created = new Date();
  infoSheet(workbook, meta);
  const taken = new Set(['thông tin', META_SHEET, LISTS_SHEET]);
  const outlineName = uniqueSheetName('Đề cương', taken);
  if (sheet.outline.length) outlineSheet(workbook, sheet, outlineName);
  const lists = choiceLists(workbook, sheet.tables);
  const stored: StoredMeta = {
    kind: 'tong-hop/report-sheet',
    requestId: meta.requestId,
    orgId: meta.orgId,
    templateCode: meta.templateCode,
    templateVersion: meta.templateVersion,
    submissionVersion: meta.submissionVersion,
    outlineSheet: sheet.outline.length ? outlineName : '',
    tables: [],
  };
  for (const table of sheet.tables) {
    const name = uniqueSheetName(shortTableName(table.title), taken);
    tableSheet(workbook, table, name, lists);
    stored.tables.push({ key: table.key, sheet: name, columns: table.columns.map((c) => c.key) });
  }
  const metaSheet = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  metaSheet.getCell('A1').value = JSON.stringify(stored);
  const xlsx = await toBuffer(workbook);
  if (!addin) return xlsx;
  const layout = { outlineSheet: stored.outlineSheet || null, tables: stored.tables };
  return withReportRecord(xlsx, { ...addin, layout });
}

function readMeta(workbook: ExcelJS.Workbook): StoredMeta {
  const raw = workbook.getWorksheet(META_SHEET)?.getCell('A1').value;
  try {
    const meta = JSON.parse(String(raw)) as StoredMeta;
    if (meta.kind === 'tong-hop/report-sheet' && Array.isArray(meta.tables)) return meta;
  } catch {
    // fall through to the error below
  }
  throw new FileError(
    'Tệp không được tạo từ một biểu báo cáo của hệ thống (thiếu thông tin mẫu); hãy tải biểu về rồi điền.',
  );
}

/**
 * A percent cell typed as "85%" becomes 0.85 with Excel's own percent format; the sheet's format
 * shows percent points ("85" with a literal "%"). Read either as percent points.
 */
function percentPoints(column: SheetColumn, cell: ExcelJS.Cell): string | number | boolean | null {
  const value = rawCell(cell.value);
  if (column.type !== 'PERCENT' || typeof value !== 'number') return value;
  const realPercent = /%/.test((cell.numFmt ?? '').replace(/"[^"]*"/g, ''));
  return realPercent ? Number((value * 100).toPrecision(12)) : value;
}

export interface UploadedSheet {
  requestId: string;
  orgId: string;
  templateCode: string;
  templateVersion: number;
  /** The version the file was downloaded at: the base of the save. */
  submissionVersion: number;
  input: SaveInput;
  problems: Problem[];
}

/** Reads a filled file into a SaveInput; values are passed raw to the same checks as SaveReport. */
export async function xlsxToSaveInput(buffer: Buffer, sheet: Sheet): Promise<UploadedSheet> {
  const workbook = await readUpload(buffer);
  const meta = readMeta(workbook);
  const problems: Problem[] = [];
  const tables = [];
  for (const stored of meta.tables) {
    const table = sheet.tables.find((t) => t.key === stored.key);
    const ws = workbook.getWorksheet(stored.sheet);
    if (!table) continue; // the sheet no longer has it; SaveReport would refuse it anyway
    if (!ws) {
      problems.push({
        tableKey: stored.key,
        rowKey: null,
        columnKey: null,
        message: `Tệp thiếu trang "${stored.sheet}" của bảng "${table.title}".`,
      });
      continue;
    }
    // Cells as staff left them (percent typed with Excel's own % read as percent points).
    const width = stored.columns.length + 1;
    const lines: GridCell[][] = [];
    ws.eachRow((line, r) => {
      if (r <= HEADER_ROW) return;
      lines.push(
        Array.from({ length: width }, (_, i) => {
          const column =
            i === 0 ? undefined : table.columns.find((c) => c.key === stored.columns[i - 1]);
          const cell = line.getCell(i + 1);
          return column ? percentPoints(column, cell) : rawCell(cell.value);
        }),
      );
    });
    const rows = gridToRows(table, stored.columns, lines);
    tables.push({ key: table.key, rows });
  }
  const answers: { key: string; text: string | null }[] = [];
  const outline = meta.outlineSheet ? workbook.getWorksheet(meta.outlineSheet) : undefined;
  outline?.eachRow((line) => {
    const key = rawCell(line.getCell(1).value);
    if (
      typeof key !== 'string' ||
      !key ||
      !sheet.outline.some((s) => s.key === key && s.answerable)
    )
      return;
    const text = rawCell(line.getCell(2).value);
    answers.push({ key, text: text === null ? null : String(text) });
  });
  return {
    requestId: meta.requestId,
    orgId: meta.orgId,
    templateCode: meta.templateCode,
    templateVersion: meta.templateVersion,
    submissionVersion: meta.submissionVersion,
    input: { tables, answers },
    problems,
  };
}
