// The roster as an .xlsx: the template an administrator downloads — the tree's agencies and
// accounts as they are, under a frozen header, a row of notes and an example row, with drop-down
// lists for kind, level and roles — and the same file read back into rows (plan.ts decides what
// they mean). A file made by a script works too: the sheets and headers are found by name, and
// the notes and example rows only skipped where the template put them.
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../libraries.ts';
import type { RawCell } from '../../../shared/cells/parse.ts';
import { foldVietnamese } from '../../../shared/text/fold.ts';
import { formatVietnamDay } from '../../../shared/time/vietnam.ts';
import { FILL_HEADER, THIN_BORDER, rawCell, readUpload, toBuffer } from '../../files/workbook.ts';
import {
  FILE_MARK,
  KIND_LABEL,
  KIND_OPTIONS,
  LEVEL_OPTIONS,
  LIST_SHEET,
  ORG_COLUMNS,
  ORG_SHEET,
  ROLE_CHOICES,
  USER_COLUMNS,
  USER_SHEET,
  columnOfHeader,
  levelLabel,
  type RosterColumn,
} from './columns.ts';
import {
  rolesText,
  type RosterFile,
  type RosterProblem,
  type RosterRows,
  type TreeOrg,
  type TreeUser,
} from './plan.ts';
import { dayAfter } from './rows.ts';

/** Rows after the last one written that still carry the drop-down lists. */
export const SPARE_ROWS = 500;
export const HEADER_ROW = 1;
export const NOTES_ROW = 2;
export const EXAMPLE_ROW = 3;
export const FIRST_DATA_ROW = 4;

const NOTE_FONT: Partial<ExcelJS.Font> = { italic: true, size: 9, color: { argb: 'FF595959' } };
const EXAMPLE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };

/** A file name without what file systems refuse: "Mã kích hoạt - UBND tỉnh Nghệ An.xlsx". */
export const rosterFileName = (what: string, rootName: string) =>
  `${what} - ${rootName.replace(/[\\/:*?"<>|]+/g, ' ').trim()}.xlsx`;

export interface TemplateData {
  root: TreeOrg;
  /** The root and its agencies, parents before children. */
  orgs: TreeOrg[];
  users: TreeUser[];
}

const listRange = (column: string, count: number) =>
  `'${LIST_SHEET}'!$${column}$1:$${column}$${count}`;

function listValidation(
  formula: string,
  title: string,
  prompt: string,
  strict: boolean,
): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showInputMessage: true,
    promptTitle: title,
    prompt,
    showErrorMessage: true,
    errorStyle: strict ? 'stop' : 'warning',
    errorTitle: title,
    error: strict
      ? 'Chọn một giá trị trong danh sách.'
      : 'Giá trị này không có trong danh sách. Nhiều vai trò ghi cách nhau bằng dấu phẩy; bấm Yes để giữ.',
  };
}

function sheetOf<K extends string>(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: RosterColumn<K>[],
  rows: Partial<Record<K, string | null>>[],
  validations: Partial<Record<K, ExcelJS.DataValidation>>,
  formats: Partial<Record<K, string>>,
): void {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: EXAMPLE_ROW, xSplit: 1 }],
  });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  columns.forEach((c, i) => {
    const header = ws.getCell(HEADER_ROW, i + 1);
    header.value = c.header;
    header.font = { bold: true };
    header.fill = FILL_HEADER;
    header.border = THIN_BORDER;
    header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    const note = ws.getCell(NOTES_ROW, i + 1);
    note.value = c.note;
    note.font = NOTE_FONT;
    note.alignment = { vertical: 'top', wrapText: true };
    const example = ws.getCell(EXAMPLE_ROW, i + 1);
    example.value = c.example || null;
    example.font = EXAMPLE_FONT;
  });
  ws.getRow(HEADER_ROW).height = 30;
  ws.getRow(NOTES_ROW).height = 96;
  ws.getCell(EXAMPLE_ROW, columns.length + 1).value = '← dòng ví dụ, không được nhập';
  ws.getCell(EXAMPLE_ROW, columns.length + 1).font = EXAMPLE_FONT;

  const last = FIRST_DATA_ROW + rows.length + SPARE_ROWS - 1;
  columns.forEach((c, i) => {
    const validation = validations[c.key];
    const format = formats[c.key];
    for (let r = FIRST_DATA_ROW; r <= last; r++) {
      const cell = ws.getCell(r, i + 1);
      // Always a string (or nothing), never a formula: "=…" in a name stays text.
      cell.value = rows[r - FIRST_DATA_ROW]?.[c.key] ?? null;
      if (format) cell.numFmt = format;
    }
    if (validation) {
      const letter = ws.getColumn(i + 1).letter;
      // One range for the column. Given cell by cell, ExcelJS squeezes them into ranges that
      // overlap (it sorts "B10" before "B4"), which Excel reports as a damaged file.
      validationsOf(ws).add(`${letter}${FIRST_DATA_ROW}:${letter}${last}`, validation);
    }
  });
}

/** ExcelJS has the worksheet's validations by range but does not declare them. */
const validationsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;

/** The template for a tree: its agencies and accounts as they are, ready to edit and upload. */
export async function rosterTemplate(data: TemplateData): Promise<Buffer> {
  const { root } = data;
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Tổng hợp';
  workbook.created = new Date();
  workbook.title = `Danh sách đơn vị và tài khoản – ${root.name}`;

  const byId = new Map(data.orgs.map((o) => [o.id, o]));
  const orgRows = data.orgs.map((o) => ({
    name: o.name,
    kind: KIND_LABEL[o.kind],
    level: o.level ? levelLabel(o.level) : null,
    parent: o.id === root.id ? null : (byId.get(o.parentId ?? '')?.code ?? null),
    code: o.code,
    email: o.email,
    phone: o.phone,
    closeFrom: o.validTo ? formatVietnamDay(dayAfter(o.validTo.toISOString().slice(0, 10))) : null,
  }));
  const codeOf = (id: string) => byId.get(id)?.code ?? id;
  const userRows = data.users.map((u) => ({
    email: u.email,
    name: u.name,
    org: codeOf(u.orgId),
    roles:
      rolesText(
        u.roles
          .filter((r) => r.scopeOrgId !== null && byId.has(r.scopeOrgId))
          .map((r) => ({ role: r.role, scope: r.scopeOrgId! })),
        u.orgId,
        root.id,
        codeOf,
      ) || null,
  }));

  const roleChoices = ROLE_CHOICES;
  const kindList = listRange('B', KIND_OPTIONS.length);
  const levelList = listRange('C', LEVEL_OPTIONS.length);
  const roleList = listRange('D', roleChoices.length);

  sheetOf(
    workbook,
    ORG_SHEET,
    ORG_COLUMNS,
    orgRows,
    {
      kind: listValidation(kindList, 'Loại đơn vị', 'Chọn loại đơn vị trong danh sách.', true),
      level: listValidation(levelList, 'Cấp', 'Chọn cấp trong danh sách.', true),
    },
    { code: '@', phone: '@', email: '@', closeFrom: '@' },
  );
  sheetOf(
    workbook,
    USER_SHEET,
    USER_COLUMNS,
    userRows,
    {
      roles: listValidation(
        roleList,
        'Vai trò',
        'Chọn một vai trò, hoặc ghi nhiều vai trò cách nhau bằng dấu phẩy.',
        false,
      ),
    },
    { email: '@', org: '@' },
  );

  const lists = workbook.addWorksheet(LIST_SHEET, { state: 'veryHidden' });
  lists.getCell('A1').value = `${FILE_MARK} ${root.code}`;
  KIND_OPTIONS.forEach((o, i) => (lists.getCell(i + 1, 2).value = o.label));
  LEVEL_OPTIONS.forEach((o, i) => (lists.getCell(i + 1, 3).value = o.label));
  roleChoices.forEach((label, i) => (lists.getCell(i + 1, 4).value = label));
  return toBuffer(workbook);
}

const SHEET_NAMES = {
  orgs: [ORG_SHEET, 'don vi', 'orgs', 'agencies'].map(foldVietnamese),
  users: [USER_SHEET, 'tai khoan', 'nguoi dung', 'users'].map(foldVietnamese),
};

function findSheet(workbook: ExcelJS.Workbook, names: string[]): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((ws) => names.includes(foldVietnamese(ws.name)));
}

const isBlank = (v: RawCell) => v === null || v === undefined || String(v).trim() === '';

/** The rows of one sheet by column key, the template's notes and example rows left out. */
function readSheet<K extends string>(
  ws: ExcelJS.Worksheet,
  columns: RosterColumn<K>[],
  required: K,
  problems: RosterProblem[],
): RosterRows<K>[] {
  // The header: the first row (of the first five) naming the required column.
  let headerRow = 0;
  const at = new Map<number, RosterColumn<K>>();
  for (let r = 1; r <= Math.min(5, ws.rowCount) && !headerRow; r++) {
    ws.getRow(r).eachCell((cell, col) => {
      const column = columnOfHeader(columns, String(rawCell(cell.value) ?? ''));
      if (column && ![...at.values()].includes(column)) at.set(col, column);
    });
    if ([...at.values()].some((c) => c.key === required)) headerRow = r;
    else at.clear();
  }
  if (!headerRow) {
    const header = columns.find((c) => c.key === required)!.header;
    problems.push({
      sheet: ws.name,
      row: null,
      column: null,
      message: `Không thấy dòng tiêu đề có cột "${header}" (trong 5 dòng đầu).`,
    });
    return [];
  }
  const rows: RosterRows<K>[] = [];
  const last = ws.actualRowCount ? ws.rowCount : 0;
  for (let r = headerRow + 1; r <= last; r++) {
    const row = ws.getRow(r);
    const cells: Partial<Record<K, RawCell>> = {};
    for (const [col, column] of at) cells[column.key] = rawCell(row.getCell(col).value);
    const values = Object.values(cells) as RawCell[];
    if (values.every(isBlank)) continue;
    // Where the template puts them, the notes row and an untouched example row are not data.
    const same = (pick: (c: RosterColumn<K>) => string) =>
      [...at.values()].every((c) => String(cells[c.key] ?? '').trim() === pick(c));
    if (r === headerRow + 1 && same((c) => c.note)) continue;
    if (r === headerRow + 2) {
      if (same((c) => c.example)) continue;
      const requiredCol = columns.find((c) => c.key === required)!;
      if (String(cells[required] ?? '').trim() === requiredCol.example) {
        problems.push({
          sheet: ws.name,
          row: r,
          column: null,
          message:
            'Đây là dòng ví dụ của mẫu nhưng đã bị sửa: hãy nhập ở một dòng mới và để nguyên (hoặc xóa) dòng ví dụ.',
        });
        continue;
      }
    }
    rows.push({ row: r, cells });
  }
  return rows;
}

/** An uploaded roster file read into rows; a file that is not a workbook is refused (FileError). */
export async function readRosterFile(buffer: Buffer): Promise<RosterFile> {
  const workbook = await readUpload(buffer);
  const problems: RosterProblem[] = [];
  const orgSheet = findSheet(workbook, SHEET_NAMES.orgs);
  const userSheet = findSheet(workbook, SHEET_NAMES.users);
  if (!orgSheet && !userSheet) {
    problems.push({
      sheet: ORG_SHEET,
      row: null,
      column: null,
      message: `Tệp không có trang "${ORG_SHEET}" hay "${USER_SHEET}" (hãy dùng tệp mẫu tải về).`,
    });
  }
  const mark = workbook.getWorksheet(LIST_SHEET)?.getCell('A1').value;
  const rootCode =
    typeof mark === 'string' && mark.startsWith(`${FILE_MARK} `)
      ? mark.slice(FILE_MARK.length + 1)
      : null;
  return {
    rootCode,
    orgRows: orgSheet ? readSheet(orgSheet, ORG_COLUMNS, 'name', problems) : [],
    userRows: userSheet ? readSheet(userSheet, USER_COLUMNS, 'email', problems) : [],
    problems,
  };
}
