// ReportSheet: a request's template instantiated for one agency, with the values saved so far.
// Who may open it: the agency's reporters (drafts included), and those who consolidate, analyse or
// administer over it (a draft's values stay with the agency until it is sent).
import type { Org, PrismaClient, ReportRequest } from '../../generated/prisma/client.ts';
import type { Sheet, SheetRow, SheetTable } from '../../shared/reporting/sheet.ts';
import { canReadSubmission, holdsRoleOver, type Principal } from '../auth/access.ts';
import type { Context } from '../graphql/context.ts';
import { forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { visibleRequestsWhere } from '../requests/visibility.ts';
import {
  agencyLeadsTask,
  sectionConcernsAgency,
  targetConcernsAgency,
  targetRows,
  taskRows,
  rowCells,
  type AgencyFacts,
} from './rows.ts';
import { templateShape, type ShapeTable, type TemplateShape } from './template-shape.ts';

/** The agency's own row (for the GraphQL Org without another query) and its lineage. */
export type SheetAgency = AgencyFacts & Org;

export interface SheetSubmission {
  id: string;
  status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';
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
  sheet: Sheet;
}

/** The agency with the ids of everything above it (its path names their codes). */
export async function loadAgency(prisma: PrismaClient, orgId: string): Promise<SheetAgency | null> {
  const org = await prisma.org.findUnique({ where: { id: orgId } });
  if (!org) return null;
  const codes = org.path.split('/').filter(Boolean);
  const lineage = await prisma.org.findMany({
    where: { code: { in: codes } },
    select: { id: true },
  });
  return { ...org, lineageIds: new Set(lineage.map((o) => o.id)) };
}

type SavedValues = Map<string, Map<string, Map<string, string | null>>>;

/** Saved cells as table → row → column → value. */
function savedValues(
  cells: { tableKey: string; rowKey: string; columnKey: string; value: string | null }[],
): SavedValues {
  const byTable: SavedValues = new Map();
  for (const c of cells) {
    let rows = byTable.get(c.tableKey);
    if (!rows) byTable.set(c.tableKey, (rows = new Map()));
    let row = rows.get(c.rowKey);
    if (!row) rows.set(c.rowKey, (row = new Map()));
    row.set(c.columnKey, c.value);
  }
  return byTable;
}

interface PlanItems {
  tasks: Parameters<typeof taskRows>[0];
  targets: Parameters<typeof targetRows>[0];
}

async function planItems(
  prisma: PrismaClient,
  planId: string | null,
  shape: TemplateShape,
): Promise<PlanItems> {
  const wantsTasks = shape.tables.some((t) => t.rowMode === 'TASKS');
  const wantsTargets = shape.tables.some((t) => t.rowMode === 'TARGETS');
  if (!planId) return { tasks: [], targets: [] };
  const [tasks, targets] = await Promise.all([
    wantsTasks
      ? prisma.task.findMany({
          where: { planId },
          orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          include: { assignments: true },
        })
      : [],
    wantsTargets
      ? prisma.target.findMany({
          where: { planId },
          orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
          include: { orgs: { select: { orgId: true } } },
        })
      : [],
  ]);
  return {
    tasks,
    targets: targets.map((t) => ({ ...t, orgIds: t.orgs.map((o) => o.orgId) })),
  };
}

function buildTable(
  table: ShapeTable,
  agency: AgencyFacts,
  items: PlanItems,
  saved: Map<string, Map<string, string | null>> | undefined,
  openRows: { rowKey: string }[],
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
      rows = table.rows.map((r) => ({
        key: r.key,
        group: r.groupKey,
        label: r.label,
        isGroup: r.isGroup,
        readOnly: r.readOnly,
        open: false,
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
    })),
    rows: [...rows, ...open],
  };
}

/** What an agency has saved for a request: its submission and the values of its last save. */
export interface StoredReport {
  submission: SheetSubmission | null;
  cells: { tableKey: string; rowKey: string; columnKey: string; value: string | null }[];
  openRows: { tableKey: string; rowKey: string; sortOrder: number }[];
  answers: { sectionKey: string; text: string | null }[];
}

/**
 * The stored report read as one snapshot (one REPEATABLE READ transaction): a save committing
 * meanwhile shows entirely or not at all — never its cells beside the previous save's answers,
 * nor under the previous version's number.
 */
export async function storedReport(
  prisma: PrismaClient,
  requestId: string,
  orgId: string,
): Promise<StoredReport> {
  const where = { submission: { requestId, orgId } };
  const [submission, cells, openRows, answers] = await prisma.$transaction(
    [
      prisma.submission.findUnique({
        where: { requestId_orgId: { requestId, orgId } },
        select: {
          id: true,
          status: true,
          version: true,
          submittedAt: true,
          late: true,
          returnReason: true,
        },
      }),
      prisma.cellValue.findMany({ where }),
      prisma.submissionRow.findMany({ where, orderBy: { sortOrder: 'asc' } }),
      prisma.outlineAnswer.findMany({ where }),
    ],
    { isolationLevel: 'RepeatableRead' },
  );
  return { submission, cells, openRows, answers };
}

/** The sheet itself, from what is stored (null: no values shown); no access check here. */
export async function buildSheet(
  prisma: PrismaClient,
  shape: TemplateShape,
  planId: string | null,
  agency: AgencyFacts,
  stored: StoredReport | null,
): Promise<Sheet> {
  const items = await planItems(prisma, planId, shape);
  const openRows = stored?.openRows ?? [];
  const saved = savedValues(stored?.cells ?? []);
  const answerOf = new Map((stored?.answers ?? []).map((a) => [a.sectionKey, a.text]));
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
        saved.get(t.key),
        openRows.filter((r) => r.tableKey === t.key),
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
  const oversees = (['CONSOLIDATOR', 'ANALYST', 'ADMIN'] as const).some((r) =>
    holdsRoleOver(viewer, r, orgPath),
  );
  if (!edits && !oversees) return null;
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
  const request = await visibleRequest(ctx, requestId);
  const agencyId = orgId ?? viewer.orgId;
  const [agency, recipient, stored, shape] = await Promise.all([
    loadAgency(ctx.prisma, agencyId),
    ctx.prisma.reportRecipient.findUnique({
      where: { requestId_orgId: { requestId, orgId: agencyId } },
    }),
    storedReport(ctx.prisma, requestId, agencyId),
    templateShape(ctx.prisma, request.templateId),
  ]);
  if (!agency || !recipient) throw notFound(`đơn vị ${agencyId} trong danh sách phải báo cáo`);
  if (!shape) throw notFound(`mẫu báo cáo ${request.templateId}`);
  const access = sheetAccess(viewer, agency.path, stored.submission?.status ?? null);
  if (!access) throw forbidden('Bạn không có quyền xem báo cáo của đơn vị này.');
  const shown = access.seesValues ? stored : null;
  return {
    request: {
      id: request.id,
      title: request.title,
      deadline: request.deadline,
      periodLabel: request.period.label,
      planId: request.planId,
      status: request.status,
      row: request,
    },
    org: agency,
    template: shape,
    submission: shown?.submission ?? null,
    sheet: await buildSheet(ctx.prisma, shape, request.planId, agency, shown),
  };
}
