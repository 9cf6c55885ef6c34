// The mapping table of one receiver's code system, read into lookups both ways: our template cell
// (template code, table, row, column) → the receiver's data element and category option combo,
// our agency (its code) → their org unit, our template → their data set. The Sở maintains it
// (server/exchange/schema.ts); exports stop on anything it does not map, imports refuse anything
// it cannot map back, so a value never lands under a wrong code.

export type CodeKind = 'DATA_SET' | 'DATA_ELEMENT' | 'ORG_UNIT' | 'COMMENT';

export interface CodeLine {
  kind: CodeKind;
  /**
   * DATA_SET: template code; DATA_ELEMENT: cellKey(...); ORG_UNIT: the org's code; COMMENT: a
   * note column, "template/table/column", whose text is the comment of `code`'s value column.
   */
  ours: string;
  code: string;
  /** "" is the default combination (DHIS2 omits it). */
  categoryOptionCombo: string;
}

export interface CellAddress {
  templateCode: string;
  tableKey: string;
  rowKey: string;
  columnKey: string;
}

export interface ElementCode {
  dataElement: string;
  categoryOptionCombo: string;
}

const SEPARATOR = '/';

/** How a template cell is written in the mapping table: "NA-CDS-QUY/so_lieu/ho_so/gia_tri". */
export const cellKey = (a: CellAddress): string =>
  [a.templateCode, a.tableKey, a.rowKey, a.columnKey].join(SEPARATOR);

/** The cell a mapping line names, or null when it is not four non-empty parts. */
export function cellOfKey(key: string): CellAddress | null {
  const parts = key.split(SEPARATOR);
  if (parts.length !== 4 || parts.some((p) => !p.trim())) return null;
  const [templateCode, tableKey, rowKey, columnKey] = parts as [string, string, string, string];
  return { templateCode, tableKey, rowKey, columnKey };
}

export class CodeBook {
  private readonly ours = new Map<string, CodeLine>();
  private readonly theirs = new Map<string, CodeLine>();

  constructor(
    readonly scheme: { code: string; name: string },
    lines: readonly CodeLine[],
  ) {
    for (const line of lines) {
      this.ours.set(`${line.kind} ${line.ours}`, line);
      this.theirs.set(`${line.kind} ${line.code} ${line.categoryOptionCombo}`, line);
    }
  }

  dataSet(templateCode: string): string | null {
    return this.ours.get(`DATA_SET ${templateCode}`)?.code ?? null;
  }

  element(cell: CellAddress): ElementCode | null {
    const line = this.ours.get(`DATA_ELEMENT ${cellKey(cell)}`);
    return line ? { dataElement: line.code, categoryOptionCombo: line.categoryOptionCombo } : null;
  }

  orgUnit(orgCode: string): string | null {
    return this.ours.get(`ORG_UNIT ${orgCode}`)?.code ?? null;
  }

  templateOf(dataSet: string): string | null {
    return this.theirs.get(`DATA_SET ${dataSet} `)?.ours ?? null;
  }

  cellOf(element: ElementCode): CellAddress | null {
    const line = this.theirs.get(
      `DATA_ELEMENT ${element.dataElement} ${element.categoryOptionCombo}`,
    );
    return line ? cellOfKey(line.ours) : null;
  }

  orgOf(orgUnit: string): string | null {
    return this.theirs.get(`ORG_UNIT ${orgUnit} `)?.ours ?? null;
  }

  /** The value column a note column explains (its text travels as the value's comment). */
  valueColumnOf(templateCode: string, tableKey: string, noteColumn: string): string | null {
    const line = this.ours.get(`COMMENT ${templateCode}/${tableKey}/${noteColumn}`);
    return line ? (line.code.split(SEPARATOR)[2] ?? null) : null;
  }

  /** The note column whose text is the comment of a value column, when the table has one. */
  noteColumnOf(templateCode: string, tableKey: string, valueColumn: string): string | null {
    const line = this.theirs.get(`COMMENT ${templateCode}/${tableKey}/${valueColumn} `);
    return line ? (line.ours.split(SEPARATOR)[2] ?? null) : null;
  }

  /** Every org unit code of the scheme. */
  orgUnits(): string[] {
    return [...this.ours.values()].filter((l) => l.kind === 'ORG_UNIT').map((l) => l.code);
  }

  /** Every data element line of one template, in the table's order of the mapping. */
  elementsOf(templateCode: string): { cell: CellAddress; code: ElementCode }[] {
    return [...this.ours.values()]
      .filter((l) => l.kind === 'DATA_ELEMENT' && l.ours.startsWith(templateCode + SEPARATOR))
      .map((l) => ({
        cell: cellOfKey(l.ours)!,
        code: { dataElement: l.code, categoryOptionCombo: l.categoryOptionCombo },
      }));
  }
}

/** A receiver's code: what DHIS2 and ADX accept as a code (no spaces, quotes or angle brackets). */
export const isExchangeCode = (code: string): boolean => /^[A-Za-z0-9_.:-]{1,100}$/.test(code);
