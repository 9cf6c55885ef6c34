// A consolidated report (tổng hợp): who has reported on a request, and every table merged across
// agencies. Built by server/consolidation, shown by the consolidator's add-in and written to .xlsx.
import type { SheetCell, SheetColumn } from './sheet.ts';

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  level: 'CENTRAL' | 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | null;
  /** Materialised path ("/NA/NA.SYT/"), which also orders agencies as the org tree does. */
  path: string;
}

export interface Completeness {
  /** Agencies asked. */
  expected: number;
  /** Sent at least once and not returned since (SUBMITTED or ACCEPTED). */
  submitted: number;
  onTime: number;
  late: number;
  /** Not sent: nothing, or only a draft. */
  missing: number;
  /** Waiting for the agency's leader: presented for approval, or approved and not yet sent. */
  pendingApproval: number;
  /** Sent back for corrections and not yet resubmitted. */
  returned: number;
  accepted: number;
}

export type { RecipientState } from './status.ts';
import type { RecipientState } from './status.ts';

/** One recipient's standing on the request. */
export interface RecipientStatus {
  org: OrgRef;
  state: RecipientState;
  submissionId: string | null;
  version: number;
  submittedAt: Date | null;
  late: boolean;
  returnReason: string | null;
  /** The deadline that applies to this agency (per level when the request sets one). */
  deadline: Date;
  /** Not sent (or returned) and the deadline has passed. */
  overdue: boolean;
}

export interface OrgCells {
  org: OrgRef;
  cells: SheetCell[];
}

export interface ConsolidatedRow {
  key: string;
  group: string | null;
  label: string;
  isGroup: boolean;
  /** Per column, the column's aggregate over every agency that reported the row. */
  totals: SheetCell[];
  /** Each reporting agency's values, in the order of the org tree. */
  byOrg: OrgCells[];
  /**
   * Numeric totals rolled up the tree: for every district and province above the reporting
   * agencies, the aggregate over the agencies beneath it (communes into their district,
   * districts into the province).
   */
  rollup: OrgCells[];
}

export interface ConsolidatedTable {
  key: string;
  title: string;
  description: string | null;
  columns: SheetColumn[];
  rows: ConsolidatedRow[];
}

/** An agency as a reader of the consolidated tables needs it: its id and name. */
export interface OrgName {
  id: string;
  name: string;
}

/**
 * A consolidated table as its readers lay it out (the add-in's sheets, the .xlsx): agencies by
 * id and name only. The server's ConsolidatedTable is one.
 */
export interface ConsolidatedTableView extends Omit<ConsolidatedTable, 'rows'> {
  rows: (Omit<ConsolidatedRow, 'byOrg' | 'rollup'> & {
    byOrg: { org: OrgName; cells: SheetCell[] }[];
    rollup: { org: OrgName; cells: SheetCell[] }[];
  })[];
}

export interface ConsolidatedAnswer {
  org: OrgRef;
  text: string;
}

export interface ConsolidatedSection {
  key: string;
  number: string | null;
  heading: string;
  depth: number;
  answers: ConsolidatedAnswer[];
}

export interface Consolidated {
  outline: ConsolidatedSection[];
  tables: ConsolidatedTable[];
}
