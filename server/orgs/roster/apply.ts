// A roster file against the database: the tree read (snapshot), the plan made (plan.ts), and —
// unless it is a dry run or any row has a problem — applied in one transaction: agencies created,
// changed, moved or closed, accounts created (without a password, each with a one-time activation
// code) or changed, every change an audit event. Either all of it is applied or none.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client.ts';
import type { RawCell } from '../../../shared/cells/parse.ts';
import { searchTextOf } from '../../../shared/text/fold.ts';
import { canAdminister } from '../../auth/access.ts';
import { issueFirstActivationCodes } from '../../auth/activation.ts';
import { enqueueInvitations } from '../../auth/invitations.ts';
import { recordAudit } from '../../audit/audit.ts';
import type { Context } from '../../graphql/context.ts';
import { conflict, forbidden, notFound } from '../../graphql/errors.ts';
import { cellText, orgCodeOf } from './rows.ts';
import type { ActivationLine } from './activation-list.ts';
import {
  planRoster,
  type RosterFile,
  type RosterPlan,
  type RosterSnapshot,
  type TreeOrg,
  type TreeUser,
} from './plan.ts';

type Db = Pick<PrismaClient, 'org' | 'user'>;

const ORG_FIELDS = {
  id: true,
  code: true,
  name: true,
  shortName: true,
  aliases: true,
  kind: true,
  level: true,
  parentId: true,
  path: true,
  validFrom: true,
  validTo: true,
  email: true,
  phone: true,
} as const;

/** The root an administrator may manage, or the error to answer. */
export async function administeredRoot(ctx: Context, rootOrgId: string): Promise<TreeOrg> {
  const root = await ctx.prisma.org.findUnique({ where: { id: rootOrgId }, select: ORG_FIELDS });
  if (!root) throw notFound(`đơn vị ${rootOrgId}`);
  if (!canAdminister(ctx.viewer, root.path)) {
    throw forbidden(`Bạn không quản trị ${root.name}.`);
  }
  return root;
}

/** The tree's agencies (parents first) and its accounts. */
export async function readTree(
  db: Db,
  root: TreeOrg,
): Promise<{ orgs: TreeOrg[]; users: TreeUser[] }> {
  const found = await db.org.findMany({
    where: { path: { startsWith: root.path } },
    select: ORG_FIELDS,
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
  });
  // As the tree reads: each agency followed by those under it, siblings in the tree's order.
  const children = new Map<string | null, typeof found>();
  for (const o of found) {
    const key = o.id === root.id ? null : o.parentId;
    children.set(key, [...(children.get(key) ?? []), o]);
  }
  const orgs: TreeOrg[] = [];
  const walk = (parent: string | null) => {
    for (const o of children.get(parent) ?? []) {
      orgs.push(o);
      walk(o.id);
    }
  };
  walk(null);
  const users = await db.user.findMany({
    where: { org: { path: { startsWith: root.path } } },
    select: {
      id: true,
      email: true,
      name: true,
      orgId: true,
      roles: { select: { role: true, scopeOrgId: true } },
    },
    orderBy: [{ org: { path: 'asc' } }, { email: 'asc' }],
  });
  return { orgs, users };
}

/** Every text in the file that could be an agency's code. */
function codesNamed(file: RosterFile): string[] {
  const codes = new Set<string>();
  const add = (raw: unknown) => {
    const text = cellText(raw as RawCell);
    const code = text && orgCodeOf(text);
    if (code) codes.add(code);
  };
  for (const { cells } of file.orgRows) {
    add(cells.code);
    add(cells.parent);
  }
  for (const { cells } of file.userRows) {
    add(cells.org);
    for (const m of String(cells.roles ?? '').matchAll(/\(([^()]*)\)/g)) add(m[1]);
  }
  return [...codes];
}

export async function readSnapshot(
  db: Db,
  root: TreeOrg,
  file: RosterFile,
): Promise<RosterSnapshot> {
  const { orgs, users } = await readTree(db, root);
  const named = codesNamed(file);
  const outside = await db.org.findMany({
    where: {
      OR: [{ code: { in: named } }, { code: { startsWith: root.code } }],
      NOT: { path: { startsWith: root.path } },
    },
    select: { code: true, name: true },
  });
  const emails = [
    ...new Set(file.userRows.map((r) => cellText(r.cells.email)?.toLowerCase()).filter(Boolean)),
  ] as string[];
  const outsideUsers = emails.length
    ? await db.user.findMany({
        where: { email: { in: emails }, NOT: { org: { path: { startsWith: root.path } } } },
        select: { email: true },
      })
    : [];
  return {
    root,
    orgs,
    users,
    takenCodes: new Set([...orgs.map((o) => o.code), ...outside.map((o) => o.code)]),
    outsideCodes: new Map(outside.map((o) => [o.code, o.name])),
    outsideEmails: new Set(outsideUsers.map((u) => u.email)),
  };
}

export interface RosterOutcome {
  root: TreeOrg;
  dryRun: boolean;
  applied: boolean;
  plan: RosterPlan;
  /** Ids of what the plan named "new:<row>", once created. */
  ids: Map<string, string>;
  codes: ActivationLine[];
}

const dateOf = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);
const depthOf = (path: string) => path.split('/').length - 3;

/** Reads, plans and (unless a dry run, or anything is wrong) applies a roster file. */
export async function importRoster(
  ctx: Context,
  rootOrgId: string,
  file: RosterFile,
  options: { dryRun: boolean; codeValidDays: number; now?: Date },
): Promise<RosterOutcome> {
  const root = await administeredRoot(ctx, rootOrgId);
  const now = options.now ?? new Date();
  if (options.dryRun) {
    const plan = planRoster(await readSnapshot(ctx.prisma, root, file), file);
    return { root, dryRun: true, applied: false, plan, ids: new Map(), codes: [] };
  }
  try {
    return await ctx.prisma.$transaction(
      async (tx) => {
        // One import of a tree at a time: the second plans against what the first applied.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`roster:${root.id}`}))`;
        const snapshot = await readSnapshot(tx, root, file);
        const plan = planRoster(snapshot, file);
        // Refused, or nothing to do (the same file again): nothing is written, not even an event.
        if (plan.problems.length || (!plan.orgs.length && !plan.users.length)) {
          const applied = !plan.problems.length;
          return { root, dryRun: false, applied, plan, ids: new Map(), codes: [] };
        }
        const { ids, codes } = await applyPlan(tx, ctx, snapshot, plan, options.codeValidDays, now);
        return { root, dryRun: false, applied: true, plan, ids, codes };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    // Someone else took a code or an email between the plan and the write.
    if ((error as { code?: string }).code === 'P2002') {
      throw conflict(
        'Danh sách vừa bị thay đổi ở nơi khác (trùng mã đơn vị hoặc thư điện tử); hãy tải lại và thử lại.',
      );
    }
    throw error;
  }
}

async function applyPlan(
  tx: Prisma.TransactionClient,
  ctx: Context,
  snapshot: RosterSnapshot,
  plan: RosterPlan,
  codeValidDays: number,
  now: Date,
): Promise<{ ids: Map<string, string>; codes: ActivationLine[] }> {
  const actor = { viewer: ctx.viewer, address: ctx.address };
  const ids = new Map<string, string>(snapshot.orgs.map((o) => [o.id, o.id]));
  const pathOf = new Map<string, string>(snapshot.orgs.map((o) => [o.id, o.path]));
  const idOf = (ref: string) => ids.get(ref) ?? ref;
  const last = await tx.org.aggregate({ _max: { sortOrder: true } });
  let sortOrder = last._max.sortOrder ?? 0;

  for (const step of plan.orgs) {
    const parentId = step.parentRef ? idOf(step.parentRef) : null;
    const parentPath = parentId ? pathOf.get(parentId)! : '/';
    const common = {
      name: step.name,
      kind: step.kind,
      level: step.level,
      email: step.email,
      phone: step.phone,
      validTo: dateOf(step.validTo),
    };
    const details = { row: step.row, changes: step.changes } as unknown as Prisma.InputJsonValue;
    if (step.action === 'CREATE') {
      const path = `${parentPath}${step.code}/`;
      const org = await tx.org.create({
        data: {
          ...common,
          code: step.code,
          parentId,
          path,
          depth: depthOf(path),
          sortOrder: ++sortOrder,
          searchText: searchTextOf(step.name),
        },
      });
      ids.set(step.ref, org.id);
      pathOf.set(org.id, path);
      await recordAudit(tx, actor, {
        action: 'org.create',
        entityType: 'Org',
        entityId: org.id,
        details,
      });
      continue;
    }
    const before = snapshot.orgs.find((o) => o.id === step.ref)!;
    const aliases =
      step.renamedFrom && !before.aliases.includes(step.renamedFrom)
        ? [...before.aliases, step.renamedFrom]
        : before.aliases;
    await tx.org.update({
      where: { id: step.ref },
      data: {
        ...common,
        // The old name stays as an alias: plans written before the change still find it.
        aliases,
        searchText: searchTextOf(step.name, before.shortName, ...aliases),
        ...(step.moved ? { parentId } : {}),
      },
    });
    if (step.moved) {
      const oldPath = pathOf.get(step.ref)!;
      const newPath = `${parentPath}${step.code}/`;
      const delta = depthOf(newPath) - depthOf(oldPath);
      // The agency and everything under it follow (paths are codes from the root).
      await tx.$executeRaw`
        UPDATE "Org" SET "path" = ${newPath} || substr("path", ${oldPath.length + 1}),
                         "depth" = "depth" + ${delta}, "updatedAt" = CURRENT_TIMESTAMP
        WHERE left("path", ${oldPath.length}) = ${oldPath}`;
      for (const [id, path] of pathOf) {
        if (path.startsWith(oldPath)) pathOf.set(id, newPath + path.slice(oldPath.length));
      }
    }
    await recordAudit(tx, actor, {
      action: step.action === 'CLOSE' ? 'org.close' : 'org.update',
      entityType: 'Org',
      entityId: step.ref,
      details,
    });
  }

  const treeIds = [...new Set(ids.values())];
  const detailsOf = (step: RosterPlan['users'][number]) =>
    ({ row: step.row, changes: step.changes }) as unknown as Prisma.InputJsonValue;
  const rolesOf = (step: RosterPlan['users'][number]) =>
    step.roles.map((r) => ({ role: r.role, scopeOrgId: idOf(r.scopeRef) }));

  // New accounts, their roles and codes: a few statements however many there are.
  const created = plan.users
    .filter((s) => s.action === 'CREATE')
    .map((step) => ({ step, id: randomUUID() }));
  await tx.user.createMany({
    data: created.map(({ step, id }) => ({
      id,
      email: step.email,
      name: step.name,
      orgId: idOf(step.orgRef),
      passwordHash: null,
    })),
  });
  await tx.userRole.createMany({
    data: created.flatMap(({ step, id }) => rolesOf(step).map((r) => ({ ...r, userId: id }))),
  });
  const issued = await issueFirstActivationCodes(
    tx,
    created.map((c) => c.id),
    codeValidDays,
    now,
  );
  // With SMTP, each new person also gets their code by email, in this same transaction.
  const emailed = await enqueueInvitations(
    tx,
    ctx.messaging,
    ctx.viewer?.userId ?? null,
    created.map(({ step }, i) => ({
      email: step.email,
      name: step.name,
      orgName: step.orgName,
      code: issued[i]!.code,
      expiresAt: issued[i]!.expiresAt,
    })),
  );
  const codes: ActivationLine[] = created.map(({ step }, i) => ({
    orgName: step.orgName,
    orgCode: step.orgCode,
    name: step.name,
    email: step.email,
    code: issued[i]!.code,
    expiresAt: issued[i]!.expiresAt,
    emailed: emailed > 0,
  }));
  for (const { step, id } of created) {
    await recordAudit(tx, actor, {
      action: 'user.create',
      entityType: 'User',
      entityId: id,
      details: detailsOf(step),
    });
  }

  for (const step of plan.users.filter((s) => s.action === 'UPDATE')) {
    const userId = step.userId!;
    await tx.user.update({
      where: { id: userId },
      data: { name: step.name, orgId: idOf(step.orgRef) },
    });
    if (step.rolesChanged) {
      // The roles within the tree become those of the file; roles elsewhere stay.
      await tx.userRole.deleteMany({ where: { userId, scopeOrgId: { in: treeIds } } });
      await tx.userRole.createMany({ data: rolesOf(step).map((r) => ({ ...r, userId })) });
    }
    await recordAudit(tx, actor, {
      action: 'user.update',
      entityType: 'User',
      entityId: userId,
      details: detailsOf(step),
    });
  }

  await recordAudit(tx, actor, {
    action: 'roster.import',
    entityType: 'Org',
    entityId: snapshot.root.id,
    details: {
      orgsCreated: plan.orgs.filter((s) => s.action === 'CREATE').length,
      orgsChanged: plan.orgs.filter((s) => s.action === 'UPDATE').length,
      orgsClosed: plan.orgs.filter((s) => s.action === 'CLOSE').length,
      usersCreated: plan.users.filter((s) => s.action === 'CREATE').length,
      usersChanged: plan.users.filter((s) => s.action === 'UPDATE').length,
    },
  });
  return { ids, codes };
}
