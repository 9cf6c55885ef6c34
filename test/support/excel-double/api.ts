// The Excel JavaScript API objects the add-in uses, as the double's RequestContext hands them
// out. Every call is queued and happens only at context.sync(), in order; a property is readable
// only after it was loaded and synced (PropertyNotLoaded); each sync is one request whose size,
// and the size of its answer, are measured against Excel on the web's 5 MB limit; an API above
// the host's requirement set fails with ApiNotFound. Rules cite the Microsoft page they come from.
import type { ExcelDouble } from './book.ts';
import { typedEntry, writtenEntry, TEXT_FORMAT } from './entries.ts';
import {
  addressOf,
  blankCell,
  cellKey,
  isUnbounded,
  parseAddress,
  usedBounds,
  type Bounds,
  type DoubleCell,
  type DoubleChart,
  type DoubleSheet,
  type DoubleValidation,
  type ProtectionOptions,
} from './sheet.ts';

/**
 * "Excel on the web has a payload size limit for requests and responses of 5MB"
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * The double measures a request as the UTF-8 JSON of each queued call's arguments plus a fixed
 * cost per call, and an answer as the UTF-8 JSON of what was loaded.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
const CALL_OVERHEAD_BYTES = 64;

/** An OfficeExtension.Error: code, message and debugInfo (errorLocation), as Excel throws it. */
export class OfficeError extends Error {
  override name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation = '',
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

const utf8 = new TextEncoder();
const bytesOf = (value: unknown) =>
  value === undefined ? 0 : utf8.encode(JSON.stringify(value)).length;

interface Call {
  location: string;
  bytes: number;
  /** Runs the call; returns the answer's size when it loads something. */
  run(): number | void;
}

export class DoubleContext {
  queue: Call[] = [];
  /** Loaded values to hand over once the whole answer is known to fit. */
  delivered: (() => void)[] = [];
  readonly workbook: WorkbookProxy;
  constructor(
    readonly book: ExcelDouble,
    readonly delayForCellEdit: boolean,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  call(location: string, args: unknown, run: () => number | void, requirementSet = '1.1'): void {
    this.queue.push({
      location,
      bytes: bytesOf(args) + CALL_OVERHEAD_BYTES,
      run: () => {
        this.require(requirementSet, location);
        return run();
      },
    });
  }

  require(set: string, location: string): void {
    if (!this.book.requirements.isSetSupported('ExcelApi', set)) {
      throw new OfficeError(
        'ApiNotFound',
        `The API you are trying to use could not be found (${location}, ExcelApi ${set}).`,
        location,
      );
    }
  }

  async sync(): Promise<void> {
    await this.book.waitForCellEdit(this.delayForCellEdit);
    this.book.syncs += 1;
    const calls = this.queue.splice(0);
    const delivered: (() => void)[] = [];
    this.delivered = delivered;
    const requestBytes = calls.reduce((sum, c) => sum + c.bytes, 0);
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      this.book.requests.push({ requestBytes, responseBytes: 0, failed: true });
      throw new OfficeError(
        'RequestPayloadSizeLimitExceeded',
        'The request payload size has exceeded the limit.',
      );
    }
    let responseBytes = 0;
    for (const c of calls) {
      try {
        responseBytes += c.run() ?? 0;
      } catch (error) {
        this.book.requests.push({ requestBytes, responseBytes, failed: true });
        if (error instanceof OfficeError) {
          if (!error.debugInfo.errorLocation) error.debugInfo.errorLocation = c.location;
          throw error;
        }
        throw new OfficeError('GeneralException', String(error), c.location);
      }
    }
    const tooLarge = responseBytes > PAYLOAD_LIMIT_BYTES;
    this.book.requests.push({ requestBytes, responseBytes, failed: tooLarge });
    if (tooLarge) {
      throw new OfficeError(
        'ResponsePayloadSizeLimitExceeded',
        'The response payload size has exceeded the limit.',
      );
    }
    for (const d of delivered) d();
  }
}

/** A proxy whose properties are read only after load() and sync(). */
class Loadable {
  private loaded = new Map<string, unknown>();
  constructor(
    protected readonly ctx: DoubleContext,
    protected readonly kind: string,
  ) {}

  load(props?: string | string[]): this {
    const asked = Array.isArray(props)
      ? props
      : props
        ? props.split(',')
        : this.defaultProperties();
    const list = asked.map((p) => p.trim()).filter(Boolean);
    this.ctx.call(`${this.kind}.load`, list, () => {
      const values = new Map(list.map((p) => [p, this.read(p)]));
      this.ctx.delivered.push(() => {
        for (const [p, v] of values) this.loaded.set(p, v);
      });
      return bytesOf([...values.values()]);
    });
    return this;
  }

  protected defaultProperties(): string[] {
    return [];
  }

  /** The property's value now, when the load runs. */
  protected read(_prop: string): unknown {
    return undefined;
  }

  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new OfficeError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        `${this.kind}.${prop}`,
      );
    }
    return this.loaded.get(prop) as T;
  }
}

/**
 * An object got with get…OrNullObject (or a range, a sheet): its isNullObject is loaded with
 * whatever else is loaded, so the add-in can ask it after any load.
 */
class NullableLoadable extends Loadable {
  override load(props?: string | string[]): this {
    super.load(props);
    return super.load('isNullObject');
  }
  get isNullObject(): boolean {
    return this.got('isNullObject');
  }
}

// ───────────── Workbook, settings, custom XML parts ─────────────

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  constructor(private readonly ctx: DoubleContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingCollectionProxy(ctx);
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx);
  }

  /** ExcelApi 1.7. The selection as it is when the call runs. */
  getActiveCell(): RangeProxy {
    const ctx = this.ctx;
    const ws = new WorksheetProxy(ctx, () => ctx.book.sheetById(ctx.book.activeSheetId), false);
    return new RangeProxy(ctx, ws, () => ctx.book.activeCell, '1.7');
  }
}

/**
 * Excel.SettingCollection (ExcelApi 1.4). Microsoft documented "A maximum of 2MB is available
 * for the settings of each add-in" until 2020 (Office.Settings.set); the double keeps that limit.
 */
export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;

class SettingCollectionProxy {
  constructor(private readonly ctx: DoubleContext) {}
  add(key: string, value: unknown): void {
    this.ctx.call(
      'SettingCollection.add',
      [key, value],
      () => {
        const next = new Map(this.ctx.book.settings).set(key, JSON.stringify(value));
        if (bytesOf([...next]) > SETTINGS_LIMIT_BYTES) {
          throw new OfficeError('InvalidArgument', 'The settings are over their size limit.');
        }
        this.ctx.book.settings = next;
      },
      '1.4',
    );
  }
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, key);
  }
}

class SettingProxy extends NullableLoadable {
  constructor(
    ctx: DoubleContext,
    private readonly key: string,
  ) {
    super(ctx, 'Setting');
  }
  protected override defaultProperties() {
    return ['value'];
  }
  protected override read(prop: string) {
    const stored = this.ctx.book.settings.get(this.key);
    if (prop === 'isNullObject') return stored === undefined;
    return stored === undefined ? undefined : JSON.parse(stored);
  }
  get value(): unknown {
    return this.got('value');
  }
  delete(): void {
    this.ctx.call('Setting.delete', [this.key], () => void this.ctx.book.settings.delete(this.key));
  }
}

/** A well-formed XML document's root namespace, or an error: Excel stores only valid XML. */
function rootNamespace(xml: string): string | null {
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z_][\w.-]*)(?:\s[^>]*?)?(\/?)>([\s\S]*)$/.exec(xml);
  if (!m) throw new OfficeError('InvalidArgument', 'The XML is not well formed.');
  const [, name, selfClosing, rest] = m;
  if (!selfClosing && !new RegExp(`</${name}>\\s*$`).test(rest!)) {
    throw new OfficeError('InvalidArgument', 'The XML is not well formed.');
  }
  return /xmlns="([^"]*)"/.exec(xml.slice(0, xml.indexOf('>') + 1))?.[1] ?? null;
}

/** Workbook.customXmlParts (ExcelApi 1.5): "This data persists with the file". */
class CustomXmlPartCollectionProxy {
  constructor(private readonly ctx: DoubleContext) {}
  add(xml: string): CustomXmlPartProxy {
    const id = `{${this.ctx.book.nextId()}}`;
    this.ctx.call(
      'CustomXmlPartCollection.add',
      [xml],
      () => {
        rootNamespace(xml);
        this.ctx.book.xmlParts.set(id, xml);
      },
      '1.5',
    );
    return new CustomXmlPartProxy(this.ctx, id);
  }
  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this.ctx, id);
  }
}

class CustomXmlPartProxy extends NullableLoadable {
  constructor(
    ctx: DoubleContext,
    private readonly partId: string,
  ) {
    super(ctx, 'CustomXmlPart');
  }
  protected override read(prop: string) {
    if (prop === 'isNullObject') return !this.ctx.book.xmlParts.has(this.partId);
    if (prop === 'id') return this.partId;
    return undefined;
  }
  get id(): string {
    return this.got('id');
  }
  private existing(): string {
    const xml = this.ctx.book.xmlParts.get(this.partId);
    if (xml === undefined) throw new OfficeError('ItemNotFound', 'The custom XML part is gone.');
    return xml;
  }
  getXml(): { value: string } {
    const result = { value: undefined as unknown as string };
    let ready = false;
    this.ctx.call(
      'CustomXmlPart.getXml',
      [this.partId],
      () => {
        const xml = this.existing();
        this.ctx.delivered.push(() => ((result.value = xml), (ready = true)));
        return bytesOf(xml);
      },
      '1.5',
    );
    return {
      get value() {
        if (!ready) throw new OfficeError('PropertyNotLoaded', 'ClientResult read before sync.');
        return result.value;
      },
    };
  }
  delete(): void {
    this.ctx.call(
      'CustomXmlPart.delete',
      [this.partId],
      () => {
        this.existing();
        this.ctx.book.xmlParts.delete(this.partId);
      },
      '1.5',
    );
  }
}

// ───────────── Worksheets ─────────────

/**
 * Sheet names: "The name must be fewer than 32 characters"
 * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-name-member);
 * "the unique case-insensitive name of the sheet … MUST NOT contain … : \ * ? / [ ]" and "MUST
 * NOT begin or end with the single quote" (MS-XLS 2.4.28 BoundSheet8,
 * https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/b9ec509a-235d-424e-871d-f8e721106501).
 */
function checkSheetName(book: ExcelDouble, name: string, except: DoubleSheet | null): void {
  // eslint-disable-next-line no-control-regex -- MS-XLS forbids these two control characters
  if (!name || name.length > 31 || /[:\\*?/[\]\u0000\u0003]/.test(name) || /^'|'$/.test(name)) {
    throw new OfficeError('InvalidArgument', `The worksheet name "${name}" is not valid.`);
  }
  if (book.sheets.some((s) => s !== except && s.name.toLowerCase() === name.toLowerCase())) {
    throw new OfficeError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
  }
}

class WorksheetCollectionProxy extends Loadable {
  constructor(ctx: DoubleContext) {
    super(ctx, 'WorksheetCollection');
  }
  protected override read(prop: string) {
    if (!prop.startsWith('items')) return undefined;
    return this.ctx.book.sheets.map((s) => ({ id: s.id, name: s.name, visibility: s.visibility }));
  }
  get items(): { id: string; name: string; visibility: string }[] {
    for (const p of ['items', 'items/name', 'items/id', 'items/id,items/name']) {
      try {
        return this.got(p);
      } catch {
        // try the next way of asking for them
      }
    }
    return this.got('items');
  }
  override load(props?: string | string[]): this {
    const list = Array.isArray(props) ? props : (props ?? 'items').split(',').map((p) => p.trim());
    return super.load(list.some((p) => p.startsWith('items')) ? ['items'] : list);
  }
  add(name: string): WorksheetProxy {
    let made: DoubleSheet | null = null;
    this.ctx.call('WorksheetCollection.add', [name], () => {
      checkSheetName(this.ctx.book, name, null);
      made = this.ctx.book.addSheet(name);
    });
    return new WorksheetProxy(this.ctx, () => made, false);
  }
  /** "Gets a worksheet object using its name or ID." (ExcelApi 1.1) */
  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.findSheet(key), false);
  }
  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.findSheet(key), true);
  }
}

/** Protection refuses the change unless the option allows it (AccessDenied). */
function guard(sheet: DoubleSheet, allowedBy: keyof ProtectionOptions | null, what: string): void {
  if (!sheet.protection.protected) return;
  if (allowedBy && sheet.protection.options[allowedBy]) return;
  throw new OfficeError(
    'AccessDenied',
    `You cannot perform the requested operation: ${what} on the protected sheet "${sheet.name}".`,
  );
}

export class WorksheetProxy extends NullableLoadable {
  private resolved: DoubleSheet | null | undefined;
  constructor(
    ctx: DoubleContext,
    private readonly find: () => DoubleSheet | null,
    private readonly orNull: boolean,
  ) {
    super(ctx, 'Worksheet');
  }

  /** The sheet this proxy names, found once (a later rename keeps it). */
  sheetOrNull(): DoubleSheet | null {
    if (this.resolved === undefined) this.resolved = this.find();
    return this.resolved;
  }
  sheet(): DoubleSheet {
    const s = this.sheetOrNull();
    if (!s) throw new OfficeError('ItemNotFound', 'The requested worksheet does not exist.');
    return s;
  }

  protected override read(prop: string) {
    const s = this.sheetOrNull();
    if (prop === 'isNullObject') return s === null;
    if (!s) {
      if (this.orNull) return null;
      throw new OfficeError('ItemNotFound', 'The requested worksheet does not exist.');
    }
    if (prop === 'protection/protected') return s.protection.protected;
    return (s as unknown as Record<string, unknown>)[prop];
  }
  get id(): string {
    return this.got('id');
  }
  get name(): string {
    return this.got('name');
  }
  set name(value: string) {
    this.ctx.call('Worksheet.name', [value], () => {
      const s = this.sheet();
      checkSheetName(this.ctx.book, value, s);
      s.name = value;
    });
  }
  set visibility(value: DoubleSheet['visibility']) {
    this.ctx.call('Worksheet.visibility', [value], () => {
      const s = this.sheet();
      if (value !== 'Visible' && this.ctx.book.visibleSheets().every((x) => x === s)) {
        throw new OfficeError('InvalidOperation', 'A workbook must keep one visible worksheet.');
      }
      s.visibility = value;
    });
  }
  delete(): void {
    this.ctx.call('Worksheet.delete', [], () => {
      const s = this.sheet();
      if (this.ctx.book.visibleSheets().every((x) => x === s)) {
        throw new OfficeError('InvalidOperation', 'A workbook must keep one visible worksheet.');
      }
      this.ctx.book.removeSheet(s);
    });
  }
  activate(): void {
    this.ctx.call('Worksheet.activate', [], () => {
      const s = this.sheet();
      if (s.visibility !== 'Visible') {
        throw new OfficeError('InvalidOperation', 'A hidden worksheet cannot be activated.');
      }
      this.ctx.book.activeSheetId = s.id;
      this.ctx.book.activeCell = 'A1';
    });
  }
  getRange(address: string): RangeProxy {
    return new RangeProxy(this.ctx, this, () => address);
  }
  /** ExcelApi 1.7. */
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(
      this.ctx,
      this,
      () => {
        if (rows < 1 || columns < 1 || row < 0 || column < 0) {
          throw new OfficeError('InvalidArgument', `Bad range ${row},${column} ${rows}×${columns}`);
        }
        return addressOf({ r0: row, c0: column, r1: row + rows - 1, c1: column + columns - 1 });
      },
      '1.7',
    );
  }
  /** ExcelApi 1.4; valuesOnly counts only cells with values, otherwise formatted cells too. */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.ctx, this, () => {
      const s = this.sheetOrNull();
      const b = s ? usedBounds(s, valuesOnly) : null;
      return b ? addressOf(b) : null;
    });
  }

  get tables() {
    return {
      add: (address: string, hasHeaders: boolean) => {
        const table = { address, hasHeaders, style: null as string | null };
        this.ctx.call('TableCollection.add', [address, hasHeaders], () => {
          const s = this.sheet();
          guard(s, null, 'add a table');
          const b = parseAddress(address);
          if (!b || isUnbounded(b))
            throw new OfficeError('InvalidArgument', `Bad range ${address}`);
          const overlaps = s.tables.some((t) => {
            const o = parseAddress(t.address)!;
            return !(o.r1 < b.r0 || b.r1 < o.r0 || o.c1 < b.c0 || b.c1 < o.c0);
          });
          if (overlaps) {
            throw new OfficeError('InvalidOperation', 'A table cannot overlap another table.');
          }
          s.tables.push(table);
        });
        const ctx = this.ctx;
        return {
          set style(v: string) {
            ctx.call('Table.style', [v], () => void (table.style = v));
          },
          set showBandedRows(v: boolean) {
            ctx.call('Table.showBandedRows', [v], () => undefined);
          },
        };
      },
    };
  }

  get charts() {
    return {
      add: (type: string, source: RangeProxy, seriesBy = 'Auto') => {
        const chart: DoubleChart = {
          type,
          source: '',
          data: [],
          seriesBy,
          title: '',
          legend: true,
          position: null,
        };
        const ctx = this.ctx;
        ctx.call('ChartCollection.add', [type, seriesBy], () => {
          const s = this.sheet();
          guard(s, 'allowEditObjects', 'add a chart');
          chart.source = source.addressNow();
          chart.data = source.valuesNow();
          s.charts.push(chart);
        });
        return {
          title: {
            set text(t: string) {
              ctx.call('ChartTitle.text', [t], () => void (chart.title = t));
            },
          },
          legend: {
            set visible(v: boolean) {
              ctx.call('ChartLegend.visible', [v], () => void (chart.legend = v));
            },
          },
          setPosition: (start: string, end?: string) =>
            ctx.call('Chart.setPosition', [start, end], () => void (chart.position = [start, end])),
        };
      },
    };
  }

  /** ExcelApi 1.7. A view setting: allowed on a protected sheet. */
  get freezePanes() {
    return {
      freezeRows: (n: number) =>
        this.ctx.call(
          'WorksheetFreezePanes.freezeRows',
          [n],
          () => void (this.sheet().frozenRows = n),
          '1.7',
        ),
    };
  }

  /**
   * ExcelApi 1.2. protect(): "Fails if the worksheet has already been protected"
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheetprotection); the page
   * names no error code: AccessDenied, as reported in OfficeDev/office-js#6784, which also reports
   * it from unprotect() on a sheet that is not protected.
   */
  private protectionProxy: ReturnType<WorksheetProxy['makeProtection']> | undefined;
  get protection() {
    return (this.protectionProxy ??= this.makeProtection());
  }
  private makeProtection() {
    const sheetNow = () => this.sheet();
    const ctx = this.ctx;
    const state = new (class extends Loadable {
      protected override read(prop: string) {
        const p = sheetNow().protection;
        if (prop === 'protected') return p.protected;
        if (prop === 'options') return { ...p.options };
        return undefined;
      }
      get protected(): boolean {
        return this.got('protected');
      }
      get options(): ProtectionOptions {
        return this.got('options');
      }
    })(ctx, 'WorksheetProtection');
    return {
      load: (props: string | string[]) => state.load(props),
      get protected() {
        return state.protected;
      },
      get options() {
        return state.options;
      },
      protect(options: ProtectionOptions = {}, password?: string) {
        ctx.call(
          'WorksheetProtection.protect',
          [options, password ?? null],
          () => {
            const s = sheetNow();
            if (s.protection.protected) {
              throw new OfficeError('AccessDenied', `The sheet "${s.name}" is already protected.`);
            }
            if (password !== undefined) ctx.require('1.7', 'WorksheetProtection.protect(password)');
            if (options.allowEditObjects !== undefined || options.selectionMode !== undefined) {
              ctx.require('1.7', 'WorksheetProtectionOptions');
            }
            s.protection = { protected: true, options: { ...options } };
          },
          '1.2',
        );
      },
      unprotect(password?: string) {
        ctx.call(
          'WorksheetProtection.unprotect',
          [password ?? null],
          () => {
            const s = sheetNow();
            if (!s.protection.protected) {
              throw new OfficeError('AccessDenied', `The sheet "${s.name}" is not protected.`);
            }
            s.protection = { protected: false, options: {} };
          },
          '1.2',
        );
      },
    };
  }

  /**
   * Worksheet.notes is ExcelApi 1.18 (https://learn.microsoft.com/en-us/javascript/api/excel/excel.notecollection).
   * The npm copy of Office.js (1.1.110) has no notes at all: the property is undefined there.
   * Whether notes may be added on a protected sheet is not documented; the double refuses.
   */
  get notes(): NoteCollectionProxy | undefined {
    return this.ctx.book.library === 'npm' ? undefined : new NoteCollectionProxy(this.ctx, this);
  }
}

class NoteCollectionProxy {
  constructor(
    private readonly ctx: DoubleContext,
    private readonly ws: WorksheetProxy,
  ) {}
  add(cellAddress: string, content: string): void {
    this.ctx.call(
      'NoteCollection.add',
      [cellAddress, content],
      () => {
        const s = this.ws.sheet();
        const b = parseAddress(cellAddress);
        // "If the string is invalid, or the range is not a single cell, an InvalidCellAddress
        // error is thrown."
        if (!b || b.r0 !== b.r1 || b.c0 !== b.c1) {
          throw new OfficeError('InvalidCellAddress', `Not one cell: ${cellAddress}`);
        }
        guard(s, null, 'add a note');
        const address = addressOf(b);
        if (s.notes.has(address)) {
          throw new OfficeError('InvalidArgument', `The cell ${address} already has a note.`);
        }
        s.notes.set(address, content);
      },
      '1.18',
    );
  }
  getItemOrNullObject(cellAddress: string) {
    const ctx = this.ctx;
    const ws = this.ws;
    const address = addressOf(parseAddress(cellAddress) ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
    return new (class extends Loadable {
      protected override read(prop: string) {
        ctx.require('1.18', 'NoteCollection.getItemOrNullObject');
        return prop === 'isNullObject' ? !ws.sheet().notes.has(address) : undefined;
      }
      get isNullObject(): boolean {
        return this.got('isNullObject');
      }
      delete() {
        ctx.call(
          'Note.delete',
          [address],
          () => {
            const s = ws.sheet();
            if (!s.notes.has(address)) throw new OfficeError('ItemNotFound', 'No note there.');
            guard(s, null, 'delete a note');
            s.notes.delete(address);
          },
          '1.18',
        );
      }
    })(ctx, 'Note');
  }
}

// ───────────── Ranges ─────────────

const VALIDATION_LIMITS = {
  // MS-XLS 2.5.37 DValStrings: error title ≤ 32, error message ≤ 225, prompt title ≤ 32, prompt
  // message ≤ 255 characters (https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-xls/b8894965-c186-4bba-8a0b-8ec2a37a1cbe).
  errorTitle: 32,
  errorMessage: 225,
  promptTitle: 32,
  promptMessage: 255,
  // A validation formula, so an inline list, holds at most 255 characters (Excel's limit on
  // data-validation formulas, counted in UTF-16 code units); the Office.js pages do not state it.
  listSource: 255,
};

function checkValidationText(text: string | undefined, max: number, what: string): void {
  if (text !== undefined && text.length > max) {
    throw new OfficeError('InvalidArgument', `${what} is longer than ${max} characters.`);
  }
}

export class RangeProxy extends NullableLoadable {
  constructor(
    ctx: DoubleContext,
    readonly worksheet: WorksheetProxy,
    private readonly addressNowOrNull: () => string | null,
    private readonly requirementSet = '1.1',
  ) {
    super(ctx, 'Range');
  }

  addressNow(): string {
    const a = this.addressNowOrNull();
    if (a === null) throw new OfficeError('ItemNotFound', 'The range does not exist.');
    return a;
  }
  private bounds(): Bounds {
    const b = parseAddress(this.addressNow());
    if (!b) throw new OfficeError('InvalidArgument', `Invalid address ${this.addressNow()}`);
    return b;
  }
  private boundedCells(what: string): { sheet: DoubleSheet; b: Bounds } {
    const b = this.bounds();
    // "You can't set cell-level properties like values, numberFormat, or formula on an unbounded
    // range because the request is too large." (excel-add-ins-ranges-unbounded)
    if (isUnbounded(b)) {
      throw new OfficeError('InvalidArgument', `${what} cannot be set on an unbounded range.`);
    }
    return { sheet: this.worksheet.sheet(), b };
  }
  private each(
    what: string,
    allowedBy: keyof ProtectionOptions | null,
    fn: (cell: DoubleCell) => void,
  ): void {
    const { sheet, b } = this.boundedCells(what);
    guard(sheet, allowedBy, what);
    for (let r = b.r0; r <= b.r1; r++) {
      for (let c = b.c0; c <= b.c1; c++) {
        const cell = sheet.cells.get(cellKey(r, c)) ?? blankCell();
        fn(cell);
        sheet.cells.set(cellKey(r, c), cell);
      }
    }
  }

  /**
   * A 2-D array must match the range: "Use range.values with a two-dimensional array, even when
   * you write to a single cell" (https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values);
   * otherwise InvalidArgument, "The number of rows or columns in the input array doesn't match the
   * size or dimensions of the range." A null leaves its cell unchanged (excel-add-ins-blank-null-values).
   */
  private grid(
    what: string,
    grid: unknown,
    fn: (cell: DoubleCell, v: unknown, r: number, c: number) => void,
  ): void {
    const { sheet, b } = this.boundedCells(what);
    const rows = b.r1 - b.r0 + 1;
    const cols = b.c1 - b.c0 + 1;
    if (
      !Array.isArray(grid) ||
      grid.length !== rows ||
      grid.some((line) => !Array.isArray(line) || line.length !== cols)
    ) {
      throw new OfficeError(
        'InvalidArgument',
        "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      );
    }
    (grid as unknown[][]).forEach((line, i) =>
      line.forEach((v, j) => {
        if (v === null) return;
        if (v === undefined) throw new OfficeError('InvalidArgument', `${what}: undefined value`);
        const key = cellKey(b.r0 + i, b.c0 + j);
        const cell = sheet.cells.get(key) ?? blankCell();
        fn(cell, v, b.r0 + i, b.c0 + j);
        sheet.cells.set(key, cell);
      }),
    );
  }

  valuesNow(): unknown[][] {
    const sheet = this.worksheet.sheet();
    const b = this.bounds();
    const out: unknown[][] = [];
    for (let r = b.r0; r <= b.r1; r++) {
      const line: unknown[] = [];
      for (let c = b.c0; c <= b.c1; c++) line.push(sheet.cells.get(cellKey(r, c))?.value ?? '');
      out.push(line);
    }
    return out;
  }

  protected override read(prop: string) {
    this.ctx.require(this.requirementSet, 'Range');
    if (prop === 'isNullObject') {
      return this.worksheet.sheetOrNull() === null || this.addressNowOrNull() === null;
    }
    const b = this.bounds();
    const sheet = this.worksheet.sheet();
    switch (prop) {
      case 'address':
        return `${sheet.name}!${addressOf(b)}`;
      case 'rowIndex':
        return b.r0;
      case 'columnIndex':
        return b.c0;
      case 'rowCount':
        return b.r1 - b.r0 + 1;
      case 'columnCount':
        return b.c1 - b.c0 + 1;
      case 'values':
        return this.valuesNow();
      case 'numberFormat': {
        const out: string[][] = [];
        for (let r = b.r0; r <= b.r1; r++) {
          const line: string[] = [];
          for (let c = b.c0; c <= b.c1; c++) {
            line.push(sheet.cells.get(cellKey(r, c))?.numberFormat ?? 'General');
          }
          out.push(line);
        }
        return out;
      }
      default:
        throw new OfficeError('InvalidArgument', `The double does not load Range.${prop}.`);
    }
  }
  get address(): string {
    return this.got('address');
  }
  get rowIndex(): number {
    return this.got('rowIndex');
  }
  get columnIndex(): number {
    return this.got('columnIndex');
  }
  get rowCount(): number {
    return this.got('rowCount');
  }
  get columnCount(): number {
    return this.got('columnCount');
  }
  get values(): unknown[][] {
    return this.got('values');
  }
  get numberFormat(): string[][] {
    return this.got('numberFormat');
  }

  /** Writing values: locked cells of a protected sheet refuse; entries coerce (entries.ts). */
  set values(values: unknown[][]) {
    this.ctx.call('Range.values', values, () =>
      this.grid('Range.values', values, (cell, v) => {
        const sheet = this.worksheet.sheet();
        if (sheet.protection.protected && cell.locked) guard(sheet, null, 'change a locked cell');
        const entry = writtenEntry(v, cell.numberFormat);
        cell.value = entry.value;
        cell.formula = entry.formula;
        if (entry.impliedFormat && cell.numberFormat === 'General') {
          cell.numberFormat = entry.impliedFormat;
        }
      }),
    );
  }
  set numberFormat(formats: unknown[][]) {
    this.ctx.call('Range.numberFormat', formats, () =>
      this.grid('Range.numberFormat', formats, (cell, f) => {
        guard(this.worksheet.sheet(), 'allowFormatCells', 'format cells');
        cell.numberFormat = String(f);
      }),
    );
  }
  /** ExcelApi 1.7. */
  set hyperlink(link: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.ctx.call(
      'Range.hyperlink',
      link,
      () =>
        this.each('Range.hyperlink', 'allowInsertHyperlinks', (cell) => {
          cell.hyperlink = { ...link };
          if (link.textToDisplay !== undefined) cell.value = link.textToDisplay;
        }),
      '1.7',
    );
  }
  set columnHidden(hidden: boolean) {
    this.ctx.call('Range.columnHidden', [hidden], () => {
      const sheet = this.worksheet.sheet();
      guard(sheet, 'allowFormatColumns', 'hide columns');
      const { c0, c1 } = this.bounds();
      for (let c = c0; c <= c1; c++) {
        if (hidden) sheet.hiddenColumns.add(c);
        else sheet.hiddenColumns.delete(c);
      }
    });
  }

  get format() {
    const ctx = this.ctx;
    const cells = (location: string, value: unknown, fn: (cell: DoubleCell) => void) =>
      ctx.call(location, [value], () => this.each(location, 'allowFormatCells', fn));
    const sheetNow = () => this.worksheet.sheet();
    const boundsNow = () => this.bounds();
    return {
      set wrapText(v: boolean) {
        cells('RangeFormat.wrapText', v, (cell) => (cell.wrapText = v));
      },
      set horizontalAlignment(v: string) {
        cells('RangeFormat.horizontalAlignment', v, (cell) => (cell.horizontalAlignment = v));
      },
      set columnWidth(v: number) {
        ctx.call('RangeFormat.columnWidth', [v], () => {
          const sheet = sheetNow();
          guard(sheet, 'allowFormatColumns', 'set column widths');
          const { c0, c1 } = boundsNow();
          for (let c = c0; c <= c1; c++) sheet.columnWidths.set(c, v);
        });
      },
      set rowHeight(v: number) {
        ctx.call('RangeFormat.rowHeight', [v], () =>
          guard(sheetNow(), 'allowFormatRows', 'set row heights'),
        );
      },
      fill: {
        set color(color: string) {
          cells('RangeFill.color', color, (cell) => (cell.fill = color));
        },
        clear: () => cells('RangeFill.clear', null, (cell) => (cell.fill = null)),
      },
      font: {
        set bold(bold: boolean) {
          cells('RangeFont.bold', bold, (cell) => (cell.bold = bold));
        },
        set italic(italic: boolean) {
          cells('RangeFont.italic', italic, (cell) => (cell.italic = italic));
        },
      },
      protection: {
        set locked(locked: boolean) {
          cells('FormatProtection.locked', locked, (cell) => (cell.locked = locked));
        },
      },
    };
  }

  /**
   * DataValidation is ExcelApi 1.8 (https://learn.microsoft.com/en-us/javascript/api/excel/excel.datavalidation).
   * It is checked only when a person types: "data validation is triggered only if the user
   * directly enters a value into a cell" (excel-add-ins-data-validation). Excel's Data Validation
   * command is unavailable on a protected sheet, so the double refuses there too.
   */
  get dataValidation() {
    const ctx = this.ctx;
    const set = (location: string, value: unknown, fn: (v: DoubleValidation) => void) =>
      ctx.call(
        location,
        [value],
        () =>
          this.each(location, null, (cell) => {
            const v = cell.validation ?? { rule: null, errorAlert: null, prompt: null };
            fn(v);
            cell.validation = v.rule || v.errorAlert || v.prompt ? v : null;
          }),
        '1.8',
      );
    return {
      clear: () =>
        set('DataValidation.clear', null, (v) =>
          Object.assign(v, { rule: null, errorAlert: null, prompt: null }),
        ),
      set rule(rule: Record<string, unknown>) {
        const list = rule.list as { source?: unknown } | undefined;
        set('DataValidation.rule', rule, (v) => {
          if (list && typeof list.source === 'string') {
            checkValidationText(list.source, VALIDATION_LIMITS.listSource, 'The list source');
          }
          v.rule = rule;
        });
      },
      set errorAlert(alert: NonNullable<DoubleValidation['errorAlert']>) {
        set('DataValidation.errorAlert', alert, (v) => {
          checkValidationText(alert.title, VALIDATION_LIMITS.errorTitle, 'The error alert title');
          checkValidationText(
            alert.message,
            VALIDATION_LIMITS.errorMessage,
            'The error alert message',
          );
          v.errorAlert = alert;
        });
      },
      set prompt(prompt: NonNullable<DoubleValidation['prompt']>) {
        set('DataValidation.prompt', prompt, (v) => {
          checkValidationText(prompt.title, VALIDATION_LIMITS.promptTitle, 'The prompt title');
          checkValidationText(
            prompt.message,
            VALIDATION_LIMITS.promptMessage,
            'The prompt message',
          );
          v.prompt = prompt;
        });
      },
    };
  }
}

/** What a person's entry becomes in a cell, or why Excel refuses it. */
export function personEnters(
  book: ExcelDouble,
  sheet: DoubleSheet,
  cell: DoubleCell,
  typed: string,
): void {
  const entry = typedEntry(typed, cell.numberFormat, book.locale);
  const refusal = cell.validation ? validationRefusal(book, cell.validation, entry.value) : null;
  const style = cell.validation?.errorAlert?.style ?? 'Stop';
  const shown = cell.validation?.errorAlert?.showAlert !== false;
  // A Stop alert refuses the entry; Warning and Information let the person keep it.
  if (refusal && shown && style === 'Stop') {
    throw new Error(`Excel refuses "${typed}" in ${sheet.name}: ${refusal}`);
  }
  cell.value = entry.value;
  cell.formula = entry.formula;
  if (entry.impliedFormat && cell.numberFormat === 'General')
    cell.numberFormat = entry.impliedFormat;
}

/**
 * Why a typed value breaks its cell's rule, or null. List items are compared exactly: whether
 * Excel ignores case is not documented, so the double does not.
 */
function validationRefusal(book: ExcelDouble, v: DoubleValidation, value: unknown): string | null {
  const rule = v.rule;
  if (!rule || value === '') return null;
  const between = (r: { formula1?: unknown; formula2?: unknown; operator?: string }, n: number) => {
    const a = Number(r.formula1);
    const b = Number(r.formula2);
    switch (r.operator) {
      case 'Between':
        return n >= a && n <= b;
      case 'GreaterThan':
        return n > a;
      default:
        return true;
    }
  };
  if (rule.wholeNumber) {
    const ok =
      typeof value === 'number' && Number.isInteger(value) && between(rule.wholeNumber, value);
    return ok ? null : 'not a whole number in range';
  }
  if (rule.decimal) {
    const ok = typeof value === 'number' && between(rule.decimal, value);
    return ok ? null : 'not a number in range';
  }
  if (rule.date) return typeof value === 'number' ? null : 'not a date';
  const list = rule.list as { source: string } | undefined;
  if (list) {
    const items = list.source.startsWith('=')
      ? book.rangeValues(list.source.slice(1)).flat().map(String)
      : list.source.split(',').map((s) => s.trim());
    return items.includes(String(value)) ? null : 'not in the list';
  }
  return null;
}

export { TEXT_FORMAT };
