// A fake of the part of Excel's JavaScript API the add-in uses, faithful where it matters to
// the add-in: commands are queued and only happen at context.sync(); loaded properties can only be
// read after a sync (PropertyNotLoaded otherwise); a 2-D array must match its range; sheet names
// follow Excel's rules; a locked cell of a protected sheet cannot be typed into; text starting
// with "=" in a cell not formatted as text becomes a formula, and a leading apostrophe marks
// text. It counts syncs, the round trips Excel on the web pays for.

export interface FakeCell {
  value: string | number | boolean;
  formula: boolean;
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  locked: boolean;
  validation: unknown;
}

interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  protected: boolean;
  hiddenColumns: Set<number>;
  notes: Map<string, string>;
  tables: { address: string; hasHeaders: boolean; style?: string }[];
  charts: FakeChart[];
  frozenRows: number;
}

export interface FakeChart {
  type: string;
  /** The source range's address and, read at the time the chart was made, its values. */
  source: string;
  data: unknown[][];
  seriesBy: string;
  title: string;
  legend: boolean;
  position: [string, string?] | null;
}

type Command = () => void;

class NotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was not loaded and synced before it was read`);
  }
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B3" → [2, 1]; "A3:H10" → rows 2..9, cols 0..7; "A:A" → the whole column. */
export function parseAddress(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const part = (a: string) => {
    const m = /^([A-Z]+)?(\d+)?$/.exec(a.replace(/\$/g, ''));
    if (!m) throw new Error(`InvalidArgument: address ${address}`);
    return { c: m[1] ? colIndex(m[1]) : null, r: m[2] ? Number(m[2]) - 1 : null };
  };
  const [a, b = a] = address.split(':') as [string, string?];
  const p = part(a);
  const q = part(b!);
  return {
    r0: p.r ?? 0,
    c0: p.c ?? 0,
    r1: q.r ?? 1_048_575,
    c1: q.c ?? 16_383,
  };
}

const key = (r: number, c: number) => `${r},${c}`;
const blank = (): FakeCell => ({
  value: '',
  formula: false,
  numberFormat: 'General',
  fill: null,
  bold: false,
  italic: false,
  locked: true,
  validation: null,
});

const emptySheet = (name: string): FakeSheet => ({
  name,
  cells: new Map(),
  protected: false,
  hiddenColumns: new Set(),
  notes: new Map(),
  tables: [],
  charts: [],
  frozenRows: 0,
});

export class FakeWorkbook {
  sheets: FakeSheet[] = [emptySheet('Sheet1')];
  settings = new Map<string, string>();
  syncs = 0;
  activeSheet = 'Sheet1';
  /** The selected cell of the active sheet, as a person clicking would leave it. */
  activeCell = 'A1';

  /** A person clicks a cell. */
  select(sheet: string, address: string): void {
    this.sheet(sheet);
    this.activeSheet = sheet;
    this.activeCell = address;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`ItemNotFound: worksheet ${name}`);
    return s;
  }

  cell(sheet: string, address: string): FakeCell {
    const { r0, c0 } = parseAddress(address);
    return this.sheet(sheet).cells.get(key(r0, c0)) ?? blank();
  }

  /** What a person typing into the cell gets: refused on a locked cell of a protected sheet. */
  userTypes(sheet: string, address: string, value: string | number): void {
    const s = this.sheet(sheet);
    const { r0, c0 } = parseAddress(address);
    const cell = s.cells.get(key(r0, c0)) ?? blank();
    if (s.protected && cell.locked) throw new Error(`The cell ${address} is protected`);
    s.cells.set(key(r0, c0), { ...cell, ...typed(value, cell.numberFormat) });
  }

  /** Excel.run over this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    // Excel.run sends what is still queued when the batch returns.
    if (context.queue.length) await context.sync();
    return result;
  };
}

function typed(
  value: string | number | boolean,
  numberFormat: string,
): Pick<FakeCell, 'value' | 'formula'> {
  if (typeof value !== 'string') return { value, formula: false };
  if (value.startsWith("'")) return { value: value.slice(1), formula: false };
  if (value.startsWith('=') && numberFormat !== '@') return { value, formula: true };
  return { value, formula: false };
}

class FakeContext {
  queue: Command[] = [];
  afterSync: Command[] = [];
  workbook: FakeWorkbookProxy;
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }
  async sync(): Promise<void> {
    this.book.syncs += 1;
    const commands = this.queue.splice(0);
    for (const c of commands) c();
    for (const c of this.afterSync.splice(0)) c();
  }
}

class Loadable {
  private loaded = new Set<string>();
  private snapshot = new Map<string, unknown>();
  constructor(protected ctx: FakeContext) {}
  load(props?: string | string[]): this {
    const list = Array.isArray(props) ? props : (props ?? '').split(',').map((p) => p.trim());
    this.ctx.queue.push(() => {
      for (const p of list.length && list[0] ? list : ['*']) {
        this.ctx.afterSync.push(() => {
          this.snapshot.set(p, this.read(p));
          this.loaded.add(p);
        });
      }
    });
    return this;
  }
  protected read(_prop: string): unknown {
    return undefined;
  }
  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new NotLoaded(prop);
    return this.snapshot.get(prop) as T;
  }
}

class FakeWorkbookProxy {
  worksheets: FakeWorksheets;
  settings: FakeSettings;
  constructor(private ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.settings = new FakeSettings(ctx);
  }
  getActiveCell(): FakeRange {
    // The selection as it is when asked (the pane asks right after the click).
    const ref = { current: this.ctx.book.activeSheet };
    const ws = new FakeWorksheet(this.ctx, ref);
    return new FakeRange(
      this.ctx,
      () => this.ctx.book.sheet(ref.current),
      this.ctx.book.activeCell,
      ws,
    );
  }
}

class FakeSettings {
  constructor(private ctx: FakeContext) {}
  add(k: string, value: string): void {
    this.ctx.queue.push(() => this.ctx.book.settings.set(k, value));
  }
  getItemOrNullObject(k: string) {
    const ctx = this.ctx;
    return new (class extends Loadable {
      protected override read() {
        return ctx.book.settings.get(k);
      }
      get value() {
        return this.got<string>('value');
      }
      get isNullObject() {
        return this.got<string | undefined>('value') === undefined;
      }
    })(ctx);
  }
}

class FakeWorksheets extends Loadable {
  constructor(ctx: FakeContext) {
    super(ctx);
  }
  protected override read(prop: string) {
    return prop.startsWith('items')
      ? this.ctx.book.sheets.map((s) => ({ name: s.name }))
      : undefined;
  }
  get items(): { name: string }[] {
    return this.got('items/name');
  }
  add(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, { current: name });
    this.ctx.queue.push(() => {
      if (name.length > 31 || /[[\]:*?/\\]/.test(name))
        throw new Error(`InvalidArgument: sheet name ${name}`);
      if (this.ctx.book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
        throw new Error(`ItemAlreadyExists: ${name}`);
      }
      this.ctx.book.sheets.push(emptySheet(name));
    });
    return ws;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { current: name });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, { current: name }, true);
  }
}

class FakeWorksheet {
  constructor(
    private ctx: FakeContext,
    private ref: { current: string },
    private orNull = false,
  ) {}
  private get sheet() {
    return this.ctx.book.sheet(this.ref.current);
  }
  set name(value: string) {
    this.ctx.queue.push(() => {
      this.sheet.name = value;
      this.ref.current = value;
    });
  }
  delete(): void {
    this.ctx.queue.push(() => {
      if (this.ctx.book.sheets.length === 1)
        throw new Error('InvalidOperation: a workbook keeps one sheet');
      this.ctx.book.sheets = this.ctx.book.sheets.filter((s) => s !== this.sheet);
    });
  }
  activate(): void {
    this.ctx.queue.push(() => {
      this.ctx.book.activeSheet = this.ref.current;
      this.ctx.book.activeCell = 'A1';
    });
  }
  getRange(address: string): FakeRange {
    return new FakeRange(this.ctx, () => this.sheet, address, this);
  }
  get charts() {
    return {
      add: (type: string, source: FakeRange, seriesBy = 'Auto') => {
        const chart: FakeChart = {
          type,
          source: source.addressText,
          data: [],
          seriesBy,
          title: '',
          legend: true,
          position: null,
        };
        this.ctx.queue.push(() => {
          chart.data = source.snapshotValues();
          this.sheet.charts.push(chart);
        });
        const ctx = this.ctx;
        return {
          title: {
            set text(t: string) {
              ctx.queue.push(() => (chart.title = t));
            },
          },
          legend: {
            set visible(v: boolean) {
              ctx.queue.push(() => (chart.legend = v));
            },
          },
          setPosition: (start: string, end?: string) =>
            ctx.queue.push(() => (chart.position = [start, end])),
        };
      },
    };
  }
  getUsedRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.ctx,
      () =>
        this.orNull && !this.ctx.book.sheets.some((s) => s.name === this.ref.current)
          ? null
          : this.sheet,
      null,
      this,
    );
  }
  get tables() {
    return {
      add: (address: string, hasHeaders: boolean) => {
        const table: { address: string; hasHeaders: boolean; style?: string } = {
          address,
          hasHeaders,
        };
        this.ctx.queue.push(() => this.sheet.tables.push(table));
        return {
          set style(v: string) {
            table.style = v;
          },
          set showBandedRows(_v: boolean) {},
        };
      },
    };
  }
  get freezePanes() {
    return { freezeRows: (n: number) => this.ctx.queue.push(() => (this.sheet.frozenRows = n)) };
  }
  get protection() {
    return { protect: () => this.ctx.queue.push(() => (this.sheet.protected = true)) };
  }
  get notes() {
    return {
      add: (address: string, content: string) =>
        this.ctx.queue.push(() => this.sheet.notes.set(address, content)),
      getItemOrNullObject: (address: string) => {
        const sheet = () => this.sheet;
        const ctx = this.ctx;
        return new (class extends Loadable {
          protected override read() {
            return !sheet().notes.has(address);
          }
          get isNullObject() {
            return this.got<boolean>('isNullObject');
          }
          delete() {
            ctx.queue.push(() => sheet().notes.delete(address));
          }
        })(ctx);
      },
    };
  }
}

class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheetOf: () => FakeSheet | null,
    private address: string | null,
    readonly worksheet: FakeWorksheet,
  ) {
    super(ctx);
  }
  get addressText(): string {
    return this.address ?? '';
  }
  /** The values now (for a chart made from this range). */
  snapshotValues(): unknown[][] {
    return this.read('values') as unknown[][];
  }
  private bounds(sheet: FakeSheet) {
    if (this.address) return parseAddress(this.address);
    let r1 = -1;
    let c1 = -1;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === '') continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return { r0: 0, c0: 0, r1, c1 };
  }
  private each(fn: (cell: FakeCell, r: number, c: number) => void): void {
    this.ctx.queue.push(() => {
      const sheet = this.sheetOf()!;
      const b = this.bounds(sheet);
      const rows = Math.min(b.r1, b.r0 + 5000);
      const cols = Math.min(b.c1, b.c0 + 200);
      for (let r = b.r0; r <= rows; r++) {
        for (let c = b.c0; c <= cols; c++) {
          const cell = sheet.cells.get(key(r, c)) ?? blank();
          fn(cell, r, c);
          sheet.cells.set(key(r, c), cell);
        }
      }
    });
  }
  private grid(values: unknown[][], fn: (cell: FakeCell, v: unknown) => void): void {
    this.ctx.queue.push(() => {
      const sheet = this.sheetOf()!;
      const b = this.bounds(sheet);
      if (values.length !== b.r1 - b.r0 + 1 || values.some((l) => l.length !== b.c1 - b.c0 + 1)) {
        throw new Error(
          `InvalidArgument: ${values.length}×${values[0]?.length} values for range ${this.address}`,
        );
      }
      values.forEach((line, i) =>
        line.forEach((v, j) => {
          const cell = sheet.cells.get(key(b.r0 + i, b.c0 + j)) ?? blank();
          fn(cell, v);
          sheet.cells.set(key(b.r0 + i, b.c0 + j), cell);
        }),
      );
    });
  }
  protected override read(prop: string) {
    const sheet = this.sheetOf();
    if (prop === 'isNullObject') return sheet === null;
    if (!sheet) return undefined;
    const b = this.bounds(sheet);
    if (prop === 'rowIndex') return b.r0;
    if (prop === 'columnIndex') return b.c0;
    if (prop === 'values') {
      const out: unknown[][] = [];
      for (let r = b.r0; r <= b.r1; r++) {
        const line: unknown[] = [];
        for (let c = b.c0; c <= b.c1; c++) line.push(sheet.cells.get(key(r, c))?.value ?? '');
        out.push(line);
      }
      return out;
    }
    return undefined;
  }
  override load(props?: string | string[]): this {
    super.load(props);
    return super.load('isNullObject');
  }
  get isNullObject(): boolean {
    return this.got('isNullObject');
  }
  get values(): unknown[][] {
    return this.got('values');
  }
  set values(values: unknown[][]) {
    this.grid(values, (cell, v) =>
      Object.assign(cell, typed(v as string | number, cell.numberFormat)),
    );
  }
  get rowIndex(): number {
    return this.got('rowIndex');
  }
  get columnIndex(): number {
    return this.got('columnIndex');
  }
  set numberFormat(formats: unknown[][]) {
    this.grid(formats, (cell, f) => (cell.numberFormat = String(f)));
  }
  set columnHidden(hidden: boolean) {
    this.ctx.queue.push(() => {
      const { c0, c1 } = parseAddress(this.address!);
      const columns = this.sheetOf()!.hiddenColumns;
      for (let c = c0; c <= c1; c++) {
        if (hidden) columns.add(c);
        else columns.delete(c);
      }
    });
  }
  get dataValidation() {
    const each = (fn: (cell: FakeCell) => void) => this.each(fn);
    return {
      clear: () => each((cell) => (cell.validation = null)),
      set rule(rule: unknown) {
        each((cell) => (cell.validation = rule));
      },
      set errorAlert(_a: unknown) {},
    };
  }
  get format() {
    const each = (fn: (cell: FakeCell) => void) => this.each(fn);
    return {
      set wrapText(_v: boolean) {},
      set columnWidth(_v: number) {},
      set rowHeight(_v: number) {},
      fill: {
        set color(color: string) {
          each((cell) => (cell.fill = color));
        },
        clear: () => each((cell) => (cell.fill = null)),
      },
      font: {
        set bold(bold: boolean) {
          each((cell) => (cell.bold = bold));
        },
        set italic(italic: boolean) {
          each((cell) => (cell.italic = italic));
        },
      },
      protection: {
        set locked(locked: boolean) {
          each((cell) => (cell.locked = locked));
        },
      },
    };
  }
}
