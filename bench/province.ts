// A synthetic province at a chosen scale, built through the project's own code: the seed loader
// (orgs, plans with tasks, templates, requests opened by createRequest, users), API tokens from
// issueToken, and every report saved and sent by the business function saveReport — the same
// path the SaveReport mutation takes. Values are deterministic, so two runs hold the same data.
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SeedFile, SeedTemplate, SeedTemplateColumn } from '../prisma/seed/types.ts';
import { seed } from '../prisma/seed/load.ts';
import { issueToken } from '../server/auth/tokens.ts';
import { viewerFromHeader } from '../server/auth/viewer.ts';
import type { Database } from '../server/db/database.ts';
import type { Context } from '../server/graphql/context.ts';
import { saveReport, type SaveReportInput } from '../server/submissions/save.ts';

export interface ProvinceScale {
  /** Commune committees in the province (3,321: all of Vietnam's communes since 1/7/2025). */
  communes: number;
  /** Provincial departments (sở, ban, ngành). */
  departments: number;
  /** Plan tasks every commune reports on: the rows of each consolidated sheet. */
  tasks: number;
  /** Rows of the large sheet saved by the SaveReport benchmark. */
  saveRows: number;
  /** Recipients of each consolidation request: the first n communes. */
  consolidationScales: number[];
  /** Communes the large sheet goes to: one fresh report per timed save. */
  saveAgencies: number;
  /**
   * Reports per request saved through saveReport; the rest are copies of those made in SQL
   * (rows, cells, answers, versions), which the quick run needs to stay within its time. Null:
   * every report goes through saveReport.
   */
  sample: number | null;
}

export const PROVINCE = 'BX';
export const CONSOLIDATOR = 'BX.SKHCN';
export const TABLE = 'nhiem-vu';
export const REPORTER_EMAIL = 'baocao@bench.vn';
export const CONSOLIDATOR_EMAIL = 'tonghop@bench.vn';
export const consolidationKey = (n: number) => `BX-TH-${n}`;
/** The consolidation scales measured in a province of `communes`: 100, 1 000 and all of them. */
export const consolidationScalesFor = (communes: number) => [
  ...new Set([100, 1000, communes].filter((n) => n <= communes)),
];
export const SAVE_REQUEST = 'BX-LON';

export const communeCode = (i: number) => `BX.X${String(i + 1).padStart(4, '0')}`;
export const taskCode = (i: number) => `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`;

/** The columns an agency fills; the first two come from the plan. */
export const columns: SeedTemplateColumn[] = [
  { key: 'ma', label: 'Mã', type: 'TEXT', readOnly: true, binding: 'task.code' },
  { key: 'noi-dung', label: 'Nhiệm vụ', type: 'TEXT', readOnly: true, binding: 'task.title' },
  {
    key: 'tinh-trang',
    label: 'Tình trạng',
    type: 'CHOICE',
    aggregate: 'COUNT',
    options: [
      { key: 'DONE', label: 'Hoàn thành' },
      { key: 'DOING', label: 'Đang thực hiện' },
      { key: 'LATE', label: 'Chậm' },
    ],
  },
  { key: 'tien-do', label: 'Tiến độ (%)', type: 'PERCENT', aggregate: 'AVERAGE' },
  { key: 'so-luong', label: 'Số lượng', type: 'INTEGER', aggregate: 'SUM' },
  { key: 'kinh-phi', label: 'Kinh phí (đồng)', type: 'MONEY', aggregate: 'SUM' },
  { key: 'ghi-chu', label: 'Ghi chú', type: 'TEXT', aggregate: 'LIST' },
];

/** What commune i reports for task j: every editable cell filled, in canonical form. */
export function cellsFor(i: number, j: number): { columnKey: string; value: string }[] {
  const h = (i * 7919 + j * 104729) % 1000;
  return [
    { columnKey: 'tinh-trang', value: ['DONE', 'DOING', 'LATE'][h % 3]! },
    { columnKey: 'tien-do', value: String(h % 101) },
    { columnKey: 'so-luong', value: String(h) },
    { columnKey: 'kinh-phi', value: String(h * 1_000_000) },
    { columnKey: 'ghi-chu', value: `Xã ${i + 1}, nhiệm vụ ${taskCode(j)}: đã triển khai` },
  ];
}

function template(code: string, name: string, plan: string): SeedTemplate {
  return {
    code,
    name,
    version: 1,
    status: 'PUBLISHED',
    document: plan,
    audience: [{ kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE' }],
    outline: [
      { key: 'ket-qua', number: '1', heading: 'Kết quả thực hiện' },
      { key: 'kien-nghi', number: '2', heading: 'Khó khăn, vướng mắc và kiến nghị' },
    ],
    tables: [
      { key: TABLE, title: 'Phụ lục: Kết quả thực hiện nhiệm vụ', rowMode: 'TASKS', columns },
    ],
  };
}

function plan(key: string, title: string, tasks: number): NonNullable<SeedFile['documents']>[0] {
  return {
    key,
    number: `${key.slice(3)}/KH-UBND`,
    kind: 'PLAN',
    planKind: 'ANNUAL',
    title,
    issuedOn: '2025-07-15',
    issuer: PROVINCE,
    status: 'ISSUED',
    tasks: Array.from({ length: tasks }, (_, j) => ({
      code: taskCode(j),
      groupCode: String(Math.floor(j / 10) + 1),
      groupTitle: `Nhóm nhiệm vụ ${Math.floor(j / 10) + 1}`,
      title: `Nhiệm vụ chuyển đổi số số ${j + 1}`,
      leadName: 'UBND các xã, phường',
      lead: [{ group: { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE', within: PROVINCE } }],
    })),
  };
}

/** The province as a seed file: orgs, two plans, two templates, the requests, two users. */
export function provinceSeed(scale: ProvinceScale): SeedFile {
  const communes = Array.from({ length: scale.communes }, (_, i) => ({
    code: communeCode(i),
    name: `UBND xã Thử Nghiệm ${i + 1}`,
    kind: 'PEOPLES_COMMITTEE' as const,
    level: 'COMMUNE' as const,
    parent: PROVINCE,
  }));
  const departments = Array.from({ length: scale.departments }, (_, i) => ({
    code: `BX.S${String(i + 1).padStart(2, '0')}`,
    name: `Sở Thử Nghiệm ${i + 1}`,
    kind: 'DEPARTMENT' as const,
    level: 'PROVINCE' as const,
    parent: PROVINCE,
  }));
  const request = (key: string, title: string, templateCode: string, plan: string, n: number) => ({
    key,
    template: templateCode,
    plan,
    title,
    kind: 'PERIODIC' as const,
    period: { kind: 'YEAR' as const, year: 2025 },
    deadline: '2099-12-15T17:00:00+07:00',
    consolidator: CONSOLIDATOR,
    recipients: communes.slice(0, n).map((c) => c.code),
  });
  return {
    description: 'Tỉnh giả lập cho đo hiệu năng (bench/)',
    orgs: [
      {
        code: PROVINCE,
        name: 'UBND tỉnh Thử Nghiệm',
        kind: 'PEOPLES_COMMITTEE',
        level: 'PROVINCE',
      },
      {
        code: CONSOLIDATOR,
        name: 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm',
        kind: 'DEPARTMENT',
        level: 'PROVINCE',
        parent: PROVINCE,
      },
      ...departments,
      ...communes,
    ],
    documents: [
      plan('BX-KH-2025', 'Kế hoạch chuyển đổi số năm 2025', scale.tasks),
      plan('BX-KH-LON', 'Kế hoạch chi tiết chuyển đổi số cấp xã', scale.saveRows),
    ],
    templates: [
      template('BX-TH', 'Báo cáo kết quả chuyển đổi số cấp xã', 'BX-KH-2025'),
      template('BX-LON', 'Biểu chi tiết nhiệm vụ cấp xã', 'BX-KH-LON'),
    ],
    requests: [
      ...scale.consolidationScales.map((n) =>
        request(consolidationKey(n), `Báo cáo năm 2025 (${n} xã)`, 'BX-TH', 'BX-KH-2025', n),
      ),
      request(SAVE_REQUEST, 'Biểu chi tiết năm 2025', 'BX-LON', 'BX-KH-LON', scale.saveAgencies),
    ],
    users: [
      {
        email: REPORTER_EMAIL,
        name: 'Cán bộ báo cáo (thử nghiệm)',
        org: PROVINCE,
        roles: [{ role: 'REPORTER', scope: PROVINCE }],
      },
      {
        email: CONSOLIDATOR_EMAIL,
        name: 'Cán bộ tổng hợp (thử nghiệm)',
        org: CONSOLIDATOR,
        roles: [{ role: 'CONSOLIDATOR', scope: PROVINCE }],
      },
    ],
  };
}

export interface Province {
  scale: ProvinceScale;
  reporterToken: string;
  consolidatorToken: string;
  /** Request id by key. */
  requests: Map<string, string>;
  /** Org id by code. */
  orgs: Map<string, string>;
}

/** The save every commune sends for the consolidation requests: all tasks, both answers. */
export function reportInput(
  requestId: string,
  orgId: string,
  commune: number,
  tasks: number,
): SaveReportInput {
  return {
    requestId,
    orgId,
    baseVersion: 0,
    idempotencyKey: `bench-${requestId}-${orgId}`,
    submit: true,
    tables: [
      {
        key: TABLE,
        rows: Array.from({ length: tasks }, (_, j) => ({
          key: taskCode(j),
          cells: cellsFor(commune, j),
        })),
      },
    ],
    answers: [
      { key: 'ket-qua', text: `Xã ${commune + 1} đã hoàn thành phần lớn nhiệm vụ.` },
      { key: 'kien-nghi', text: `Xã ${commune + 1} đề nghị bổ sung kinh phí.` },
    ],
  };
}

/** Runs fn over items, at most `width` at a time. */
export async function inParallel<T>(
  items: T[],
  width: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export async function contextFor(db: Database, token: string): Promise<Context> {
  const found = await viewerFromHeader(db, `Bearer ${token}`);
  if (!found.viewer) throw new Error('bench: token không hợp lệ');
  return { db, prisma: db.prisma, viewer: found.viewer, address: null };
}

async function tokenFor(prisma: PrismaClient, email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  return (await issueToken(prisma, user.id, 'API', 'bench')).token;
}

/**
 * Sends, for each agency in `orgIds`, a copy of the report `sourceIds[i]` (same request): its
 * status and version, cells, answers and saved versions, in one statement (the rows referencing
 * the new submissions are checked at its end).
 */
async function copyReports(db: Database, orgIds: string[], sourceIds: string[]): Promise<void> {
  await db.sql.query(
    `WITH m AS (
       SELECT org, src, gen_random_uuid()::text AS id FROM unnest($1::text[], $2::text[]) AS x(org, src)
     ), subs AS (
       INSERT INTO "Submission" ("id", "requestId", "orgId", "status", "version", "submittedAt",
         "submittedById", "late", "updatedById", "updatedAt")
       SELECT m.id, s."requestId", m.org, s."status", s."version", s."submittedAt",
         s."submittedById", s."late", s."updatedById", s."updatedAt"
       FROM m JOIN "Submission" s ON s."id" = m.src
     ), cells AS (
       INSERT INTO "CellValue" ("submissionId", "tableKey", "rowKey", "columnKey", "value")
       SELECT m.id, c."tableKey", c."rowKey", c."columnKey", c."value"
       FROM m JOIN "CellValue" c ON c."submissionId" = m.src
     ), answers AS (
       INSERT INTO "OutlineAnswer" ("submissionId", "sectionKey", "text")
       SELECT m.id, a."sectionKey", a."text" FROM m JOIN "OutlineAnswer" a ON a."submissionId" = m.src
     )
     INSERT INTO "SubmissionVersion" ("id", "submissionId", "version", "status", "snapshot",
       "createdById")
     SELECT gen_random_uuid()::text, m.id, v."version", v."status", v."snapshot", v."createdById"
     FROM m JOIN "SubmissionVersion" v ON v."submissionId" = m.src`,
    [orgIds, sourceIds],
  );
}

/**
 * Loads the province into a migrated, empty database and sends every commune's report to each
 * consolidation request. `progress` hears how far it got.
 */
export async function buildProvince(
  db: Database,
  scale: ProvinceScale,
  progress: (message: string) => void = () => undefined,
): Promise<Province> {
  await seed(db.prisma, [{ name: 'bench-province.json', data: provinceSeed(scale) }], {
    demoUsers: true,
  });
  const [reporterToken, consolidatorToken] = [
    await tokenFor(db.prisma, REPORTER_EMAIL),
    await tokenFor(db.prisma, CONSOLIDATOR_EMAIL),
  ];
  const requests = new Map(
    (await db.prisma.reportRequest.findMany({ select: { key: true, id: true } })).map((r) => [
      r.key!,
      r.id,
    ]),
  );
  const orgs = new Map(
    (await db.prisma.org.findMany({ select: { code: true, id: true } })).map((o) => [o.code, o.id]),
  );
  const ctx = await contextFor(db, reporterToken);
  // PGlite runs one statement at a time; a PostgreSQL server takes a few saves at once.
  const width = db.kind === 'postgres' ? 4 : 1;
  for (const n of scale.consolidationScales) {
    const requestId = requests.get(consolidationKey(n))!;
    const started = Date.now();
    const saved = Math.min(n, scale.sample ?? n);
    await inParallel(
      Array.from({ length: saved }, (_, i) => i),
      width,
      async (i) => {
        const result = await saveReport(
          ctx,
          reportInput(requestId, orgs.get(communeCode(i))!, i, scale.tasks),
        );
        if (result.problems.length) {
          throw new Error(`bench: báo cáo xã ${i + 1} lỗi: ${JSON.stringify(result.problems[0])}`);
        }
      },
    );
    if (saved < n) {
      const codes = Array.from({ length: n - saved }, (_, k) => communeCode(saved + k));
      const sources = await db.sql.query<{ id: string }>(
        `SELECT s."id" FROM "Submission" s JOIN "Org" o ON o."id" = s."orgId"
         WHERE s."requestId" = $1 ORDER BY o."code"`,
        [requestId],
      );
      await copyReports(
        db,
        codes.map((c) => orgs.get(c)!),
        codes.map((_, k) => sources[k % sources.length]!.id),
      );
    }
    progress(
      `${n} báo cáo đã gửi, ${saved} qua saveReport (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  // Statistics as autovacuum would gather them on a live database, for the server and the floor.
  await db.sql.exec('ANALYZE');
  return { scale, reporterToken, consolidatorToken, requests, orgs };
}
