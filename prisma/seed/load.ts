// Loads the demo data files (prisma/seed/data/*.json) into the database. Idempotent and
// conservative: every record is found by its stable key (org code, document key, template code
// and version, request key, user email) and created only when missing, so seeding twice changes
// nothing and never overwrites what a user has changed since.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { searchTextOf } from '../../shared/text/fold.ts';
import { reportingPeriod } from '../../shared/reporting/period.ts';
import { changeFactorProblem } from '../../shared/reporting/last-period.ts';
import { createRequest } from '../../server/requests/open.ts';
import { hashPassword } from '../../server/auth/password.ts';
import type {
  Assignee,
  SeedDocument,
  SeedFile,
  SeedOrg,
  SeedRequest,
  SeedSection,
  SeedTemplate,
  SeedTemplateSection,
} from './types.ts';

export const dataDir = fileURLToPath(new URL('./data', import.meta.url));

/** The demo accounts' password (docs/contract/README.md); embedded demo only. */
export const DEMO_PASSWORD = 'demo-2023';

export function readSeedFiles(dir: string = dataDir): { name: string; data: SeedFile }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => {
      try {
        return { name, data: JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as SeedFile };
      } catch (error) {
        throw new SeedError(`${name}: không đọc được JSON (${(error as Error).message})`);
      }
    });
}

export class SeedError extends Error {}

export interface SeedOptions {
  /** Create the demo accounts of the contract README (never on a production database). */
  demoUsers: boolean;
  /** The demo password's hash, when the caller already has one (live.ts makes it once). */
  passwordHash?: string;
}

export interface SeedReport {
  created: Record<string, number>;
}

const day = (iso: string | undefined): Date | undefined =>
  iso ? new Date(`${iso}T00:00:00.000Z`) : undefined;

type Tx = Prisma.TransactionClient;

export async function seed(
  prisma: PrismaClient,
  files = readSeedFiles(),
  options: SeedOptions = { demoUsers: false },
): Promise<SeedReport> {
  const created: Record<string, number> = {};
  const count = (what: string, n = 1) => (created[what] = (created[what] ?? 0) + n);
  // `live` is loaded afterwards, relative to the day (live.ts); `sources` is for readers.
  type ListKey = Exclude<keyof SeedFile, 'description' | 'sources' | 'live'>;
  const all = <K extends ListKey>(key: K) =>
    files.flatMap((f) =>
      ((f.data[key] ?? []) as NonNullable<SeedFile[K]>[number][]).map((item) => ({
        file: f.name,
        item,
      })),
    );

  // Hash outside the transaction: scrypt is slow on purpose.
  const users = options.demoUsers ? all('users') : [];
  const demoHash = users.length
    ? (options.passwordHash ?? (await hashPassword(DEMO_PASSWORD)))
    : '';

  await prisma.$transaction(
    async (tx) => {
      const orgIds = await loadOrgs(tx, all('orgs'), count);
      const orgId = (code: string, where: string): string => {
        const id = orgIds.get(code);
        if (!id) throw new SeedError(`${where}: không có đơn vị mã "${code}"`);
        return id;
      };

      for (const { file, item } of all('successions')) {
        const predecessorId = orgId(item.from, file);
        const successorId = orgId(item.to, file);
        const exists = await tx.orgSuccession.findUnique({
          where: { predecessorId_successorId: { predecessorId, successorId } },
        });
        if (exists) continue;
        await tx.orgSuccession.create({
          data: {
            predecessorId,
            successorId,
            kind: item.kind,
            effectiveOn: day(item.effectiveOn)!,
            basis: item.basis,
            note: item.note,
          },
        });
        count('orgSuccessions');
      }

      const docs = all('documents');
      const docIds = new Map<string, string>();
      const newDocs: { file: string; item: SeedDocument; id: string }[] = [];
      for (const { file, item } of docs) {
        if (docIds.has(item.key)) throw new SeedError(`${file}: văn bản "${item.key}" bị trùng`);
        const existing = await tx.document.findUnique({
          where: { key: item.key },
          select: { id: true },
        });
        if (existing) {
          docIds.set(item.key, existing.id);
          continue;
        }
        const doc = await tx.document.create({
          data: {
            key: item.key,
            number: item.number,
            kind: item.kind,
            planKind: item.planKind,
            title: item.title,
            summary: item.summary,
            issuedOn: day(item.issuedOn),
            place: item.place,
            issuerId: item.issuer ? orgId(item.issuer, `${file} ${item.key}`) : undefined,
            issuerName: item.issuerName,
            signerName: item.signerName,
            signerTitle: item.signerTitle,
            status: item.status,
            periodStart: item.periodStart,
            periodEnd: item.periodEnd,
            visionYear: item.visionYear,
            statedBudgetTotal:
              item.budget?.statedTotal !== undefined ? BigInt(item.budget.statedTotal) : undefined,
            statedBudgetTotalInWords: item.budget?.statedTotalInWords,
            budgetNote: item.budget?.note,
            source: item.source,
            searchText: searchTextOf(item.number, item.title, item.place, item.issuerName),
          },
        });
        docIds.set(item.key, doc.id);
        newDocs.push({ file, item, id: doc.id });
        count('documents');
      }
      const docId = (key: string, where: string): string => {
        const id = docIds.get(key);
        if (!id) throw new SeedError(`${where}: không có văn bản "${key}"`);
        return id;
      };
      for (const { file, item, id } of newDocs) {
        const where = `${file} ${item.key}`;
        for (const ref of item.references ?? []) {
          await tx.documentReference.create({
            data: { fromId: id, toId: docId(ref.document, where), kind: ref.kind, note: ref.note },
          });
          count('documentReferences');
        }
        await loadPlanBody(tx, id, item, where, orgId, count);
      }

      for (const { file, item } of all('templates')) {
        await loadTemplate(tx, item, `${file} ${item.code}`, docId, orgId, count);
      }

      for (const { file, item } of all('schedules')) {
        const where = `${file} ${item.key}`;
        if (await tx.reportSchedule.findUnique({ where: { key: item.key } })) continue;
        const template = await newestTemplate(tx, item.template, where);
        await tx.reportSchedule.create({
          data: {
            key: item.key,
            templateId: template.id,
            planId: item.plan ? docId(item.plan, where) : undefined,
            periodKind: item.periodKind,
            titlePattern: item.titlePattern,
            deadlineDaysAfterCutoff: item.deadlineDaysAfterCutoff,
            startsOn: day(item.startsOn)!,
            endsOn: day(item.endsOn),
            consolidatorOrgId: orgId(item.consolidator, where),
            recipientOrgIds: (item.recipients ?? []).map((c) => orgId(c, where)),
            groups: {
              create: (item.groups ?? []).map((g) => ({
                kind: g.kind,
                level: g.level,
                withinOrgId: orgId(g.within, where),
              })),
            },
          },
        });
        count('reportSchedules');
      }

      for (const { file, item } of all('requests')) {
        await loadRequest(tx, item, `${file} ${item.key}`, docId, orgId, count);
      }

      for (const { file, item } of users) {
        const email = item.email.toLowerCase();
        if (await tx.user.findUnique({ where: { email } })) continue;
        await tx.user.create({
          data: {
            email,
            name: item.name,
            passwordHash: demoHash,
            orgId: orgId(item.org, `${file} ${item.email}`),
            roles: {
              create: item.roles.map((r) => ({
                role: r.role,
                scopeOrgId: r.scope ? orgId(r.scope, `${file} ${item.email}`) : null,
              })),
            },
          },
        });
        count('users');
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return { created };
}

async function loadOrgs(
  tx: Tx,
  orgs: { file: string; item: SeedOrg }[],
  count: (what: string) => void,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const paths = new Map<string, string>();
  const existing = await tx.org.findMany({ select: { id: true, code: true, path: true } });
  for (const o of existing) {
    ids.set(o.code, o.id);
    paths.set(o.code, o.path);
  }
  const seen = new Set<string>();
  for (const { file, item } of orgs) {
    if (seen.has(item.code)) throw new SeedError(`${file}: mã đơn vị "${item.code}" bị trùng`);
    seen.add(item.code);
  }
  // Parents first: repeat until every org whose parent is known has been placed.
  let pending = orgs.filter(({ item }) => !ids.has(item.code));
  let order = existing.length;
  while (pending.length) {
    const next: typeof pending = [];
    for (const entry of pending) {
      const { item } = entry;
      if (item.parent && !paths.has(item.parent)) {
        next.push(entry);
        continue;
      }
      const parentPath = item.parent ? paths.get(item.parent)! : '/';
      const orgPath = `${parentPath}${item.code}/`;
      const org = await tx.org.create({
        data: {
          code: item.code,
          name: item.name,
          shortName: item.shortName,
          aliases: item.aliases ?? [],
          kind: item.kind,
          level: item.level,
          parentId: item.parent ? ids.get(item.parent) : undefined,
          path: orgPath,
          depth: orgPath.split('/').length - 3,
          sortOrder: order++,
          validFrom: day(item.validFrom),
          validTo: day(item.validTo),
          email: item.email,
          phone: item.phone,
          address: item.address,
          searchText: searchTextOf(item.name, item.shortName, ...(item.aliases ?? [])),
        },
      });
      ids.set(item.code, org.id);
      paths.set(item.code, orgPath);
      count('orgs');
    }
    if (next.length === pending.length) {
      const missing = next
        .map(({ file, item }) => `${file}: ${item.code} → ${item.parent}`)
        .join('; ');
      throw new SeedError(`Đơn vị cấp trên không tồn tại: ${missing}`);
    }
    pending = next;
  }
  return ids;
}

async function loadPlanBody(
  tx: Tx,
  documentId: string,
  doc: SeedDocument,
  where: string,
  orgId: (code: string, where: string) => string,
  count: (what: string, n?: number) => void,
): Promise<void> {
  // Sections: depth-first, numbers joined into a path ("II.5.5.1") for targets/tasks to refer to.
  const sectionIds = new Map<string, string>();
  let order = 0;
  const addSections = async (
    list: SeedSection[],
    parentId: string | null,
    prefix: string,
    depth: number,
  ) => {
    for (const s of list) {
      const created = await tx.planSection.create({
        data: {
          documentId,
          parentId,
          number: s.number,
          heading: s.heading,
          body: s.body,
          sortOrder: order++,
          depth,
        },
      });
      count('planSections');
      const key = s.number ? (prefix ? `${prefix}.${s.number}` : s.number) : prefix;
      if (s.number && !sectionIds.has(key)) sectionIds.set(key, created.id);
      if (s.children) await addSections(s.children, created.id, key, depth + 1);
    }
  };
  await addSections(doc.sections ?? [], null, '', 0);
  const sectionId = (path: string | undefined) => (path ? sectionIds.get(path) : undefined);

  const targetCodes = new Set<string>();
  for (const [i, t] of (doc.targets ?? []).entries()) {
    if (targetCodes.has(t.code)) throw new SeedError(`${where}: chỉ tiêu "${t.code}" bị trùng`);
    targetCodes.add(t.code);
    await tx.target.create({
      data: {
        planId: documentId,
        sectionId: sectionId(t.section),
        code: t.code,
        statement: t.statement,
        metric: t.metric,
        unit: t.unit,
        comparator: t.comparator,
        value: t.value,
        valueMax: t.valueMax,
        textValue: t.textValue,
        targetYear: t.targetYear,
        level: t.level,
        pillar: t.pillar,
        sortOrder: i,
        orgs: {
          create: [...new Set(t.responsible ?? [])].map((c) => ({ orgId: orgId(c, where) })),
        },
      },
    });
    count('targets');
  }

  const assignment = (a: Assignee, role: 'LEAD' | 'COORDINATING', name?: string) =>
    'org' in a
      ? { role, orgId: orgId(a.org, where), nameAsWritten: name }
      : {
          role,
          groupKind: a.group.kind,
          groupLevel: a.group.level,
          groupWithinId: orgId(a.group.within, where),
          nameAsWritten: name,
        };
  const taskCodes = new Set<string>();
  for (const [i, t] of (doc.tasks ?? []).entries()) {
    if (taskCodes.has(t.code)) throw new SeedError(`${where}: nhiệm vụ "${t.code}" bị trùng`);
    taskCodes.add(t.code);
    const leads = t.lead ?? [];
    const single = leads.length === 1 && leads[0] && 'org' in leads[0] ? leads[0].org : undefined;
    await tx.task.create({
      data: {
        planId: documentId,
        sectionId: sectionId(t.section),
        code: t.code,
        groupCode: t.groupCode,
        groupTitle: t.groupTitle,
        title: t.title,
        leadName: t.leadName,
        leadOrgId: single ? orgId(single, where) : undefined,
        startDate: day(t.startDate),
        dueDate: day(t.dueDate),
        deadlineText: t.deadlineText,
        budget: t.budget !== undefined ? BigInt(t.budget) : undefined,
        sortOrder: i,
        assignments: {
          create: [
            ...leads.map((a) => assignment(a, 'LEAD', t.leadName)),
            ...(t.coordinating ?? []).map((a) => assignment(a, 'COORDINATING')),
          ],
        },
      },
    });
    count('tasks');
  }

  const activityIds = new Map<string, string>();
  for (const [i, a] of (doc.activities ?? []).entries()) {
    const created = await tx.activity.create({
      data: {
        documentId,
        key: a.key,
        title: a.title,
        kind: a.kind,
        theme: a.theme,
        startDate: day(a.startDate),
        endDate: day(a.endDate),
        location: a.location,
        expectedParticipants: a.expectedParticipants,
        statedHeadcount: a.statedHeadcount,
        note: a.note,
        sortOrder: i,
        schedule: {
          create: (a.schedule ?? []).map((s, n) => ({ ...s, date: day(s.date), sortOrder: n })),
        },
        participants: {
          create: (a.participants ?? []).map((p, n) => ({
            orgId: p.org ? orgId(p.org, where) : undefined,
            orgName: p.orgName,
            personName: p.personName,
            role: p.role,
            count: p.count,
            note: p.note,
            sortOrder: n,
          })),
        },
      },
    });
    activityIds.set(a.key, created.id);
    count('activities');
  }

  for (const [i, line] of (doc.budget?.lines ?? []).entries()) {
    if (line.activity && !activityIds.has(line.activity)) {
      throw new SeedError(
        `${where}: dòng dự toán ${line.code ?? i + 1} nói tới hoạt động "${line.activity}" không có`,
      );
    }
    await tx.budgetLine.create({
      data: {
        documentId,
        activityId: line.activity ? activityIds.get(line.activity) : undefined,
        code: line.code,
        description: line.description,
        factors: (line.factors ?? []) as Prisma.InputJsonValue,
        unitPrice: line.unitPrice !== undefined ? BigInt(line.unitPrice) : undefined,
        unitPriceUnit: line.unitPriceUnit,
        amount: BigInt(line.amount),
        fundingSource: line.fundingSource,
        note: line.note,
        sortOrder: i,
      },
    });
    count('budgetLines');
  }

  for (const [i, d] of (doc.deadlines ?? []).entries()) {
    await tx.documentDeadline.create({
      data: { documentId, date: day(d.date)!, text: d.text, sortOrder: i },
    });
    count('documentDeadlines');
  }
}

/** "PLANKEY#code" → the target or task id. */
async function planItemId(
  tx: Tx,
  ref: string,
  kind: 'target' | 'task',
  where: string,
  docId: (key: string, where: string) => string,
): Promise<string> {
  const [planKey, code] = ref.split('#');
  if (!planKey || !code)
    throw new SeedError(`${where}: tham chiếu "${ref}" phải có dạng KẾHOẠCH#mã`);
  const planId = docId(planKey, where);
  const found =
    kind === 'target'
      ? await tx.target.findUnique({
          where: { planId_code: { planId, code } },
          select: { id: true },
        })
      : await tx.task.findUnique({
          where: { planId_code: { planId, code } },
          select: { id: true },
        });
  if (!found)
    throw new SeedError(
      `${where}: không có ${kind === 'target' ? 'chỉ tiêu' : 'nhiệm vụ'} "${ref}"`,
    );
  return found.id;
}

/**
 * A template's carry-forward and change-factor settings, checked before anything is written:
 * factors above 1, on numbers only; nothing carried into a cell the agency does not fill.
 */
export function templateFactorProblem(t: SeedTemplate, where: string): void {
  const fail = (what: string, message: string) => {
    throw new SeedError(`${where}: mẫu ${t.code}${what}: ${message}`);
  };
  const own = changeFactorProblem(t.changeFactor);
  if (own) fail('', own);
  for (const table of t.tables ?? []) {
    for (const c of table.columns) {
      const at = `, bảng ${table.key}, cột ${c.key}`;
      const problem = changeFactorProblem(c.changeFactor);
      if (problem) fail(at, problem);
      if (c.changeFactor !== undefined && !NUMERIC_TYPES.has(c.type))
        fail(at, 'chỉ cột số (số nguyên, số thập phân, tỷ lệ, tiền) mới có hệ số thay đổi.');
      if (c.carryForward && (c.readOnly || (c.binding && c.binding !== 'target.measured')))
        fail(at, 'cột chỉ đọc hoặc lấy từ kế hoạch không mang số liệu kỳ trước sang được.');
    }
    for (const r of table.rows ?? []) {
      if (r.carryForward && (r.isGroup || r.readOnly))
        fail(
          `, bảng ${table.key}, dòng ${r.key}`,
          'dòng nhóm hoặc dòng chỉ đọc không mang số liệu kỳ trước sang được.',
        );
    }
  }
}

const NUMERIC_TYPES = new Set(['INTEGER', 'DECIMAL', 'PERCENT', 'MONEY']);

async function loadTemplate(
  tx: Tx,
  t: SeedTemplate,
  where: string,
  docId: (key: string, where: string) => string,
  orgId: (code: string, where: string) => string,
  count: (what: string, n?: number) => void,
): Promise<void> {
  const exists = await tx.reportTemplate.findUnique({
    where: { code_version: { code: t.code, version: t.version } },
  });
  if (exists) return;
  templateFactorProblem(t, where);
  const template = await tx.reportTemplate.create({
    data: {
      code: t.code,
      name: t.name,
      version: t.version,
      status: t.status,
      publishedAt: t.status === 'PUBLISHED' ? new Date() : undefined,
      documentId: t.document ? docId(t.document, where) : undefined,
      description: t.description,
      note: t.note,
      changeFactor: t.changeFactor,
      audiences: { create: (t.audience ?? []).map((a) => ({ kind: a.kind, level: a.level })) },
    },
  });
  count('templates');

  let order = 0;
  const keys = new Set<string>();
  const addSections = async (
    list: SeedTemplateSection[],
    parentId: string | null,
    depth: number,
  ) => {
    for (const s of list) {
      if (keys.has(s.key)) throw new SeedError(`${where}: mục đề cương "${s.key}" bị trùng`);
      keys.add(s.key);
      const created = await tx.templateSection.create({
        data: {
          templateId: template.id,
          parentId,
          key: s.key,
          number: s.number,
          heading: s.heading,
          guidance: s.guidance,
          answerable: s.answerable ?? true,
          required: s.required ?? false,
          sortOrder: order++,
          depth,
          audiences: {
            create: (s.audience ?? []).map((a) =>
              'org' in a
                ? { orgId: orgId(a.org, where) }
                : { groupKind: a.group.kind, groupLevel: a.group.level },
            ),
          },
        },
      });
      count('templateSections');
      if (s.children) await addSections(s.children, created.id, depth + 1);
    }
  };
  await addSections(t.outline ?? [], null, 0);

  for (const [i, table] of (t.tables ?? []).entries()) {
    const columnKeys = new Set(table.columns.map((c) => c.key));
    if (columnKeys.size !== table.columns.length)
      throw new SeedError(`${where}: bảng ${table.key} có cột trùng mã`);
    const columns = [];
    for (const [n, c] of table.columns.entries()) {
      columns.push({
        key: c.key,
        label: c.label,
        type: c.type,
        required: c.required ?? false,
        readOnly: c.readOnly ?? false,
        options: c.options ? (c.options as Prisma.InputJsonValue) : undefined,
        aggregate: c.aggregate ?? 'NONE',
        binding: c.binding,
        targetId: c.target ? await planItemId(tx, c.target, 'target', where, docId) : undefined,
        width: c.width,
        carryForward: c.carryForward ?? false,
        changeFactor: c.changeFactor,
        sortOrder: n,
      });
    }
    const rows = [];
    for (const [n, r] of (table.rows ?? []).entries()) {
      for (const k of Object.keys(r.values ?? {})) {
        if (!columnKeys.has(k))
          throw new SeedError(`${where}: dòng ${r.key} điền cột "${k}" không có`);
      }
      rows.push({
        key: r.key,
        groupKey: r.group,
        label: r.label,
        isGroup: r.isGroup ?? false,
        readOnly: r.readOnly ?? false,
        values: r.values,
        taskId: r.task ? await planItemId(tx, r.task, 'task', where, docId) : undefined,
        targetId: r.target ? await planItemId(tx, r.target, 'target', where, docId) : undefined,
        carryForward: r.carryForward ?? false,
        sortOrder: n,
      });
    }
    await tx.templateTable.create({
      data: {
        templateId: template.id,
        key: table.key,
        title: table.title,
        description: table.description,
        rowMode: table.rowMode,
        allowOpenRows: table.allowOpenRows ?? table.rowMode === 'OPEN',
        sortOrder: i,
        columns: { create: columns },
        rows: { create: rows },
      },
    });
    count('templateTables');
  }
}

async function newestTemplate(tx: Tx, code: string, where: string) {
  const template = await tx.reportTemplate.findFirst({
    where: { code, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
  });
  if (!template) throw new SeedError(`${where}: không có mẫu báo cáo đã ban hành "${code}"`);
  return template;
}

async function loadRequest(
  tx: Tx,
  r: SeedRequest,
  where: string,
  docId: (key: string, where: string) => string,
  orgId: (code: string, where: string) => string,
  count: (what: string, n?: number) => void,
): Promise<void> {
  if (await tx.reportRequest.findUnique({ where: { key: r.key } })) return;
  const template = await newestTemplate(tx, r.template, where);
  const computed = reportingPeriod(r.period);
  const deadline = new Date(r.deadline);
  if (Number.isNaN(deadline.getTime()))
    throw new SeedError(`${where}: hạn gửi "${r.deadline}" không hợp lệ`);
  const groups = (r.groups ?? []).map((g) => ({
    kind: g.kind,
    level: g.level,
    withinOrgId: orgId(g.within, where),
  }));
  const consolidatorOrgId = orgId(r.consolidator, where);
  const schedule = await tx.reportSchedule.findFirst({
    where: { templateId: template.id, consolidatorOrgId, periodKind: r.period.kind },
  });
  const { recipients } = await createRequest(tx, {
    key: r.key,
    templateId: template.id,
    planId: r.plan ? docId(r.plan, where) : undefined,
    period: { ...computed, label: r.period.label ?? computed.label },
    kind: r.kind,
    title: r.title,
    deadline,
    levelDeadlines: (r.levelDeadlines ?? []).map((d) => ({
      level: d.level,
      deadline: new Date(d.deadline),
    })),
    consolidatorOrgId,
    scheduleId: schedule?.id,
    note: r.note,
    status: r.status ?? 'OPEN',
    recipientOrgIds: (r.recipients ?? []).map((c) => orgId(c, where)),
    groups,
  });
  count('reportRequests');
  count('reportRecipients', recipients.length);
}

/** True when the database holds no org yet: the demo loads only into an empty database. */
export async function isEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.org.count()) === 0;
}
