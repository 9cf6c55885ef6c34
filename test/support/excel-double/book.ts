// A strict stand-in for Excel, for the add-in's tests: the workbook, what people do in it
// (type in a cell the way their locale reads it, stay in cell edit mode, select a cell), and the
// two Office.js entry points the add-in uses, Excel.run and Office.context.requirements. The
// objects handed to a batch are in api.ts, how entries become values in entries.ts; every rule
// cites the Microsoft page it comes from, and where a page is silent the double takes the
// reading that is harder on the add-in.
import { DoubleContext, OfficeError, personEnters, RangeProxy, WorksheetProxy } from './api.ts';
import type { Locale } from './entries.ts';
import {
  blankCell,
  cellKey,
  emptySheet,
  parseAddress,
  type DoubleCell,
  type DoubleSheet,
} from './sheet.ts';

export interface ExcelDoubleOptions {
  /** Highest ExcelApi requirement set of the host, as a string ("1.10", "1.18"). */
  api?: string;
  /**
   * The Office.js library in the page: 'cdn' (Microsoft's, knows every API) or 'npm' (the
   * @microsoft/office-js 1.1.110 copy, which has no Worksheet.notes).
   */
  library?: 'cdn' | 'npm';
  /** How the person's Excel reads what they type. */
  locale?: Locale;
  /**
   * Whether Excel.run honours { delayForCellEdit: true }. No requirement set is documented for it
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions); by default the
   * double takes hosts below ExcelApi 1.18 not to, so the add-in must cope either way.
   */
  delaysForCellEdit?: boolean;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  failed: boolean;
}

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** A worksheet as plain JSON (its maps and sets as arrays of entries). */
export interface DoubleSheetState extends Omit<
  DoubleSheet,
  'cells' | 'hiddenColumns' | 'columnWidths' | 'notes'
> {
  cells: [string, DoubleCell][];
  hiddenColumns: number[];
  columnWidths: [number, number][];
  notes: [string, string][];
}

/** Where Office finds an add-in a workbook names ([MS-OWEXML] 2.2.5 CT_OsfWebExtensionReference). */
export interface DoubleAddinReference {
  id: string;
  version: string;
  store: string;
  storeType: string;
}

/** An add-in's web extension in the workbook: its reference, its task pane, its settings. */
export interface DoubleAddinState {
  reference: DoubleAddinReference;
  alternateReferences: DoubleAddinReference[];
  taskpane: { visible: boolean; dockstate: string; width: number; row: number };
  /** Setting name → the JSON text Office keeps. */
  settings: [string, string][];
}

/**
 * The workbook as plain JSON, to move between pages (page.evaluate) or into a file
 * (file.ts): what a saved workbook keeps, not the session (syncs, cell edit mode).
 */
/** Where a test leaves a workbook's state for the page's double to open on its next load. */
export const REOPEN_KEY = 'tonghop.excel-double.reopen';

export interface DoubleState {
  sheets: DoubleSheetState[];
  activeSheetId: string;
  activeCell: string;
  /** This add-in's settings: name → the JSON text Office keeps. */
  settings: [string, string][];
  /** Custom XML parts: ID → XML. */
  xmlParts: [string, string][];
  /** This add-in's web extension as the file had it (null: the defaults of file.ts). */
  addin: Omit<DoubleAddinState, 'settings'> | null;
  /** Other add-ins' web extensions: kept with the file, never this add-in's settings. */
  otherAddins: DoubleAddinState[];
  /** The last number the double gave an ID, so new IDs never repeat one in the workbook. */
  lastId: number;
}

const DOUBLE_ID = /^\{?00000000-0000-4000-8000-(\d{12})\}?$/;

const minor = (version: string) => {
  const [major, min] = version.split('.').map(Number);
  return (major ?? 0) * 1000 + (min ?? 0);
};

export class ExcelDouble {
  readonly api: string;
  readonly library: 'cdn' | 'npm';
  readonly locale: Locale;
  readonly delaysForCellEdit: boolean;
  sheets: DoubleSheet[] = [];
  settings = new Map<string, string>();
  xmlParts = new Map<string, string>();
  addin: DoubleState['addin'] = null;
  otherAddins: DoubleAddinState[] = [];
  activeSheetId: string;
  activeCell = 'A1';
  /** context.sync() calls, the round trips Excel on the web pays for. */
  syncs = 0;
  /** Every sync's request and answer size. */
  requests: SyncRecord[] = [];
  private ids = 0;
  private editing: { end: Promise<void>; finish: () => void } | null = null;

  constructor(options: ExcelDoubleOptions = {}) {
    this.api = options.api ?? '1.18';
    this.library = options.library ?? 'cdn';
    this.locale = options.locale ?? 'vi-VN';
    this.delaysForCellEdit = options.delaysForCellEdit ?? minor(this.api) >= minor('1.18');
    this.activeSheetId = this.addSheet('Sheet1').id;
  }

  /** A double holding `state`, on the host `options` describe. */
  static fromState(state: DoubleState, options: ExcelDoubleOptions = {}): ExcelDouble {
    const book = new ExcelDouble(options);
    book.restore(state);
    return book;
  }

  // ───────────── Saving and opening ─────────────

  /** The workbook as plain JSON (a deep copy). */
  state(): DoubleState {
    return structuredClone({
      sheets: this.sheets.map((s) => ({
        ...s,
        cells: [...s.cells],
        hiddenColumns: [...s.hiddenColumns],
        columnWidths: [...s.columnWidths],
        notes: [...s.notes],
      })),
      activeSheetId: this.activeSheetId,
      activeCell: this.activeCell,
      settings: [...this.settings],
      xmlParts: [...this.xmlParts],
      addin: this.addin,
      otherAddins: this.otherAddins,
      lastId: this.ids,
    });
  }

  /** Opens `state` in this Excel: the workbook it held is gone, the host stays. */
  restore(state: DoubleState): void {
    const s = structuredClone(state);
    if (!s.sheets.some((x) => x.visibility === 'Visible')) {
      throw new Error('A workbook keeps at least one visible worksheet.');
    }
    this.sheets = s.sheets.map((x) => ({
      ...x,
      cells: new Map(x.cells),
      hiddenColumns: new Set(x.hiddenColumns),
      columnWidths: new Map(x.columnWidths),
      notes: new Map(x.notes),
    }));
    this.settings = new Map(s.settings);
    this.xmlParts = new Map(s.xmlParts);
    this.addin = s.addin;
    this.otherAddins = s.otherAddins;
    const active = this.sheetById(s.activeSheetId);
    this.activeSheetId = active?.visibility === 'Visible' ? active.id : this.visibleSheets()[0]!.id;
    this.activeCell = active ? s.activeCell : 'A1';
    // IDs the double gave in another session stay taken.
    const used = [...this.sheets.map((x) => x.id), ...this.xmlParts.keys()].map((id) =>
      Number(DOUBLE_ID.exec(id)?.[1] ?? 0),
    );
    this.ids = Math.max(s.lastId, ...used);
    this.editing = null;
  }

  // ───────────── Office.js entry points ─────────────

  /**
   * Office.context.requirements: "If the requirement set is supported, isSetSupported returns
   * true"; the version is a string, since 1.1 and 1.10 are the same number
   * (https://learn.microsoft.com/en-us/office/dev/add-ins/develop/specify-api-requirements-runtime).
   */
  readonly requirements = {
    isSetSupported: (name: string, version: string = '1.1'): boolean =>
      name === 'ExcelApi' && minor(String(version)) <= minor(this.api),
  };

  /** Excel.run(batch) or Excel.run({ delayForCellEdit }, batch). */
  run = async <T>(first: Batch<T> | Excel.RunOptions, second?: Batch<T>): Promise<T> => {
    const batch = typeof first === 'function' ? first : second!;
    const options = typeof first === 'function' ? {} : first;
    const context = new DoubleContext(this, options.delayForCellEdit === true);
    const result = await batch(context as unknown as Excel.RequestContext);
    // Excel.run sends what is still queued when the batch returns.
    if (context.queue.length) await context.sync();
    return result;
  };

  /**
   * "When false, if the user is in cell edit when the batch request is processed by the host, the
   * batch automatically fails. When true … the batch request is delayed until the user exits cell
   * edit mode." (excel.runoptions). The failure is "InvalidOperation" in
   * https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit
   * (InvalidOperationInCellEditMode in the error-code table; the add-in must know both).
   */
  async waitForCellEdit(delay: boolean): Promise<void> {
    if (!this.editing) return;
    if (delay && this.delaysForCellEdit) {
      await this.editing.end;
      return;
    }
    throw new OfficeError(
      'InvalidOperation',
      "The operation isn't available while Excel is in Edit cell mode.",
      'RequestContext.sync',
    );
  }

  // ───────────── What people do ─────────────

  /** A person types into a cell and presses Enter. Excel refuses what a Stop alert forbids. */
  userTypes(sheetName: string, address: string, typed: string): void {
    const sheet = this.sheet(sheetName);
    const b = parseAddress(address);
    if (!b) throw new Error(`bad address ${address}`);
    const key = cellKey(b.r0, b.c0);
    const cell = sheet.cells.get(key) ?? blankCell();
    if (sheet.protection.protected && cell.locked) {
      throw new Error(`The cell ${address} on ${sheetName} is protected`);
    }
    const next = structuredClone(cell);
    personEnters(this, sheet, next, typed);
    sheet.cells.set(key, next);
  }

  /** A person starts typing in a cell and has not pressed Enter yet. */
  startEditing(sheetName: string, address: string): void {
    this.select(sheetName, address);
    let finish = () => {};
    const end = new Promise<void>((resolve) => (finish = resolve));
    this.editing = { end, finish };
  }

  /** The person presses Enter: the typed text lands, batches waiting for it run. */
  finishEditing(typed: string): void {
    const editing = this.editing;
    if (!editing) throw new Error('nobody is editing a cell');
    this.editing = null;
    this.userTypes(this.sheetById(this.activeSheetId)!.name, this.activeCell, typed);
    editing.finish();
  }

  /** A person clicks a cell. */
  select(sheetName: string, address: string): void {
    this.activeSheetId = this.sheet(sheetName).id;
    this.activeCell = address;
  }

  /** A person adds a worksheet of their own. */
  userAddsSheet(name: string): DoubleSheet {
    return this.addSheet(name);
  }

  // ───────────── For the tests' eyes ─────────────

  /** The worksheet of exactly this name (tests name what they expect). */
  sheet(name: string): DoubleSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s)
      throw new Error(`no worksheet "${name}" (have ${this.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }

  cell(sheetName: string, address: string): DoubleCell {
    const b = parseAddress(address)!;
    return this.sheet(sheetName).cells.get(cellKey(b.r0, b.c0)) ?? blankCell();
  }

  get activeSheet(): string {
    return this.sheetById(this.activeSheetId)?.name ?? '';
  }

  get largestRequest(): number {
    return Math.max(0, ...this.requests.map((r) => r.requestBytes));
  }

  get largestResponse(): number {
    return Math.max(0, ...this.requests.map((r) => r.responseBytes));
  }

  // ───────────── Used by the API objects ─────────────

  nextId(): string {
    this.ids += 1;
    return `00000000-0000-4000-8000-${String(this.ids).padStart(12, '0')}`;
  }

  addSheet(name: string): DoubleSheet {
    const sheet = emptySheet(`{${this.nextId()}}`, name);
    this.sheets.push(sheet);
    return sheet;
  }

  removeSheet(sheet: DoubleSheet): void {
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.activeSheetId === sheet.id) {
      this.activeSheetId = this.visibleSheets()[0]!.id;
      this.activeCell = 'A1';
    }
  }

  visibleSheets(): DoubleSheet[] {
    return this.sheets.filter((s) => s.visibility === 'Visible');
  }

  sheetById(id: string): DoubleSheet | null {
    return this.sheets.find((s) => s.id === id) ?? null;
  }

  /** By ID, or by name ignoring case as Excel's names do. */
  findSheet(key: string): DoubleSheet | null {
    return (
      this.sheetById(key) ??
      this.sheets.find((s) => s.name.toLowerCase() === key.toLowerCase()) ??
      null
    );
  }

  /** The values of "'Sheet'!$A$1:$A$5" (a validation list's source). */
  rangeValues(reference: string): unknown[][] {
    const m = /^'?(.+?)'?!(.+)$/.exec(reference);
    const sheet = m ? this.findSheet(m[1]!.replace(/''/g, "'")) : null;
    if (!m || !sheet) return [];
    const ctx = new DoubleContext(this, false);
    const ws = new WorksheetProxy(ctx, () => sheet, false);
    return new RangeProxy(ctx, ws, () => m[2]!).valuesNow();
  }
}

export { OfficeError };
