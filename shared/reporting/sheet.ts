// A report sheet: a template instantiated for one agency (its outline and tables with the values
// saved so far). The server builds it (server/sheets), the add-in lays it out in Excel, the .xlsx
// export writes it; all of them speak these shapes. Cell values are canonical strings
// (shared/cells/parse.ts) or null when empty.

export type ColumnType =
  | 'TEXT'
  | 'LONG_TEXT'
  | 'INTEGER'
  | 'DECIMAL'
  | 'PERCENT'
  | 'MONEY'
  | 'DATE'
  | 'BOOLEAN'
  | 'CHOICE';

export type Aggregate = 'SUM' | 'AVERAGE' | 'MIN' | 'MAX' | 'COUNT' | 'LIST' | 'NONE';

export interface ChoiceOption {
  key: string;
  label: string;
}

export interface SheetColumn {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  readOnly: boolean;
  options: ChoiceOption[];
  aggregate: Aggregate;
  /** A new period may start from the agency's last sent value (shared/reporting/last-period.ts). */
  carryForward?: boolean;
  /** A number moving by more than this factor from the last sent period is flagged; null: never. */
  changeFactor?: number | null;
}

export interface SheetCell {
  columnKey: string;
  value: string | null;
}

export interface SheetRow {
  key: string;
  /** Key of the group row it sits under ("I" in Phụ lục 03), null at top level. */
  group: string | null;
  label: string;
  /** A group header ("I. Chính quyền số"): no cells to fill. */
  isGroup: boolean;
  readOnly: boolean;
  /** A row the agency added itself (open tables); it may be removed by clearing it. */
  open: boolean;
  /** Every cell of the row may start from the last sent value (a stock among flows). */
  carryForward?: boolean;
  cells: SheetCell[];
}

export interface SheetTable {
  key: string;
  title: string;
  description: string | null;
  /** The agency may add rows of its own. */
  allowOpenRows: boolean;
  columns: SheetColumn[];
  rows: SheetRow[];
}

export interface SheetSection {
  key: string;
  number: string | null;
  heading: string;
  guidance: string | null;
  depth: number;
  /** Headings that only group others take no answer. */
  answerable: boolean;
  required: boolean;
  answer: string | null;
}

export interface Sheet {
  outline: SheetSection[];
  tables: SheetTable[];
}

/** What SaveReport receives (the contract's TableInput/AnswerInput). */
export interface SaveCellInput {
  columnKey: string;
  /**
   * As typed (GraphQL sends strings); the add-in and the .xlsx reader pass Excel's numbers and
   * booleans as they are, so "1.234" never has to be guessed (shared/cells/parse.ts).
   */
  value?: string | number | boolean | null;
}
export interface SaveRowInput {
  /** Absent: a new open row. */
  key?: string | null;
  cells: SaveCellInput[];
}
export interface SaveTableInput {
  key: string;
  rows: SaveRowInput[];
}
export interface SaveAnswerInput {
  key: string;
  text?: string | null;
}
export interface SaveInput {
  tables?: SaveTableInput[] | null;
  answers?: SaveAnswerInput[] | null;
}

/** One thing wrong with a save, located, with a message in Vietnamese. */
export interface Problem {
  tableKey: string | null;
  rowKey: string | null;
  columnKey: string | null;
  message: string;
}

/** A section as people name it: "1.2. Hạ tầng số", or the heading alone when unnumbered. */
export function sectionTitle(section: { number: string | null; heading: string }): string {
  return [section.number, section.heading].filter(Boolean).join('. ');
}

/** A section's title indented by its depth, as the outline worksheets list it. */
export function outlineHeading(section: {
  number: string | null;
  heading: string;
  depth: number;
}): string {
  return `${'   '.repeat(section.depth)}${sectionTitle(section)}`;
}

/** "Phụ lục 03: BÁO CÁO TÌNH HÌNH …" is called "Phụ lục 03" in messages and sheet names. */
export function shortTableName(title: string): string {
  const colon = title.indexOf(':');
  return colon > 0 && colon <= 24 ? title.slice(0, colon) : title;
}
