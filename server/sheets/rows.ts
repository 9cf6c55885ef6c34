// Which parts of a template concern one agency, as plain functions: the tasks it leads (named, or
// through a group it belongs to: "Các Sở, ban, ngành cấp tỉnh, UBND cấp huyện"), the targets at
// its level or in its charge, the outline sections addressed to it; and the rows they become.
import type { SheetRow, SheetCell } from '../../shared/reporting/sheet.ts';

export interface AgencyFacts {
  id: string;
  kind: string;
  level: string | null;
  /** Ids of the agency and every org above it, for "within this subtree" groups. */
  lineageIds: ReadonlySet<string>;
}

export interface GroupSpec {
  kind: string | null;
  level: string | null;
  withinId: string | null;
}

export function inGroup(agency: AgencyFacts, group: GroupSpec): boolean {
  return (
    (group.kind === null || group.kind === agency.kind) &&
    (group.level === null || group.level === agency.level) &&
    (group.withinId === null || agency.lineageIds.has(group.withinId))
  );
}

export interface TaskFacts {
  id: string;
  code: string;
  groupCode: string | null;
  groupTitle: string | null;
  title: string;
  leadName: string | null;
  leadOrgId: string | null;
  deadlineText: string | null;
  dueDate: Date | null;
  assignments: {
    role: string;
    orgId: string | null;
    groupKind: string | null;
    groupLevel: string | null;
    groupWithinId: string | null;
  }[];
}

/** A task is the agency's to report on when it leads it, by name or as one of a group. */
export function agencyLeadsTask(agency: AgencyFacts, task: TaskFacts): boolean {
  if (task.leadOrgId === agency.id) return true;
  return task.assignments.some(
    (a) =>
      a.role === 'LEAD' &&
      (a.orgId === agency.id ||
        (a.orgId === null &&
          inGroup(agency, { kind: a.groupKind, level: a.groupLevel, withinId: a.groupWithinId }))),
  );
}

export interface TargetFacts {
  id: string;
  code: string;
  statement: string;
  metric: string;
  unit: string;
  value: number | null;
  valueMax: number | null;
  targetYear: number | null;
  level: string | null;
  orgIds: string[];
}

/**
 * A target is the agency's to report on when it is in its charge, or set for its level
 * ("80% … cấp huyện" for a district). Text-only targets have no figure to report.
 */
export function targetConcernsAgency(agency: AgencyFacts, target: TargetFacts): boolean {
  if (target.unit === 'TEXT') return false;
  return (
    target.orgIds.includes(agency.id) || (target.level !== null && target.level === agency.level)
  );
}

export interface AudienceFacts {
  orgId: string | null;
  groupKind: string | null;
  groupLevel: string | null;
}

/** A section with no audience is for everyone; otherwise only for those it names. */
export function sectionConcernsAgency(agency: AgencyFacts, audiences: AudienceFacts[]): boolean {
  return (
    audiences.length === 0 ||
    audiences.some(
      (a) =>
        a.orgId === agency.id ||
        (a.orgId === null &&
          inGroup(agency, { kind: a.groupKind, level: a.groupLevel, withinId: null })),
    )
  );
}

type Bound = Record<string, string | null>;

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const num = (n: number | null) => (n === null ? null : String(n));

/** What a column bound to "task.…" shows for a task. */
export function taskBindings(task: TaskFacts): Bound {
  return {
    'task.code': task.code,
    'task.title': task.title,
    'task.leadName': task.leadName,
    'task.deadlineText': task.deadlineText,
    'task.dueDate': isoDay(task.dueDate),
    'task.group': task.groupTitle,
  };
}

/** What a column bound to "target.…" shows for a target ("target.measured" is the agency's). */
export function targetBindings(target: TargetFacts): Bound {
  return {
    'target.code': target.code,
    'target.statement': target.statement,
    'target.metric': target.metric,
    'target.value': num(target.value),
    'target.valueMax': num(target.valueMax),
    'target.targetYear': target.targetYear === null ? null : String(target.targetYear),
    'target.level': target.level,
  };
}

export interface BoundColumn {
  key: string;
  binding: string | null;
}

/** Cells of a generated row: bound columns from the plan, the rest from what was saved. */
export function rowCells(
  columns: BoundColumn[],
  bound: Bound,
  saved: ReadonlyMap<string, string | null> | undefined,
): SheetCell[] {
  return columns.map((c) => ({
    columnKey: c.key,
    value:
      c.binding && c.binding in bound ? (bound[c.binding] ?? null) : (saved?.get(c.key) ?? null),
  }));
}

/** Tasks grouped as the appendix groups them: "I. Chính quyền số" above I.1, I.2 … */
export function taskRows(
  tasks: TaskFacts[],
  columns: BoundColumn[],
  saved: ReadonlyMap<string, ReadonlyMap<string, string | null>>,
): SheetRow[] {
  const rows: SheetRow[] = [];
  const groupsShown = new Set<string>();
  for (const task of tasks) {
    const groupKey = task.groupCode ? `group:${task.groupCode}` : null;
    if (groupKey && !groupsShown.has(groupKey)) {
      groupsShown.add(groupKey);
      rows.push({
        key: groupKey,
        group: null,
        label: [task.groupCode, task.groupTitle].filter(Boolean).join('. '),
        isGroup: true,
        readOnly: true,
        open: false,
        cells: [],
      });
    }
    rows.push({
      key: task.code,
      group: groupKey,
      label: `${task.code}. ${task.title}`,
      isGroup: false,
      readOnly: false,
      open: false,
      cells: rowCells(columns, taskBindings(task), saved.get(task.code)),
    });
  }
  return rows;
}

export function targetRows(
  targets: TargetFacts[],
  columns: BoundColumn[],
  saved: ReadonlyMap<string, ReadonlyMap<string, string | null>>,
): SheetRow[] {
  return targets.map((target) => ({
    key: target.code,
    group: null,
    label: `${target.code}. ${target.metric}`,
    isGroup: false,
    readOnly: false,
    open: false,
    cells: rowCells(columns, targetBindings(target), saved.get(target.code)),
  }));
}
