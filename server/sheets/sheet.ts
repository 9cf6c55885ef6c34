// ReportSheet: a request's template instantiated for one agency, with the values saved so far.
// Who may open it: the agency's reporters (drafts included), and those who consolidate, analyse or
// administer over it (a draft's values stay with the agency until it is sent).
import type { Org, ReportRequest } from '../../generated/prisma/client.ts';
import type { Sheet, SheetRow, SheetTable } from '../../shared/reporting/sheet.ts';
import { LRUCache } from 'lru-cache';
import {
  canReadSubmission,
  holdsRoleOver,
  insideAgency,
  oversees,
  type Principal,
} from '../auth/access.ts';
import type { Sql } from '../db/database.ts';
import { prismaRow } from '../db/rows.ts';
import type { Context } from '../graphql/context.ts';
import { forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { seesRequestOf, visibleRequestsWhere } from '../requests/visibility.ts';
import {
  agencyLeadsTask,
  sectionConcernsAgency,
  targetConcernsAgency,
  targetRows,
  taskRows,
  rowCells,
  type AgencyFacts,
  type TargetFacts,
  type TaskFacts,
} from './rows.ts';
import { templateShape, type ShapeTable, type TemplateShape } from './template-shape.ts';
import type { SubmissionStatus } from '../../shared/reporting/status.ts';

/** The agency's own row (for the GraphQL Org without another query) and its lineage. */
export type SheetAgency = AgencyFacts & Org;

export interface SheetSubmission {
  id: string;
  status: SubmissionStatus;
  version: number;
  submittedAt: Date | null;
  late: boolean;
  returnReason: string | null;
}

export interface OpenedSheet {
  request: {
    id: string;
    title: string;
    deadline: Date;
    periodLabel: string;
    planId: string | null;
    status: 'OPEN' | 'CLOSED';
    /** The request's own row, for the GraphQL ReportRequest without another query. */
    row: ReportRequest;
  };
  org: SheetAgency;
  template: TemplateShape;
  /** Null when nothing was saved, or when the viewer may not see the agency's draft. */
  submission: SheetSubmission | null;
  routing: SheetRouting;
  sheet: Sheet;
}

/**
 * Everything a sheet is built from but the template (kept in memory, see template-shape.ts), read
 * in one statement: ReportSheet is the add-in's most frequent read, and each of the eleven Prisma
 * queries it took before cost a round trip and more CPU than the statement itself. The plan's
 * `tasks` and `targets` are read unless $3 names it: this process holds them already (see
 * planItemsCache). Cells come as arrays rather than objects: a sheet has hundreds of them and the
 * keys would be most of the JSON built and parsed. Each task's assignments are a subquery by
 * taskId (indexed), not a join: a join made the planner scan every plan's assignments.
 */
const RECORDS_SQL = `
SELECT row_to_json(r) AS request, p."label" AS "periodLabel", c."path" AS "consolidatorPath",
  EXISTS (SELECT 1 FROM "ReportRecipient" x WHERE x."requestId" = r."id" AND x."orgId" = $2)
    AS "isRecipient",
  (SELECT row_to_json(o) FROM "Org" o WHERE o."id" = $2) AS agency,
  (SELECT coalesce(json_agg(json_build_array(t."tableKey", t."rowKey", t."orgId")), '[]')
   FROM "RequestRowRoute" t WHERE t."requestId" = r."id") AS routes,
  (SELECT coalesce(json_agg(l."id"), '[]') FROM "Org" o
   JOIN "Org" l ON l."code" = ANY (string_to_array(trim(BOTH '/' FROM o."path"), '/'))
   WHERE o."id" = $2) AS lineage,
  (SELECT json_build_object(
     'id', s."id", 'status', s."status", 'version', s."version", 'submittedAt', s."submittedAt",
     'late', s."late", 'returnReason', s."returnReason",
     'cells', (SELECT coalesce(json_agg(json_build_array(v."tableKey", v."rowKey",
                 v."columnKey", v."value")), '[]')
               FROM "CellValue" v WHERE v."submissionId" = s."id"),
     'openRows', (SELECT coalesce(json_agg(json_build_object('tableKey', w."tableKey",
                    'rowKey', w."rowKey") ORDER BY w."sortOrder"), '[]')
                  FROM "SubmissionRow" w WHERE w."submissionId" = s."id"),
     'answers', (SELECT coalesce(json_agg(json_build_object('sectionKey', a."sectionKey",
                   'text', a."text")), '[]')
                 FROM "OutlineAnswer" a WHERE a."submissionId" = s."id"))
   FROM "Submission" s WHERE s."requestId" = r."id" AND s."orgId" = $2) AS submission,
  CASE WHEN r."planId" IS DISTINCT FROM $3 THEN
    (SELECT coalesce(json_agg(json_build_object(
       'id', k."id", 'code', k."code", 'groupCode', k."groupCode", 'groupTitle', k."groupTitle",
       'title', k."title", 'leadName', k."leadName", 'leadOrgId', k."leadOrgId",
       'deadlineText', k."deadlineText", 'dueDate', k."dueDate",
       'assignments', (SELECT coalesce(json_agg(json_build_object('role', a."role",
          'orgId', a."orgId", 'groupKind', a."groupKind", 'groupLevel', a."groupLevel",
          'groupWithinId', a."groupWithinId")), '[]')
        FROM "TaskAssignment" a WHERE a."taskId" = k."id"))
       ORDER BY k."sortOrder", k."code"), '[]')
     FROM "Task" k WHERE k."planId" = r."planId")
  END AS tasks,
  CASE WHEN r."planId" IS DISTINCT FROM $3 THEN
    (SELECT coalesce(json_agg(json_build_object(
       'id', g."id", 'code', g."code", 'statement', g."statement", 'metric', g."metric",
       'unit', g."unit", 'value', g."value", 'valueMax', g."valueMax",
       'targetYear', g."targetYear", 'level', g."level",
       'orgIds', (SELECT coalesce(json_agg(x."orgId"), '[]') FROM "TargetOrg" x
                  WHERE x."targetId" = g."id"))
       ORDER BY g."sortOrder", g."code"), '[]')
     FROM "Target" g WHERE g."planId" = r."planId")
  END AS targets
FROM "ReportRequest" r
JOIN "ReportingPeriod" p ON p."id" = r."periodId"
JOIN "Org" c ON c."id" = r."consolidatorOrgId"
WHERE r."id" = $1`;

/** tableKey, rowKey, columnKey, value. */
type CellTuple = [string, string, string, string | null];

interface SavedRecords extends SheetSubmission {
  cells: CellTuple[];
  openRows: { tableKey: string; rowKey: string }[];
  answers: { sectionKey: string; text: string | null }[];
}

interface SheetRecords {
  request: ReportRequest;
  periodLabel: string;
  consolidatorPath: string;
  /** The agency is one of the request's recipients. */
  isRecipient: boolean;
  agency: SheetAgency | null;
  submission: SavedRecords | null;
  items: PlanItems;
  routing: SheetRouting;
}

/** table key → row key → the recipient another row is asked of. */
export type RoutedRows = Map<string, Map<string, string>>;

/** How a request's rows are routed (RequestRowRoute), as one agency's sheet needs it. */
export interface SheetRouting {
  /** The request routes rows at all (a save then checks its rows are still this agency's). */
  routed: boolean;
  /** Rows asked of another recipient: left out of this sheet. */
  elsewhere: RoutedRows;
}

/** The request's routes as one agency's sheet needs them (all of them: read once). */
function routingFor(triples: [string, string, string][], agencyId: string): SheetRouting {
  const byTable: RoutedRows = new Map();
  for (const [tableKey, rowKey, orgId] of triples) {
    if (orgId === agencyId) continue;
    let rows = byTable.get(tableKey);
    if (!rows) byTable.set(tableKey, (rows = new Map()));
    rows.set(rowKey, orgId);
  }
  return { routed: triples.length > 0, elsewhere: byTable };
}

interface PlanItems {
  tasks: TaskFacts[];
  targets: TargetFacts[];
}

type Json = Record<string, unknown>;

/**
 * A plan's tasks and targets, by plan id, as this process last read them. They are written once,
 * with the plan (server/plans/import.ts, the seed loader), and nothing changes them afterwards, so
 * they are not read again for every sheet: the add-in opens the same few plans' sheets all day.
 */
const planItemsCache = new LRUCache<string, PlanItems>({ max: 50 });
/** The plan each request was last seen with; RECORDS_SQL checks it still is. */
const planOfRequest = new LRUCache<string, string>({ max: 500 });

async function loadSheetRecords(
  sql: Sql,
  requestId: string,
  agencyId: string,
): Promise<SheetRecords | null> {
  const knownPlan = planOfRequest.get(requestId);
  const knownItems = knownPlan ? planItemsCache.get(knownPlan) : undefined;
  const held = knownPlan && knownItems ? { planId: knownPlan, items: knownItems } : null;
  const [found] = await sql.query<{
    request: Json;
    periodLabel: string;
    consolidatorPath: string;
    isRecipient: boolean;
    agency: Json | null;
    routes: [string, string, string][];
    lineage: string[];
    submission: Json | null;
    tasks: Json[] | null;
    targets: TargetFacts[] | null;
  }>(RECORDS_SQL, [requestId, agencyId, held?.planId ?? null], 'sheet-records');
  if (!found) return null;
  const planId = found.request.planId as string | null;
  let items: PlanItems = { tasks: [], targets: [] };
  if (planId && held?.planId === planId) items = held.items;
  else if (planId) {
    // Plans with no tasks or targets read as [] (nothing to list).
    items = {
      tasks: (found.tasks ?? []).map((t) => prismaRow<TaskFacts>('Task', t)),
      targets: found.targets ?? [],
    };
    planItemsCache.set(planId, items);
    planOfRequest.set(requestId, planId);
  }
  const org = found.agency ? prismaRow<Org>('Org', found.agency) : null;
  return {
    request: prismaRow<ReportRequest>('ReportRequest', found.request),
    periodLabel: found.periodLabel,
    consolidatorPath: found.consolidatorPath,
    isRecipient: found.isRecipient,
    agency: org ? { ...org, lineageIds: new Set(found.lineage) } : null,
    submission: found.submission ? prismaRow<SavedRecords>('Submission', found.submission) : null,
    items,
    routing: routingFor(found.routes, agencyId),
  };
}

function buildTable(
  table: ShapeTable,
  agency: AgencyFacts,
  items: PlanItems,
  saved: Map<string, Map<string, string | null>> | undefined,
  openRows: { rowKey: string }[],
  elsewhere: Map<string, string> | undefined,
): SheetTable {
  const values = saved ?? new Map<string, Map<string, string | null>>();
  let rows: SheetRow[];
  switch (table.rowMode) {
    case 'TASKS':
      rows = taskRows(
        items.tasks.filter((t) => agencyLeadsTask(agency, t)),
        table.columns,
        values,
      );
      break;
    case 'TARGETS':
      rows = targetRows(
        items.targets.filter((t) => targetConcernsAgency(agency, t)),
        table.columns,
        values,
      );
      break;
    default:
      rows = asked(table.rows, elsewhere).map((r) => ({
        key: r.key,
        group: r.groupKey,
        label: r.label,
        isGroup: r.isGroup,
        readOnly: r.readOnly,
        open: false,
        carryForward: r.carryForward,
        cells: r.isGroup
          ? []
          : table.columns.map((c) => ({
              columnKey: c.key,
              value: r.values[c.key] ?? values.get(r.key)?.get(c.key) ?? null,
            })),
      }));
  }
  const open = openRows.map((r, i) => ({
    key: r.rowKey,
    group: null,
    label: `Dòng thêm ${i + 1}`,
    isGroup: false,
    readOnly: false,
    open: true,
    cells: rowCells(table.columns, {}, values.get(r.rowKey)),
  }));
  return {
    key: table.key,
    title: table.title,
    description: table.description,
    allowOpenRows: table.allowOpenRows,
    columns: table.columns.map((c) => ({
      key: c.key,
      label: c.label,
      type: c.type,
      required: c.required,
      readOnly: c.readOnly,
      options: c.options,
      aggregate: c.aggregate,
      carryForward: c.carryForward,
      changeFactor: c.changeFactor,
    })),
    rows: [...rows, ...open],
  };
}

/**
 * The fixed rows this agency is asked: all of them, unless some are routed to other recipients;
 * then those are left out, and so is a group heading with none of its rows (at any depth) left.
 */
function asked(
  rows: ShapeTable['rows'],
  elsewhere: Map<string, string> | undefined,
): ShapeTable['rows'] {
  if (!elsewhere?.size) return rows;
  const parentOf = new Map(rows.map((r) => [r.key, r.groupKey]));
  const shown = new Set<string>();
  for (const r of rows) {
    if (r.isGroup || elsewhere.has(r.key)) continue;
    shown.add(r.key);
    // Every heading above a row kept is kept (a cycle in bad data stops at a key seen).
    for (let g = r.groupKey; g && !shown.has(g); g = parentOf.get(g) ?? null) shown.add(g);
  }
  return rows.filter((r) => shown.has(r.key));
}

type SavedValues = Map<string, Map<string, Map<string, string | null>>>;

/** Saved cells as table → row → column → value. */
function savedValues(cells: CellTuple[]): SavedValues {
  const byTable: SavedValues = new Map();
  for (const [tableKey, rowKey, columnKey, value] of cells) {
    let rows = byTable.get(tableKey);
    if (!rows) byTable.set(tableKey, (rows = new Map()));
    let row = rows.get(rowKey);
    if (!row) rows.set(rowKey, (row = new Map()));
    row.set(columnKey, value);
  }
  return byTable;
}

/** The sheet itself, from what is stored (null: nothing saved or shown); no access check. */
export function buildSheet(
  shape: TemplateShape,
  agency: AgencyFacts,
  items: PlanItems,
  saved: Pick<SavedRecords, 'cells' | 'openRows' | 'answers'> | null,
  routedElsewhere: RoutedRows = new Map(),
): Sheet {
  const values = savedValues(saved?.cells ?? []);
  const answerOf = new Map((saved?.answers ?? []).map((a) => [a.sectionKey, a.text]));
  const openRows = saved?.openRows ?? [];
  return {
    outline: shape.sections
      .filter((s) => sectionConcernsAgency(agency, s.audiences))
      .map((s) => ({
        key: s.key,
        number: s.number,
        heading: s.heading,
        guidance: s.guidance,
        depth: s.depth,
        answerable: s.answerable,
        required: s.required,
        answer: answerOf.get(s.key) ?? null,
      })),
    tables: shape.tables.map((t) =>
      buildTable(
        t,
        agency,
        items,
        values.get(t.key),
        openRows.filter((r) => r.tableKey === t.key),
        routedElsewhere.get(t.key),
      ),
    ),
  };
}

export interface SheetAccess {
  /** The viewer may see the agency's values (its own, or sent ones they oversee). */
  seesValues: boolean;
  /** The viewer reports for the agency. */
  edits: boolean;
}

export function sheetAccess(
  viewer: Principal,
  orgPath: string,
  status: SheetSubmission['status'] | null,
): SheetAccess | null {
  const edits = holdsRoleOver(viewer, 'REPORTER', orgPath);
  if (!insideAgency(viewer, orgPath) && !oversees(viewer, orgPath)) return null;
  const seesValues = status !== null && canReadSubmission(viewer, { orgPath, status });
  return { seesValues, edits };
}

/** The request as the viewer may see it, or NOT_FOUND. */
export async function visibleRequest(ctx: Context, requestId: string) {
  if (!ctx.viewer) throw unauthenticated();
  const request = await ctx.prisma.reportRequest.findFirst({
    where: { AND: [{ id: requestId }, visibleRequestsWhere(ctx.viewer)] },
    include: { period: { select: { label: true } } },
  });
  if (!request) throw notFound(`yêu cầu báo cáo ${requestId}`);
  return request;
}

export async function openSheet(
  ctx: Context,
  requestId: string,
  orgId?: string | null,
): Promise<OpenedSheet> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const agencyId = orgId ?? viewer.orgId;
  const records = await loadSheetRecords(ctx.db.sql, requestId, agencyId);
  const seen =
    records?.agency &&
    records.isRecipient &&
    seesRequestOf(viewer, {
      consolidatorPath: records.consolidatorPath,
      recipientPath: records.agency.path,
    });
  // Only a request the viewer may not see, or one seen through other recipients, needs the full
  // rule (NOT_FOUND when invisible).
  if (!seen) await visibleRequest(ctx, requestId);
  if (!records) throw notFound(`yêu cầu báo cáo ${requestId}`);
  const { request, agency, submission } = records;
  if (!agency || !records.isRecipient)
    throw notFound(`đơn vị ${agencyId} trong danh sách phải báo cáo`);
  const shape = await templateShape(ctx.prisma, request.templateId);
  if (!shape) throw notFound(`mẫu báo cáo ${request.templateId}`);
  const access = sheetAccess(viewer, agency.path, submission?.status ?? null);
  if (!access) throw forbidden('Bạn không có quyền xem báo cáo của đơn vị này.');
  const shown = access.seesValues ? submission : null;
  return {
    request: {
      id: request.id,
      title: request.title,
      deadline: request.deadline,
      periodLabel: records.periodLabel,
      planId: request.planId,
      status: request.status,
      row: request,
    },
    org: agency,
    template: shape,
    submission: shown && {
      id: shown.id,
      status: shown.status,
      version: shown.version,
      submittedAt: shown.submittedAt,
      late: shown.late,
      returnReason: shown.returnReason,
    },
    routing: records.routing,
    sheet: buildSheet(shape, agency, records.items, shown, records.routing.elsewhere),
  };
}
