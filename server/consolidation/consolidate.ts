// The consolidator's view of one request: recipients' standing, completeness, and every table
// merged across the reports that were sent (SUBMITTED or ACCEPTED; a returned report counts again
// once it is sent again) — as reported, or in today's structure (structure.ts). Loading is a
// fixed number of statements whatever the number of agencies; the merging itself is plain
// functions (merge.ts).
import { LRUCache } from 'lru-cache';
import type { Org, PrismaClient } from '../../generated/prisma/client.ts';
import type { Sql } from '../db/database.ts';
import type {
  Completeness,
  Consolidated,
  OrgRef,
  RecipientStatus,
} from '../../shared/reporting/consolidated.ts';
import { oversees } from '../auth/access.ts';
import type { Context } from '../graphql/context.ts';
import { forbidden } from '../graphql/errors.ts';
import { deadlineFor, type RequestDeadlines } from '../requests/deadlines.ts';
import { agencyLeadsTask, targetConcernsAgency, targetRows, taskRows } from '../sheets/rows.ts';
import { visibleRequest } from '../sheets/sheet.ts';
import { templateShape, type ShapeTable, type TemplateShape } from '../sheets/template-shape.ts';
import type { SheetColumn, SheetRow } from '../../shared/reporting/sheet.ts';
import {
  asReported,
  completenessOf,
  mergeOutline,
  mergeTable,
  RECIPIENT_SUBMISSION_SELECT,
  recipientStatuses,
  type RecipientFacts,
  type RollupParent,
  type StructureView,
  type TableFacts,
  type TableValues,
} from './merge.ts';
import { todaysView, type Structure } from './structure.ts';
import { loadTodaysStructure } from './todays-structure.ts';
import { isSent, SENT_STATUSES } from '../../shared/reporting/status.ts';

export interface OpenedConsolidation {
  request: {
    id: string;
    title: string;
    deadline: Date;
    periodLabel: string;
    consolidatorName: string;
  };
  recipients: RecipientStatus[];
  completeness: Completeness;
  consolidated: Consolidated;
}

export interface SentCell {
  orgId: string;
  tableKey: string;
  rowKey: string;
  columnKey: string;
  value: string | null;
}

/**
 * The cells of these reports (submission id → its agency), each with its agency; only one
 * table's, and only some of its rows', when `table` says so. Read through the raw pool: Prisma's
 * $queryRaw turned each row into an object through its own type mapping, which cost more than
 * the statement at 100 agencies. The whole request's read is named (planned once per
 * connection); a table's varies with its filters and is planned each time.
 *
 * By the reports' ids, not by joining Submission on the request: for that join PostgreSQL
 * estimated a request's reports as all of them over the number of requests and read the whole
 * of CellValue (1.1 million rows in the bench's province of 3,321 communes: 177 ms of a
 * 100-agency consolidation, against 69 ms with 300 communes; a page's LATERAL was flattened into
 * the same scan, 260 ms a call). By ids each report is looked up in CellValue's key at every size
 * (2 / 25 / 150 ms for the whole request at 100 / 1,000 / 3,321 agencies, 9 ms a page).
 */
export async function cellsOfReports(
  sql: Sql,
  orgOfReport: ReadonlyMap<string, string>,
  table?: { key: string; rowKeys?: string[] },
): Promise<SentCell[]> {
  if (!orgOfReport.size) return [];
  const filter = !table
    ? ''
    : ` AND c."tableKey" = $2${table.rowKeys ? ' AND c."rowKey" = ANY($3::text[])' : ''}`;
  const rows = await sql.query<Omit<SentCell, 'orgId'> & { submissionId: string }>(
    `SELECT c."submissionId", c."tableKey", c."rowKey", c."columnKey", c."value"
     FROM "CellValue" c WHERE c."submissionId" = ANY($1::text[])${filter}`,
    [
      [...orgOfReport.keys()],
      ...(table ? [table.key] : []),
      ...(table?.rowKeys ? [table.rowKeys] : []),
    ],
    table ? undefined : 'consolidation-sent-cells',
  );
  // Named properties, not a rest spread: 800,000 rows at 3,321 agencies.
  return rows.map((c) => ({
    orgId: orgOfReport.get(c.submissionId)!,
    tableKey: c.tableKey,
    rowKey: c.rowKey,
    columnKey: c.columnKey,
    value: c.value,
  }));
}

/** Every sent cell of the request: 200,000 rows at 1,000 agencies × 40 rows. */
function sentCells(
  sql: Sql,
  submissions: readonly { id: string; orgId: string; status: string }[],
): Promise<SentCell[]> {
  return cellsOfReports(
    sql,
    new Map(submissions.filter((s) => isSent(s.status)).map((s) => [s.id, s.orgId])),
  );
}

export function valuesByTable(cells: SentCell[]): Map<string, TableValues> {
  const tables = new Map<string, TableValues>();
  for (const c of cells) {
    let rows = tables.get(c.tableKey);
    if (!rows) tables.set(c.tableKey, (rows = new Map()));
    let orgs = rows.get(c.rowKey);
    if (!orgs) rows.set(c.rowKey, (orgs = new Map()));
    let cols = orgs.get(c.orgId);
    if (!cols) orgs.set(c.orgId, (cols = new Map()));
    cols.set(c.columnKey, c.value);
  }
  return tables;
}

const readPlanItems = (prisma: PrismaClient, planId: string) =>
  prisma.document.findUnique({
    where: { id: planId },
    select: {
      tasks: {
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: { assignments: true },
      },
      targets: {
        orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
        include: { orgs: { select: { orgId: true } } },
      },
    },
  });

type PlanItems = Awaited<ReturnType<typeof readPlanItems>>;

/**
 * A plan's tasks (with assignments) and targets (with their agencies), by plan id. They are
 * written once, with the plan, and never changed (as server/sheets/sheet.ts relies on too), so
 * each process reads them once: five of the consolidation's statements.
 */
const planItemsCache = new LRUCache<string, NonNullable<PlanItems>>({ max: 50 });

async function planItems(prisma: PrismaClient, planId: string): Promise<PlanItems> {
  const held = planItemsCache.get(planId);
  if (held) return held;
  const read = await readPlanItems(prisma, planId);
  if (read) planItemsCache.set(planId, read);
  return read;
}

const shapeColumns = (t: ShapeTable) =>
  t.columns.map((c) => ({
    key: c.key,
    label: c.label,
    type: c.type,
    required: c.required,
    readOnly: c.readOnly,
    options: c.options,
    aggregate: c.aggregate,
  }));

/** Everything read for one request, before it is arranged in a structure. */
interface ConsolidationFacts {
  opened: Omit<OpenedConsolidation, 'consolidated'>;
  consolidator: Org;
  recipientOrgs: Org[];
  now: Date;
  build(view: StructureView | null): Consolidated;
}

/**
 * What a consolidation is laid out on, whatever the number of cells: the request (the viewer
 * allowed to consolidate it), its template, its recipients, the committees numbers roll into as
 * reported, and each table's shared rows. The whole consolidation and its pages (pages.ts) share it.
 */
export interface ConsolidationFrame {
  request: Awaited<ReturnType<typeof visibleRequest>>;
  consolidator: Org;
  shape: TemplateShape;
  recipientOrgs: Org[];
  /** Recipients and every org on their paths, by id. */
  orgsById: Map<string, OrgRef>;
  /** Roll-up parents as reported: the district and province committees above the recipients. */
  parents: RollupParent[];
  /** The rows every agency shares in a table (fixed, or generated from the plan). */
  sharedRows(table: ShapeTable): SheetRow[];
  /** A table's columns as the consolidation shows them. */
  columnsOf(table: ShapeTable): SheetColumn[];
}

export async function loadConsolidationFrame(
  ctx: Context,
  requestId: string,
): Promise<ConsolidationFrame> {
  const request = await visibleRequest(ctx, requestId);
  const consolidator = await ctx.prisma.org.findUniqueOrThrow({
    where: { id: request.consolidatorOrgId },
  });
  if (!oversees(ctx.viewer!, consolidator.path)) {
    throw forbidden('Chỉ đơn vị tổng hợp, người phân tích và quản trị mới xem được bản tổng hợp.');
  }
  const [shape, recipients, plan] = await Promise.all([
    templateShape(ctx.prisma, request.templateId),
    ctx.prisma.reportRecipient.findMany({
      where: { requestId },
      // Whole org rows: the GraphQL Org type is served from them as they are.
      select: { org: true },
    }),
    request.planId ? planItems(ctx.prisma, request.planId) : null,
  ]);
  if (!shape) throw new Error(`template ${request.templateId} missing`);

  // Every org on the recipients' paths: the district and province committees numbers roll into.
  const lineageCodes = new Set(recipients.flatMap((r) => r.org.path.split('/').filter(Boolean)));
  const lineage = await ctx.prisma.org.findMany({ where: { code: { in: [...lineageCodes] } } });
  const idByCode = new Map(lineage.map((o) => [o.code, o.id]));
  const orgsById = new Map<string, OrgRef>(
    [...lineage, ...recipients.map((r) => r.org)].map((o) => [o.id, o]),
  );
  const parents = lineage
    .filter(
      (o) => o.kind === 'PEOPLES_COMMITTEE' && (o.level === 'DISTRICT' || o.level === 'PROVINCE'),
    )
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((org) => ({ org }));

  const agencies = recipients.map(({ org }) => ({
    ...org,
    lineageIds: new Set(
      org.path
        .split('/')
        .filter(Boolean)
        .map((c) => idByCode.get(c))
        .filter((id): id is string => Boolean(id)),
    ),
  }));
  const tasks = (plan?.tasks ?? []).filter((t) => agencies.some((a) => agencyLeadsTask(a, t)));
  const targets = (plan?.targets ?? [])
    .map((t) => ({ ...t, orgIds: t.orgs.map((o) => o.orgId) }))
    .filter((t) => agencies.some((a) => targetConcernsAgency(a, t)));
  const none = new Map<string, Map<string, string | null>>();
  return {
    request,
    consolidator,
    shape,
    recipientOrgs: recipients.map((r) => r.org),
    orgsById,
    parents,
    sharedRows: (t) =>
      t.rowMode === 'TASKS'
        ? taskRows(tasks, t.columns, none)
        : t.rowMode === 'TARGETS'
          ? targetRows(targets, t.columns, none)
          : t.rows.map((r) => ({
              key: r.key,
              group: r.groupKey,
              label: r.label,
              isGroup: r.isGroup,
              readOnly: r.readOnly,
              open: false,
              cells: t.columns.map((c) => ({ columnKey: c.key, value: r.values[c.key] ?? null })),
            })),
    columnsOf: shapeColumns,
  };
}

/** Each recipient's standing: its report's state against the deadline for its level. */
function standingOf(
  frame: ConsolidationFrame,
  levelDeadlines: RequestDeadlines['deadlines'],
  submissions: ({ orgId: string } & NonNullable<RecipientFacts['submission']>)[],
  now: Date,
): RecipientStatus[] {
  const submissionOf = new Map(submissions.map((s) => [s.orgId, s]));
  return recipientStatuses(
    frame.recipientOrgs.map((org) => ({
      org,
      deadline: deadlineFor(
        { deadline: frame.request.deadline, deadlines: levelDeadlines },
        org.level,
      ),
      submission: submissionOf.get(org.id) ?? null,
    })),
    now,
  );
}

const loadSubmissions = (ctx: Context, requestId: string) =>
  ctx.prisma.submission.findMany({ where: { requestId }, select: RECIPIENT_SUBMISSION_SELECT });

/** Who has reported and how complete the request is, without merging any cell. */
export async function openStanding(
  ctx: Context,
  frame: ConsolidationFrame,
  now: Date = new Date(),
): Promise<Omit<OpenedConsolidation, 'consolidated'>> {
  const [levelDeadlines, submissions] = await Promise.all([
    ctx.prisma.requestLevelDeadline.findMany({ where: { requestId: frame.request.id } }),
    loadSubmissions(ctx, frame.request.id),
  ]);
  const recipients = standingOf(frame, levelDeadlines, submissions, now);
  return {
    request: {
      id: frame.request.id,
      title: frame.request.title,
      deadline: frame.request.deadline,
      periodLabel: frame.request.period.label,
      consolidatorName: frame.consolidator.name,
    },
    recipients,
    completeness: completenessOf(recipients),
  };
}

async function loadConsolidation(
  ctx: Context,
  requestId: string,
  now: Date,
): Promise<ConsolidationFacts> {
  // The cells are read by the ids of the reports sent, as soon as the reports are known.
  const loadingSubmissions = loadSubmissions(ctx, requestId);
  const [frame, levelDeadlines, submissions, cells, openRows, answers] = await Promise.all([
    loadConsolidationFrame(ctx, requestId),
    ctx.prisma.requestLevelDeadline.findMany({ where: { requestId } }),
    loadingSubmissions,
    loadingSubmissions.then((sent) => sentCells(ctx.db.sql, sent)),
    ctx.prisma.submissionRow.findMany({
      where: { submission: { requestId, status: { in: [...SENT_STATUSES] } } },
      orderBy: { sortOrder: 'asc' },
      select: { tableKey: true, rowKey: true, submission: { select: { orgId: true } } },
    }),
    ctx.prisma.outlineAnswer.findMany({
      where: { submission: { requestId, status: { in: [...SENT_STATUSES] } } },
      select: { sectionKey: true, text: true, submission: { select: { orgId: true } } },
    }),
  ]);
  const { request, consolidator, shape, orgsById, parents, recipientOrgs } = frame;

  const statuses = standingOf(frame, levelDeadlines, submissions, now);

  const tableValues = valuesByTable(cells);
  const tables = (view: StructureView) =>
    shape.tables.map((t) => {
      const facts: TableFacts = {
        key: t.key,
        title: t.title,
        description: t.description,
        columns: shapeColumns(t),
        rows: frame.sharedRows(t),
        openRows: openRows
          .filter((r) => r.tableKey === t.key && orgsById.has(r.submission.orgId))
          .map((r) => ({ org: orgsById.get(r.submission.orgId)!, rowKey: r.rowKey })),
      };
      return mergeTable(facts, tableValues.get(t.key) ?? new Map(), orgsById, view);
    });

  const outlineSections = shape.sections.filter((s) => s.answerable);
  const outlineAnswers = answers.map((a) => ({
    sectionKey: a.sectionKey,
    orgId: a.submission.orgId,
    text: a.text,
  }));
  return {
    opened: {
      request: {
        id: request.id,
        title: request.title,
        deadline: request.deadline,
        periodLabel: request.period.label,
        consolidatorName: consolidator.name,
      },
      recipients: statuses,
      completeness: completenessOf(statuses),
    },
    consolidator,
    recipientOrgs,
    now,
    build: (view) => {
      const v = view ?? asReported(parents);
      return {
        outline: mergeOutline(outlineSections, outlineAnswers, orgsById, v),
        tables: tables(v),
      };
    },
  };
}

// One consolidation per request per GraphQL operation, however many fields ask for it; each
// structure asked for is arranged once from the same facts.
const perOperation = new WeakMap<
  Context,
  Map<string, { facts: Promise<ConsolidationFacts>; built: Map<Structure, Promise<Consolidated>> }>
>();

async function arrange(
  ctx: Context,
  facts: ConsolidationFacts,
  structure: Structure,
): Promise<Consolidated> {
  if (structure === 'AS_REPORTED') return facts.build(null);
  const today = await loadTodaysStructure(
    ctx.prisma,
    facts.recipientOrgs,
    facts.consolidator,
    facts.now,
  );
  return facts.build(todaysView(today, facts.recipientOrgs));
}

export async function openConsolidation(
  ctx: Context,
  requestId: string,
  now: Date = new Date(),
  structure: Structure = 'AS_REPORTED',
): Promise<OpenedConsolidation> {
  let cache = perOperation.get(ctx);
  if (!cache) perOperation.set(ctx, (cache = new Map()));
  let entry = cache.get(requestId);
  if (!entry) {
    entry = { facts: loadConsolidation(ctx, requestId, now), built: new Map() };
    cache.set(requestId, entry);
  }
  const facts = await entry.facts;
  let consolidated = entry.built.get(structure);
  if (!consolidated) {
    consolidated = arrange(ctx, facts, structure);
    entry.built.set(structure, consolidated);
  }
  return { ...facts.opened, consolidated: await consolidated };
}
