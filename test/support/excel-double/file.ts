// The double's workbook as a real .xlsx file and back (Node only: ExcelJS and JSZip), so a test
// can save what the add-in wrote, close it, and open it again — or open a file the server wrote.
// What Excel keeps across that, each rule with the page it comes from:
//
// - Settings are the add-in's own: "The scope is limited to per file and add-in (task-pane or
//   content) combination" (https://learn.microsoft.com/en-us/javascript/api/excel/excel.settingcollection);
//   "The saved settings values are associated with the Id of the add-in that created them"
//   (https://learn.microsoft.com/en-us/office/dev/add-ins/develop/persisting-add-in-state-and-settings).
//   They live in the web extension part whose we:reference names the add-in ([MS-OWEXML] 2.2.5,
//   https://learn.microsoft.com/en-us/openspecs/office_standards/ms-owexml/d4081e0b-5711-45de-b708-1dfa1b943ad1),
//   so the add-in sees only those of the web extension whose reference id is its manifest id;
//   another add-in's stay in the file, unseen.
// - Settings "store data as a serialized JavaScript Object Notation (JSON) object" (same
//   persisting page): a we:property value is the JSON, and comes back as the JSON it was written
//   as (a string setting JSON-quoted).
// - Custom XML parts keep their ID and their XML: "This data persists with the file" (same page);
//   the ID is the part's ds:itemID (ECMA-376 Part 1 §22.5.2.1), "the GUID of the custom XML
//   part, including opening and closing braces" (Office.CustomXmlParts.getByIdAsync,
//   https://learn.microsoft.com/en-us/javascript/api/office/office.customxmlparts).
// - A worksheet's ID in a new session is Excel's, never its name. Excel keeps it in the
//   worksheet part's xr:uid; without one (a file from ExcelJS, or an Excel that does not read
//   it) Excel makes one from the sheet's position, "{00000000-0001-0000-0003-000000000000}":
//   "The ID remains constant within a single session but will change between sessions"
//   (Microsoft, OfficeDev/office-js-docs#297), seen again across Excel versions in
//   OfficeDev/office-js#1390 and for the first sheet of every new workbook in #552. Worksheets
//   are still found by name or ID, as getItem says ("Gets a worksheet object using its name or
//   ID", https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-getitem-member(1)).
// - Text stays text: a cell's type is stored with it (ECMA-376 Part 1 §18.3.1.4 c, t="s" a
//   shared string, §18.18.11 ST_CellType), as is its number format ("@").
//
// Not kept: Excel tables and charts (the add-in never reads them back), merged cells.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  addPackageParts,
  CENTRAL_STORE,
  newPartId,
  readPackageParts,
  SIDELOADED_STORE,
  type WebExtensionEntry,
} from '../../../server/files/addin-parts.ts';
import { compactValidations } from '../../../server/files/sheet-xlsx.ts';
import { ADDIN_VERSION } from '../../../server/addin/manifest.ts';
import type { DoubleAddinState, DoubleSheetState, DoubleState } from './book.ts';
import type { CellValue } from './entries.ts';
import {
  blankCell,
  cellKey,
  columnLetters,
  isBlank,
  type DoubleCell,
  type DoubleValidation,
  type ProtectionOptions,
} from './sheet.ts';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;
const XR_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2014/revision';
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Excel's ID for the worksheet at `index` of a file that does not carry one (see above). */
export const positionalSheetId = (index: number) =>
  `{00000000-0001-0000-${index.toString(16).toUpperCase().padStart(4, '0')}-000000000000}`;

const isGuid = (id: string) => /^\{[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}$/.test(id);

// Column widths: Excel's API speaks points, the file characters of Calibri 11's 7-pixel digit
// (ECMA-376 Part 1 §18.3.1.13); 96 pixels to 72 points. Close enough for the add-in's widths.
const toCharacters = (points: number) => Math.round((points / 0.75 / 7) * 100) / 100;
const toPoints = (characters: number) => Math.round(characters * 7 * 0.75 * 100) / 100;

const OPERATORS: [string, NonNullable<ExcelJS.DataValidation['operator']>][] = [
  ['Between', 'between'],
  ['NotBetween', 'notBetween'],
  ['EqualTo', 'equal'],
  ['NotEqualTo', 'notEqual'],
  ['GreaterThan', 'greaterThan'],
  ['LessThan', 'lessThan'],
  ['GreaterThanOrEqualTo', 'greaterThanOrEqual'],
  ['LessThanOrEqualTo', 'lessThanOrEqual'],
];
const RULE_TYPES: [string, ExcelJS.DataValidation['type']][] = [
  ['wholeNumber', 'whole'],
  ['decimal', 'decimal'],
  ['date', 'date'],
  ['textLength', 'textLength'],
];

const serialToDate = (n: number) => new Date(EXCEL_EPOCH + n * DAY);
const dateToSerial = (d: Date) => (d.getTime() - EXCEL_EPOCH) / DAY;

function argb(color: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(color);
  if (!m) throw new Error(`The double saves fills written as #RRGGBB, not "${color}".`);
  return `FF${m[1]!.toUpperCase()}`;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ───────────── Saving ─────────────

function validationToFile(v: DoubleValidation): ExcelJS.DataValidation {
  const rule = v.rule ?? {};
  const alert = v.errorAlert;
  const common = {
    allowBlank: true,
    showErrorMessage: alert ? alert.showAlert !== false : true,
    errorStyle: (alert?.style ?? 'Stop').toLowerCase(),
    ...(alert?.title ? { errorTitle: alert.title } : {}),
    ...(alert?.message ? { error: alert.message } : {}),
    showInputMessage: v.prompt?.showPrompt === true,
    ...(v.prompt?.title ? { promptTitle: v.prompt.title } : {}),
    ...(v.prompt?.message ? { prompt: v.prompt.message } : {}),
  };
  const list = rule.list as { source?: string } | undefined;
  if (list) {
    const source = String(list.source ?? '');
    const formula = source.startsWith('=') ? source.slice(1) : `"${source.replace(/"/g, '""')}"`;
    return { ...common, type: 'list', formulae: [formula] };
  }
  for (const [name, type] of RULE_TYPES) {
    const basic = rule[name] as
      { formula1?: unknown; formula2?: unknown; operator?: string } | undefined;
    if (!basic) continue;
    const operator = OPERATORS.find(([o]) => o === basic.operator)?.[1] ?? 'between';
    const value = (f: unknown) =>
      type === 'date' ? (typeof f === 'number' ? serialToDate(f) : new Date(String(f))) : f;
    const formulae = [basic.formula1, basic.formula2].filter((f) => f !== undefined).map(value);
    return { ...common, type, operator, formulae };
  }
  const custom = rule.custom as { formula?: string } | undefined;
  if (custom) return { ...common, type: 'custom', formulae: [custom.formula ?? ''] };
  // A prompt or an alert without a rule: Excel's "any value" validation.
  return { ...common, type: 'any' as ExcelJS.DataValidation['type'], formulae: [] };
}

function cellValueToFile(cell: DoubleCell): ExcelJS.CellValue {
  const value: CellValue = cell.value;
  if (cell.formula) {
    return { formula: cell.formula.replace(/^=/, ''), result: value } as ExcelJS.CellFormulaValue;
  }
  if (cell.hyperlink) {
    const target = cell.hyperlink.address ?? `#${cell.hyperlink.documentReference ?? ''}`;
    return { text: String(value), hyperlink: target };
  }
  return value === '' ? null : value;
}

function writeCell(target: ExcelJS.Cell, cell: DoubleCell): void {
  target.value = cellValueToFile(cell);
  if (cell.numberFormat !== 'General') target.numFmt = cell.numberFormat;
  if (cell.fill) {
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.fill) } };
  }
  if (cell.bold || cell.italic) target.font = { bold: cell.bold, italic: cell.italic };
  // Excel's default is locked: only an open cell says so.
  if (!cell.locked) target.protection = { locked: false };
  if (cell.wrapText || cell.horizontalAlignment !== 'General') {
    target.alignment = {
      ...(cell.wrapText ? { wrapText: true } : {}),
      ...(cell.horizontalAlignment !== 'General'
        ? {
            horizontal: (cell.horizontalAlignment.charAt(0).toLowerCase() +
              cell.horizontalAlignment.slice(1)) as ExcelJS.Alignment['horizontal'],
          }
        : {}),
    };
  }
  if (cell.validation) target.dataValidation = validationToFile(cell.validation);
}

/** The double's protection options as the file's sheetProtection (ExcelJS: true = allowed). */
function protectionToFile(o: ProtectionOptions): Partial<ExcelJS.WorksheetProtection> {
  const mode = o.selectionMode ?? 'Normal';
  return {
    formatCells: o.allowFormatCells === true,
    formatColumns: o.allowFormatColumns === true,
    formatRows: o.allowFormatRows === true,
    insertColumns: o.allowInsertColumns === true,
    insertRows: o.allowInsertRows === true,
    insertHyperlinks: o.allowInsertHyperlinks === true,
    deleteColumns: o.allowDeleteColumns === true,
    deleteRows: o.allowDeleteRows === true,
    sort: o.allowSort === true,
    autoFilter: o.allowAutoFilter === true,
    pivotTables: o.allowPivotTables === true,
    objects: o.allowEditObjects === true,
    scenarios: o.allowEditScenarios === true,
    selectLockedCells: mode === 'Normal',
    selectUnlockedCells: mode !== 'None',
  };
}

async function writeSheet(wb: ExcelJS.Workbook, sheet: DoubleSheetState): Promise<void> {
  const state = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' } as const;
  const ws = wb.addWorksheet(sheet.name, { state: state[sheet.visibility] });
  for (const [key, cell] of sheet.cells) {
    if (isBlank(cell)) continue;
    const [r, c] = key.split(',').map(Number) as [number, number];
    writeCell(ws.getCell(r + 1, c + 1), cell);
  }
  for (const [address, note] of sheet.notes) ws.getCell(address).note = note;
  for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  for (const [c, points] of sheet.columnWidths) ws.getColumn(c + 1).width = toCharacters(points);
  if (sheet.frozenRows) ws.views = [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0 }];
  compactValidations(ws);
  if (sheet.protection.protected) await ws.protect('', protectionToFile(sheet.protection.options));
}

/** Each worksheet part by the name its workbook gives it. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map(
    [...rels.matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [
      m[1]!,
      m[2]!.startsWith('/') ? m[2]!.slice(1) : `xl/${m[2]!}`,
    ]),
  );
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[1]!)?.[1];
    const rId = /\sr:id="([^"]*)"/.exec(m[1]!)?.[1];
    const part = rId && targets.get(rId);
    if (name !== undefined && part) out.set(unescape(name), part);
  }
  return out;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Writes each worksheet's ID as its xr:uid, as Excel does (ignorable for Excels without it). */
async function withSheetIds(xlsx: Buffer, sheets: DoubleSheetState[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  for (const sheet of sheets) {
    const part = parts.get(sheet.name);
    if (!part || !isGuid(sheet.id)) continue;
    const xml = await zip.file(part)!.async('string');
    const tagged = xml.replace(/<worksheet\b([^>]*)>/, (_, attrs: string) => {
      let a = attrs;
      if (!/\sxmlns:mc=/.test(a)) a += ` xmlns:mc="${MC_NS}"`;
      a = /\smc:Ignorable="/.test(a)
        ? a.replace(/\smc:Ignorable="([^"]*)"/, ' mc:Ignorable="$1 xr"')
        : `${a} mc:Ignorable="xr"`;
      return `<worksheet${a} xmlns:xr="${XR_NS}" xr:uid="${sheet.id}">`;
    });
    zip.file(part, tagged);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const defaultAddin = (addinId: string): Omit<DoubleAddinState, 'settings'> => ({
  reference: { id: addinId, version: ADDIN_VERSION, ...SIDELOADED_STORE },
  alternateReferences: [{ id: addinId, version: ADDIN_VERSION, ...CENTRAL_STORE }],
  taskpane: { visible: true, dockstate: 'right', width: 350, row: 4 },
});

const toEntry = (a: DoubleAddinState): WebExtensionEntry => ({
  reference: a.reference,
  alternateReferences: a.alternateReferences,
  properties: a.settings,
  taskpane: a.taskpane,
});

/** The workbook as an .xlsx, with this add-in's settings, the others' and the custom XML parts. */
export async function saveWorkbookFile(state: DoubleState, addinId: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Excel double';
  for (const sheet of state.sheets) await writeSheet(wb, sheet);
  const active = Math.max(
    0,
    state.sheets.findIndex((s) => s.id === state.activeSheetId),
  );
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 20000,
      height: 12000,
      firstSheet: 0,
      activeTab: active,
      visibility: 'visible',
    },
  ];
  const cells = await withSheetIds(Buffer.from(await wb.xlsx.writeBuffer()), state.sheets);
  const own: DoubleAddinState[] = state.settings.length
    ? [{ ...(state.addin ?? defaultAddin(addinId)), settings: state.settings }]
    : [];
  return addPackageParts(cells, {
    webExtensions: [...own, ...state.otherAddins].map(toEntry),
    customXmlParts: state.xmlParts.map(([id, xml]) => ({ id, xml })),
  });
}

// ───────────── Opening ─────────────

/** What a cell holds: its value and formula as Office.js shows them. */
function valueFromFile(cell: ExcelJS.Cell): Pick<DoubleCell, 'value' | 'formula' | 'hyperlink'> {
  const plain = (v: unknown): CellValue => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return dateToSerial(v);
    if (typeof v === 'object' && 'error' in v) return String((v as { error: string }).error);
    if (typeof v === 'object' && 'richText' in v) {
      return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    }
    return String(v);
  };
  // The other cells of a merged range are empty in Excel; ExcelJS shows the first cell's value.
  if (cell.type === ExcelJS.ValueType.Merge) return { value: '', formula: null, hyperlink: null };
  const v = cell.value;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const f = v as ExcelJS.CellFormulaValue & { sharedFormula?: string };
    return {
      value: plain(f.result),
      formula: `=${f.formula ?? f.sharedFormula ?? ''}`,
      hyperlink: null,
    };
  }
  if (v && typeof v === 'object' && 'hyperlink' in v) {
    const h = v as ExcelJS.CellHyperlinkValue;
    const link = h.hyperlink.startsWith('#')
      ? { documentReference: h.hyperlink.slice(1), textToDisplay: plain(h.text) as string }
      : { address: h.hyperlink, textToDisplay: plain(h.text) as string };
    return { value: plain(h.text), formula: null, hyperlink: link };
  }
  return { value: plain(v), formula: null, hyperlink: null };
}

function validationFromFile(dv: ExcelJS.DataValidation | undefined): DoubleValidation | null {
  if (!dv) return null;
  const type = dv.type as string;
  const formulae = (dv.formulae ?? []).map((f: unknown) =>
    f instanceof Date ? dateToSerial(f) : f,
  );
  let rule: Record<string, unknown> | null = null;
  if (type === 'list') {
    const f = String(formulae[0] ?? '');
    const source = /^".*"$/s.test(f) ? f.slice(1, -1).replace(/""/g, '"') : `=${f}`;
    rule = { list: { inCellDropDown: true, source } };
  } else if (type === 'custom') {
    rule = { custom: { formula: String(formulae[0] ?? '') } };
  } else {
    const name = RULE_TYPES.find(([, t]) => t === type)?.[0];
    if (name) {
      const operator = OPERATORS.find(([, o]) => o === (dv.operator ?? 'between'))?.[0];
      rule = {
        [name]: {
          formula1: formulae[0],
          ...(formulae[1] !== undefined ? { formula2: formulae[1] } : {}),
          operator,
        },
      };
    }
  }
  const errorAlert = {
    showAlert: dv.showErrorMessage === true,
    style: capitalised(dv.errorStyle ?? 'stop'),
    ...(dv.errorTitle ? { title: dv.errorTitle } : {}),
    ...(dv.error ? { message: dv.error } : {}),
  };
  const prompt =
    dv.showInputMessage || dv.prompt || dv.promptTitle
      ? {
          showPrompt: dv.showInputMessage === true,
          ...(dv.promptTitle ? { title: dv.promptTitle } : {}),
          ...(dv.prompt ? { message: dv.prompt } : {}),
        }
      : null;
  return { rule, errorAlert, prompt };
}

function cellFromFile(cell: ExcelJS.Cell): DoubleCell {
  const fill = cell.fill;
  const colour =
    fill?.type === 'pattern' && fill.pattern === 'solid' && fill.fgColor?.argb
      ? `#${fill.fgColor.argb.slice(-6).toUpperCase()}`
      : null;
  return {
    ...blankCell(),
    ...valueFromFile(cell),
    numberFormat: cell.numFmt || 'General',
    fill: colour,
    bold: cell.font?.bold === true,
    italic: cell.font?.italic === true,
    locked: cell.protection?.locked !== false,
    wrapText: cell.alignment?.wrapText === true,
    horizontalAlignment: cell.alignment?.horizontal
      ? capitalised(cell.alignment.horizontal)
      : 'General',
    validation: validationFromFile(cell.dataValidation),
  };
}

/** The file's sheetProtection as Excel's WorksheetProtection.options: every option, stated. */
function protectionFromFile(p: Partial<ExcelJS.WorksheetProtection>): ProtectionOptions {
  return {
    allowAutoFilter: p.autoFilter === true,
    allowDeleteColumns: p.deleteColumns === true,
    allowDeleteRows: p.deleteRows === true,
    allowEditObjects: p.objects !== false,
    allowEditScenarios: p.scenarios !== false,
    allowFormatCells: p.formatCells === true,
    allowFormatColumns: p.formatColumns === true,
    allowFormatRows: p.formatRows === true,
    allowInsertColumns: p.insertColumns === true,
    allowInsertHyperlinks: p.insertHyperlinks === true,
    allowInsertRows: p.insertRows === true,
    allowPivotTables: p.pivotTables === true,
    allowSort: p.sort === true,
    selectionMode:
      p.selectUnlockedCells === false
        ? 'None'
        : p.selectLockedCells === false
          ? 'Unlocked'
          : 'Normal',
  };
}

function readSheet(ws: ExcelJS.Worksheet, id: string): DoubleSheetState {
  const cells: [string, DoubleCell][] = [];
  const notes: [string, string][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = 1; c <= row.cellCount; c++) {
      const found = row.findCell(c);
      if (!found) continue;
      const cell = cellFromFile(found);
      if (!isBlank(cell)) cells.push([cellKey(r - 1, c - 1), cell]);
      const note = found.note;
      if (note) {
        const text =
          typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
        notes.push([`${columnLetters(c - 1)}${r}`, text]);
      }
    }
  }
  const hiddenColumns: number[] = [];
  const columnWidths: [number, number][] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const column = ws.getColumn(c);
    if (column.hidden) hiddenColumns.push(c - 1);
    if (column.width !== undefined) columnWidths.push([c - 1, toPoints(column.width)]);
  }
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined;
  // ExcelJS keeps the protection it read but does not declare it in its types.
  const protection = (
    ws as unknown as {
      sheetProtection?: Partial<ExcelJS.WorksheetProtection> & { sheet?: boolean };
    }
  ).sheetProtection;
  const visibility = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' } as const;
  return {
    id,
    name: ws.name,
    visibility: visibility[ws.state] ?? 'Visible',
    cells,
    protection: protection?.sheet
      ? { protected: true, options: protectionFromFile(protection) }
      : { protected: false, options: {} },
    hiddenColumns,
    columnWidths,
    notes,
    tables: [],
    charts: [],
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
  };
}

/** Each worksheet's xr:uid, by name. */
async function sheetIds(zip: JSZip): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, part] of await sheetParts(zip)) {
    const xml = (await zip.file(part)?.async('string')) ?? '';
    const root = /<(?:\w+:)?worksheet\b[^>]*>/.exec(xml)?.[0] ?? '';
    const uid = /\s[\w.-]+:uid="([^"]+)"/.exec(root)?.[1];
    if (uid && isGuid(uid)) out.set(name, uid);
  }
  return out;
}

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The workbook an .xlsx holds, as the double opens it for the add-in `addinId`: its own settings
 * only, the custom XML parts with their IDs, each worksheet with the ID Excel gives it.
 */
export async function openWorkbookFile(buffer: Buffer, addinId: string): Promise<DoubleState> {
  const zip = await JSZip.loadAsync(buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const uids = await sheetIds(zip);
  // Excel's IDs: the file's xr:uid, else one by position (office-js-docs#297, office-js#1390).
  const sheets = wb.worksheets.map((ws, i) =>
    readSheet(ws, uids.get(ws.name) ?? positionalSheetId(i)),
  );
  const { webExtensions, customXmlParts } = await readPackageParts(zip);
  const names = (e: { reference: { id: string }; alternateReferences?: { id: string }[] }) =>
    [e.reference, ...(e.alternateReferences ?? [])].some((r) => sameId(r.id, addinId));
  // Settings are per file and add-in (Excel.SettingCollection): only the web extension whose
  // reference names this add-in's id; GUIDs compare without case.
  const own = webExtensions.find(names);
  const asState = (e: (typeof webExtensions)[number]): DoubleAddinState => ({
    reference: e.reference,
    alternateReferences: e.alternateReferences ?? [],
    taskpane: e.taskpane,
    settings: e.properties,
  });
  const activeTab = wb.views?.[0]?.activeTab ?? 0;
  const active = sheets[activeTab]?.visibility === 'Visible' ? sheets[activeTab] : undefined;
  return {
    sheets,
    activeSheetId: (active ?? sheets.find((s) => s.visibility === 'Visible') ?? sheets[0]!).id,
    activeCell: 'A1',
    // Each value the JSON text the file holds, unparsed (persisting-add-in-state-and-settings).
    settings: own ? own.properties : [],
    // Each part with its ds:itemID and its XML as stored; a part without properties gets an ID.
    xmlParts: customXmlParts.map((p) => [p.id || newPartId(), p.xml]),
    addin: own
      ? {
          reference: own.reference,
          alternateReferences: own.alternateReferences ?? [],
          taskpane: own.taskpane,
        }
      : null,
    otherAddins: webExtensions.filter((e) => e !== own).map(asState),
    lastId: 0,
  };
}
