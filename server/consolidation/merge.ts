// Merging the sent reports of one request into one consolidated report, as plain functions over
// already-loaded data: recipients' standing and completeness, each table's rows with every
// agency's values (in the order of the org tree), totals by the column's rule, and roll-ups up
// the tree (communes into their district, districts into the province) — as reported, or with
// every agency placed in today's structure (structure.ts), which moves agencies and roll-ups but
// never the totals: those are always taken over each sent report once, in the same order.
import type {
  Completeness,
  ConsolidatedRow,
  ConsolidatedSection,
  ConsolidatedTable,
  OrgCells,
  OrgRef,
  RecipientState,
  RecipientStatus,
} from '../../shared/reporting/consolidated.ts';
import type { SheetCell, SheetColumn, SheetRow } from '../../shared/reporting/sheet.ts';
import { aggregateValues, rollsUp } from './aggregate.ts';
import { isSent, type SubmissionStatus } from '../../shared/reporting/status.ts';
import type { PlacementKind } from './structure.ts';

export interface RecipientFacts {
  org: OrgRef;
  deadline: Date;
  submission: {
    id: string;
    status: SubmissionStatus;
    version: number;
    submittedAt: Date | null;
    late: boolean;
    returnReason: string | null;
  } | null;
}

const byPath = (a: { org: OrgRef }, b: { org: OrgRef }) =>
  a.org.path < b.org.path ? -1 : a.org.path > b.org.path ? 1 : 0;

/** What recipientStatuses reads of each agency's report: the select for loading it. */
export const RECIPIENT_SUBMISSION_SELECT = {
  id: true,
  orgId: true,
  status: true,
  version: true,
  submittedAt: true,
  late: true,
  returnReason: true,
} as const;

export function recipientStatuses(recipients: RecipientFacts[], now: Date): RecipientStatus[] {
  return [...recipients].sort(byPath).map(({ org, deadline, submission: s }) => {
    const state: RecipientState = s ? s.status : 'NOT_STARTED';
    const sent = isSent(state);
    return {
      org,
      state,
      submissionId: s?.id ?? null,
      version: s?.version ?? 0,
      submittedAt: s?.submittedAt ?? null,
      late: s?.late ?? false,
      returnReason: state === 'RETURNED' ? (s?.returnReason ?? null) : null,
      deadline,
      overdue: !sent && now.getTime() > deadline.getTime(),
    };
  });
}

export function completenessOf(statuses: RecipientStatus[]): Completeness {
  const count = (p: (s: RecipientStatus) => boolean) => statuses.filter(p).length;
  const sent = (s: RecipientStatus) => isSent(s.state);
  return {
    expected: statuses.length,
    submitted: count(sent),
    onTime: count((s) => sent(s) && !s.late),
    late: count((s) => sent(s) && s.late),
    missing: count((s) => s.state === 'NOT_STARTED' || s.state === 'DRAFT'),
    pendingApproval: count((s) => s.state === 'PENDING_APPROVAL' || s.state === 'APPROVED'),
    returned: count((s) => s.state === 'RETURNED'),
    accepted: count((s) => s.state === 'ACCEPTED'),
  };
}

/** Sent values of one table: row key → agency id → column key → value. */
export type TableValues = Map<string, Map<string, Map<string, string | null>>>;

export interface OpenRowFacts {
  org: OrgRef;
  rowKey: string;
}

export interface TableFacts {
  key: string;
  title: string;
  description: string | null;
  columns: SheetColumn[];
  /** The rows every agency shares (fixed, or generated from the plan), with read-only values. */
  rows: SheetRow[];
  /** Rows agencies added themselves, in their order. */
  openRows: OpenRowFacts[];
}

/** Agencies above the reporting ones where numbers roll up: district and province committees. */
export interface RollupParent {
  org: OrgRef;
}

/** Where an agency is shown in the structure viewed, and under which name. */
export interface Placed {
  /** The unit it is shown under (itself as reported; its successor or province today). */
  unit: OrgRef;
  placement: PlacementKind;
  /** Its own name, marked "(đơn vị cũ)" or "(nay thuộc …)" in today's structure. */
  displayName: string;
}

export type PlacedOrgCells = OrgCells & Partial<Placed>;

/**
 * How agencies are arranged and where numbers roll up. As reported: the org tree as it was
 * (a list of roll-up parents, each taking the agencies whose path lies beneath it). Today's
 * structure: see structure.ts and consolidate.ts.
 */
export interface StructureView {
  parents: RollupParent[];
  rollsInto(org: OrgRef, parent: OrgRef): boolean;
  compare(a: OrgRef, b: OrgRef): number;
  /** compare as a string key (a page's cursor): compare(a, b) has the sign of key(a) vs key(b). */
  orderKey(org: OrgRef): string;
  place(org: OrgRef): Placed;
}

const comparePaths = (a: OrgRef, b: OrgRef) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The structure as reported: parents are the committees above, by path. */
export function asReported(parents: RollupParent[]): StructureView & { asReported: true } {
  return {
    asReported: true,
    parents,
    rollsInto: (org, parent) => org.path.startsWith(parent.path) && org.path !== parent.path,
    compare: comparePaths,
    orderKey: (org) => org.path,
    place: (org) => ({ unit: org, placement: 'SELF', displayName: org.name }),
  };
}

const isAsReported = (view: StructureView): boolean => 'asReported' in view;

function orgCells(columns: SheetColumn[], values: Map<string, string | null>): SheetCell[] {
  return columns.map((c) => ({ columnKey: c.key, value: values.get(c.key) ?? null }));
}

function mergeRow(
  row: SheetRow,
  columns: SheetColumn[],
  reporters: { org: OrgRef; values: Map<string, string | null> }[],
  view: StructureView,
): ConsolidatedRow {
  const editable = columns.filter((c) => !c.readOnly);
  // In the order of the tree as reported, whatever the view: totals then add the same values in
  // the same order in both structures.
  const reported: OrgCells[] = reporters
    .filter((r) => editable.some((c) => (r.values.get(c.key) ?? null) !== null))
    .sort(byPath)
    .map((r) => ({ org: r.org, cells: orgCells(editable, r.values) }));
  const fixed = new Map(row.cells.map((c) => [c.columnKey, c.value]));
  const totals = columns.map((c) => ({
    columnKey: c.key,
    value: c.readOnly
      ? (fixed.get(c.key) ?? null)
      : aggregateValues(
          c.aggregate,
          reported.map((o) => o.cells.find((x) => x.columnKey === c.key)?.value ?? null),
        ),
  }));
  const rolling = editable.filter((c) => rollsUp(c.aggregate));
  const rollup: OrgCells[] = [];
  if (rolling.length && !row.isGroup) {
    for (const parent of view.parents) {
      const beneath = reported.filter((o) => view.rollsInto(o.org, parent.org));
      if (!beneath.length) continue;
      rollup.push({
        org: parent.org,
        cells: rolling.map((c) => ({
          columnKey: c.key,
          value: aggregateValues(
            c.aggregate,
            beneath.map((o) => o.cells.find((x) => x.columnKey === c.key)?.value ?? null),
          ),
        })),
      });
    }
  }
  const byOrg: PlacedOrgCells[] = isAsReported(view)
    ? reported
    : reported
        .map((o) => ({ ...o, ...view.place(o.org) }))
        .sort((a, b) => view.compare(a.org, b.org));
  return {
    key: row.key,
    group: row.group,
    label: row.label,
    isGroup: row.isGroup,
    totals: row.isGroup ? [] : totals,
    byOrg: row.isGroup ? [] : byOrg,
    rollup,
  };
}

/**
 * One table merged across the sent reports. `structure`: the roll-up parents as reported (the
 * committees above the recipients), or a view of today's structure.
 */
export function mergeTable(
  table: TableFacts,
  values: TableValues,
  orgsById: ReadonlyMap<string, OrgRef>,
  structure: RollupParent[] | StructureView,
): ConsolidatedTable {
  const view = Array.isArray(structure) ? asReported(structure) : structure;
  const reportersOf = (rowKey: string) =>
    [...(values.get(rowKey) ?? new Map<string, Map<string, string | null>>())]
      .map(([orgId, v]) => ({ org: orgsById.get(orgId), values: v }))
      .filter((r): r is { org: OrgRef; values: Map<string, string | null> } => Boolean(r.org));
  const rows = table.rows.map((row) => mergeRow(row, table.columns, reportersOf(row.key), view));
  // Rows the agencies added: under a heading per agency, as Phụ lục 02 is filled in.
  const openByOrg = new Map<string, OpenRowFacts[]>();
  for (const open of table.openRows) {
    const list = openByOrg.get(open.org.id) ?? [];
    list.push(open);
    openByOrg.set(open.org.id, list);
  }
  const agencies = [...openByOrg.values()].sort((a, b) => view.compare(a[0]!.org, b[0]!.org));
  const alone = { ...view, parents: [] };
  for (const list of agencies) {
    const org = list[0]!.org;
    const name = view.place(org).displayName;
    const groupKey = `org:${org.code}`;
    rows.push({
      key: groupKey,
      group: null,
      label: name,
      isGroup: true,
      totals: [],
      byOrg: [],
      rollup: [],
    });
    list.forEach((open, i) => {
      const rowValues = values.get(open.rowKey)?.get(org.id) ?? new Map<string, string | null>();
      const merged = mergeRow(
        {
          key: open.rowKey,
          group: groupKey,
          label: `${name} – dòng ${i + 1}`,
          isGroup: false,
          readOnly: false,
          open: true,
          cells: [],
        },
        table.columns,
        [{ org, values: rowValues }],
        alone,
      );
      rows.push({ ...merged, key: `${org.code}:${open.rowKey}` });
    });
  }
  return {
    key: table.key,
    title: table.title,
    description: table.description,
    columns: table.columns,
    rows,
  };
}

export function mergeOutline(
  sections: { key: string; number: string | null; heading: string; depth: number }[],
  answers: { sectionKey: string; orgId: string; text: string | null }[],
  orgsById: ReadonlyMap<string, OrgRef>,
  view: StructureView = asReported([]),
): ConsolidatedSection[] {
  return sections.map((s) => ({
    key: s.key,
    number: s.number,
    heading: s.heading,
    depth: s.depth,
    answers: answers
      .filter((a) => a.sectionKey === s.key && a.text)
      .map((a) => ({ org: orgsById.get(a.orgId)!, text: a.text! }))
      .filter((a) => a.org)
      .sort((a, b) => view.compare(a.org, b.org))
      .map((a) => (isAsReported(view) ? a : { ...a, ...view.place(a.org) })),
  }));
}
