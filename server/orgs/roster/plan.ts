// What a roster file would do to one tree of the org tree (a province): which agencies it creates,
// changes or closes, which accounts it creates or changes, and every problem, each naming its
// sheet, row and column. A plain function of the tree as it is and the rows as read; nothing here
// touches the database (apply.ts does, all or nothing).
//
// Rows are matched to agencies of the tree by code first, then by name (server/orgs/match.ts:
// diacritics, case and abbreviations do not matter) — under the parent the row names, if it names
// one. A name match never renames (the name may be an abbreviation or an alias); a code match
// does. Blank cells keep what is stored, so the file downloaded and uploaded again changes nothing.
import type { AdminLevel, OrgKind, Role } from '../../../generated/prisma/enums.ts';
import type { RawCell } from '../../../shared/cells/parse.ts';
import { formatVietnamDay } from '../../../shared/time/vietnam.ts';
import { matchOrgName, orgIndex, orgNameKey, type OrgIndex } from '../match.ts';
import {
  KIND_LABEL,
  ORG_SHEET,
  ROLE_LABEL,
  USER_SHEET,
  WHOLE_TREE,
  levelLabel,
  type OrgColumnKey,
  type UserColumnKey,
} from './columns.ts';
import {
  dayAfter,
  dayBefore,
  orgCodeOf,
  orgHeader,
  parseOrgRow,
  parseUserRow,
  userHeader,
  type OrgRowValues,
  type RoleItem,
} from './rows.ts';

export interface TreeOrg {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: OrgKind;
  level: AdminLevel | null;
  parentId: string | null;
  path: string;
  validFrom: Date | null;
  validTo: Date | null;
  email: string | null;
  phone: string | null;
}

export interface TreeUser {
  id: string;
  email: string;
  name: string;
  orgId: string;
  roles: { role: Role; scopeOrgId: string | null }[];
}

/** The tree as it is, and what the file names outside it. */
export interface RosterSnapshot {
  root: TreeOrg;
  /** The root and every agency under it. */
  orgs: TreeOrg[];
  /** Accounts of agencies in the tree. */
  users: TreeUser[];
  /** Codes already taken by any agency (inside the tree or not) that the plan could choose. */
  takenCodes: Set<string>;
  /** Agencies outside the tree by code, for the codes the file names. */
  outsideCodes: Map<string, string>;
  /** Emails of accounts of agencies outside the tree. */
  outsideEmails: Set<string>;
}

export interface RosterProblem {
  sheet: string;
  /** The row as Excel numbers it; null for the sheet or the file as a whole. */
  row: number | null;
  /** The column's header; null for the row as a whole. */
  column: string | null;
  message: string;
}

export interface RosterRows<K extends string> {
  row: number;
  cells: Partial<Record<K, RawCell>>;
}

/** The file as read (workbook.ts): rows of each sheet, and problems with the file itself. */
export interface RosterFile {
  /** The root's code the template was written for, if the file says. */
  rootCode: string | null;
  orgRows: RosterRows<OrgColumnKey>[];
  userRows: RosterRows<UserColumnKey>[];
  problems: RosterProblem[];
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export type OrgAction = 'CREATE' | 'UPDATE' | 'CLOSE';
export type UserAction = 'CREATE' | 'UPDATE';

export interface OrgStep {
  action: OrgAction;
  row: number;
  /** The agency's id, or "new:<row>" for one to create. */
  ref: string;
  code: string;
  name: string;
  kind: OrgKind;
  level: AdminLevel | null;
  parentRef: string | null;
  parentName: string | null;
  email: string | null;
  phone: string | null;
  /** Last day of work (ISO), or null while it works. */
  validTo: string | null;
  /** Its parent changes (its subtree's paths follow). */
  moved: boolean;
  renamedFrom: string | null;
  changes: FieldChange[];
}

export interface UserStep {
  action: UserAction;
  row: number;
  userId: string | null;
  email: string;
  name: string;
  orgRef: string;
  orgName: string;
  orgCode: string;
  /** The roles the account holds within the tree afterwards. */
  roles: { role: Role; scopeRef: string }[];
  rolesText: string;
  /** The roles within the tree differ from the stored ones (always, for a new account). */
  rolesChanged: boolean;
  changes: FieldChange[];
}

export interface RosterPlan {
  orgs: OrgStep[];
  users: UserStep[];
  unchangedOrgs: number;
  unchangedUsers: number;
  problems: RosterProblem[];
}

export const MAX_ORG_ROWS = 5_000;
export const MAX_USER_ROWS = 20_000;

const NEW = (row: number) => `new:${row}`;
const sameText = (a: string | null, b: string | null) => (a ?? '') === (b ?? '');
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const closeText = (validTo: string | null) =>
  validTo ? formatVietnamDay(dayAfter(validTo)) : null;

/** Roles as the "Vai trò" column writes them: "Báo cáo, Tổng hợp (toàn tỉnh)". */
export function rolesText(
  roles: { role: Role; scope: string }[],
  own: string,
  root: string,
  codeOf: (ref: string) => string,
): string {
  const order: Role[] = ['REPORTER', 'CONSOLIDATOR', 'ANALYST', 'ADMIN'];
  return [...roles]
    .sort(
      (a, b) =>
        order.indexOf(a.role) - order.indexOf(b.role) ||
        Number(a.scope !== own) - Number(b.scope !== own),
    )
    .map((r) =>
      r.scope === own
        ? ROLE_LABEL[r.role]
        : `${ROLE_LABEL[r.role]} (${r.scope === root ? WHOLE_TREE : codeOf(r.scope)})`,
    )
    .join(', ');
}

/** A short code for a new agency under its parent: the initials of its name ("NA.SKHCN.TTCDST"). */
export function suggestCode(parentCode: string, name: string, taken: (code: string) => boolean) {
  const initials =
    orgNameKey(name)
      .split(' ')
      .filter(Boolean)
      .slice(0, 8)
      .map((w) => w[0]!.toUpperCase())
      .join('') || 'DV';
  const base = `${parentCode}.${initials}`.slice(0, 56);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`;
}

interface OrgEntry {
  row: number;
  v: OrgRowValues;
  ref: string | null;
  existing: TreeOrg | null;
  matchedByCode: boolean;
  code: string | null;
  parentRef: string | null;
  bad: boolean;
}

/** The whole plan of a file against the tree. */
export function planRoster(snapshot: RosterSnapshot, file: RosterFile): RosterPlan {
  const { root } = snapshot;
  const problems: RosterProblem[] = [...file.problems];
  const orgProblem = (row: number, column: OrgColumnKey | null, message: string) =>
    problems.push({
      sheet: ORG_SHEET,
      row,
      column: column ? orgHeader(column) : null,
      message,
    });
  const userProblem = (row: number, column: UserColumnKey | null, message: string) =>
    problems.push({
      sheet: USER_SHEET,
      row,
      column: column ? userHeader(column) : null,
      message,
    });

  if (file.rootCode && file.rootCode !== root.code) {
    problems.push({
      sheet: ORG_SHEET,
      row: null,
      column: null,
      message: `Tệp này được tải về cho đơn vị mã ${file.rootCode}, không phải cho ${root.name} (${root.code}).`,
    });
  }
  if (file.orgRows.length > MAX_ORG_ROWS) {
    problems.push({
      sheet: ORG_SHEET,
      row: null,
      column: null,
      message: `Trang có ${file.orgRows.length} dòng, tối đa ${MAX_ORG_ROWS}.`,
    });
  }
  if (file.userRows.length > MAX_USER_ROWS) {
    problems.push({
      sheet: USER_SHEET,
      row: null,
      column: null,
      message: `Trang có ${file.userRows.length} dòng, tối đa ${MAX_USER_ROWS}.`,
    });
  }
  if (problems.length)
    return { orgs: [], users: [], unchangedOrgs: 0, unchangedUsers: 0, problems };

  const byId = new Map(snapshot.orgs.map((o) => [o.id, o]));
  const byCode = new Map(snapshot.orgs.map((o) => [o.code, o]));
  const treeIndex = orgIndex(snapshot.orgs);

  /** An agency of the tree a text names: by code, then by name; or why it names none. */
  const inTree = (text: string, index: OrgIndex<TreeOrg> = treeIndex) => {
    const code = orgCodeOf(text);
    if (code && byCode.has(code)) return { org: byCode.get(code)! };
    const found = matchOrgName(text, index);
    if (found) return { org: found };
    const same = index.byKey.get(orgNameKey(text)) ?? [];
    return { org: null, same };
  };

  // ── Agencies: each row read, then matched to the tree ──
  const entries: OrgEntry[] = [];
  const codeRows = new Map<string, number>();
  for (const { row, cells } of file.orgRows) {
    const parsed = parseOrgRow(cells);
    for (const p of parsed.problems) orgProblem(row, p.column, p.message);
    const v = parsed.value;
    const entry: OrgEntry = {
      row,
      v,
      ref: null,
      existing: null,
      matchedByCode: false,
      code: v.code,
      parentRef: null,
      bad: parsed.problems.length > 0 || !v.name,
    };
    entries.push(entry);
    if (v.code) {
      const first = codeRows.get(v.code);
      if (first) {
        orgProblem(row, 'code', `Mã ${v.code} đã có ở dòng ${first}.`);
        entry.bad = true;
        continue;
      }
      codeRows.set(v.code, row);
    }
    if (!v.name) continue;

    // The parent the row names, if it is an agency of the tree.
    const parentInTree = v.parent ? inTree(v.parent).org : null;
    if (v.code && byCode.has(v.code)) {
      entry.existing = byCode.get(v.code)!;
      entry.matchedByCode = true;
    } else if (v.code && snapshot.outsideCodes.has(v.code)) {
      orgProblem(
        row,
        'code',
        `Mã ${v.code} là của "${snapshot.outsideCodes.get(v.code)}", ngoài ${root.name}.`,
      );
      entry.bad = true;
      continue;
    } else {
      const all = treeIndex.byKey.get(orgNameKey(v.name)) ?? [];
      const unique = matchOrgName(v.name, treeIndex);
      let found: TreeOrg | null = null;
      if (v.parent) {
        if (parentInTree) {
          const under = all.filter((o) => o.parentId === parentInTree.id);
          found =
            unique && unique.parentId === parentInTree.id
              ? unique
              : under.length === 1
                ? under[0]!
                : null;
          if (!found && under.length > 1) {
            orgProblem(
              row,
              'name',
              `Có ${under.length} đơn vị tên "${v.name}" trực thuộc ${parentInTree.name} (mã ${under.map((o) => o.code).join(', ')}): ghi mã để chỉ rõ.`,
            );
            entry.bad = true;
            continue;
          }
        }
      } else if (unique) {
        found = unique;
      } else if (all.length > 1) {
        orgProblem(
          row,
          'name',
          `Có ${all.length} đơn vị tên "${v.name}" (mã ${all.map((o) => o.code).join(', ')}): ghi mã hoặc đơn vị cấp trên để chỉ rõ.`,
        );
        entry.bad = true;
        continue;
      }
      if (found && v.code) {
        // A code the tree does not know, on a row whose name is an agency that has one.
        orgProblem(
          row,
          'code',
          `Đã có đơn vị "${found.name}" với mã ${found.code}: ghi mã ${found.code} để sửa đơn vị đó; đơn vị mới cần tên khác (mã của đơn vị có sẵn không đổi được).`,
        );
        entry.bad = true;
        continue;
      }
      entry.existing = found;
    }
    if (entry.existing) {
      const twice = entries.find((e) => e !== entry && e.existing?.id === entry.existing!.id);
      if (twice) {
        orgProblem(
          row,
          null,
          `Dòng này và dòng ${twice.row} cùng chỉ đơn vị "${entry.existing.name}" (mã ${entry.existing.code}).`,
        );
        entry.bad = true;
        entry.existing = null;
        continue;
      }
      entry.ref = entry.existing.id;
      entry.code = entry.existing.code;
    } else {
      entry.ref = NEW(row);
    }
  }

  // Rows by the name they give, for parents and accounts that name an agency of the file — also
  // rows with a problem, so what names them is skipped quietly rather than reported again.
  const named = entries.filter((e) => e.ref);
  const placed = named.filter((e) => !e.bad);
  const fileCandidates = named.map((e) => ({
    id: e.ref!,
    name: e.v.name!,
    shortName: null,
    aliases: [] as string[],
  }));
  const fileIndex = orgIndex(fileCandidates);
  const newByCode = new Map(
    named.filter((e) => !e.existing && e.v.code).map((e) => [e.v.code!, e.ref!]),
  );

  /** The agency (id or new:<row>) a text names, among the tree and the file's rows. */
  const lookup = (text: string): { ref: string } | { problem: string } => {
    const code = orgCodeOf(text);
    if (code && newByCode.has(code)) return { ref: newByCode.get(code)! };
    const tree = inTree(text);
    if (tree.org) return { ref: tree.org.id };
    const inFile = matchOrgName(text, fileIndex);
    if (inFile) return { ref: inFile.id };
    if (code && snapshot.outsideCodes.has(code)) {
      return { problem: `"${snapshot.outsideCodes.get(code)}" (mã ${code}) ở ngoài ${root.name}.` };
    }
    if (tree.same && tree.same.length > 1) {
      return {
        problem: `Có ${tree.same.length} đơn vị tên "${text}" (mã ${tree.same.map((o) => o.code).join(', ')}): ghi mã để chỉ rõ.`,
      };
    }
    return {
      problem: `Không tìm thấy đơn vị "${text}" trong ${root.name} hay trong trang "${ORG_SHEET}" (ghi mã hoặc tên đúng).`,
    };
  };

  // ── Parents ──
  for (const e of placed) {
    const isRoot = e.existing?.id === root.id;
    if (isRoot) {
      if (e.v.parent) {
        orgProblem(
          e.row,
          'parent',
          `Không đổi được đơn vị cấp trên của ${root.name} (đơn vị gốc của tệp).`,
        );
        e.bad = true;
      }
      if (e.v.closeFrom) {
        orgProblem(
          e.row,
          'closeFrom',
          `Không đóng được ${root.name} (đơn vị gốc của tệp) từ tệp này.`,
        );
        e.bad = true;
      }
      e.parentRef = root.parentId;
      continue;
    }
    if (!e.v.parent) {
      e.parentRef = e.existing ? e.existing.parentId : root.id;
      continue;
    }
    const found = lookup(e.v.parent);
    if ('problem' in found) {
      orgProblem(e.row, 'parent', found.problem);
      e.bad = true;
    } else if (found.ref === e.ref) {
      orgProblem(e.row, 'parent', 'Một đơn vị không thể là cấp trên của chính nó.');
      e.bad = true;
    } else {
      e.parentRef = found.ref;
    }
  }

  // A parent must not end up under its own child (A under B, B under A).
  const parentOf = new Map<string, string | null>(snapshot.orgs.map((o) => [o.id, o.parentId]));
  for (const e of placed) if (!e.bad || e.parentRef) parentOf.set(e.ref!, e.parentRef);
  for (const e of placed) {
    if (e.bad || !e.parentRef || e.existing?.id === root.id) continue;
    const seen = new Set<string>([e.ref!]);
    for (let at: string | null = e.parentRef; at && at !== root.id; at = parentOf.get(at) ?? null) {
      if (seen.has(at)) {
        orgProblem(
          e.row,
          'parent',
          'Đơn vị cấp trên nằm trong chính các đơn vị trực thuộc dòng này (thành vòng).',
        );
        e.bad = true;
        break;
      }
      seen.add(at);
    }
  }

  // ── Steps, parents before children (codes and levels of new agencies come from their parent) ──
  const good = placed.filter((e) => !e.bad);
  const byRef = new Map(good.map((e) => [e.ref!, e]));
  const ordered: OrgEntry[] = [];
  const visiting = new Set<OrgEntry>();
  const visit = (e: OrgEntry) => {
    if (ordered.includes(e) || visiting.has(e)) return;
    visiting.add(e);
    const parent = e.parentRef ? byRef.get(e.parentRef) : undefined;
    if (parent) visit(parent);
    ordered.push(e);
  };
  good.forEach(visit);

  const codes = new Set<string>([...snapshot.takenCodes, ...codeRows.keys()]);
  const nameOf = new Map<string, string>(snapshot.orgs.map((o) => [o.id, o.name]));
  const codeOf = new Map<string, string>(snapshot.orgs.map((o) => [o.id, o.code]));
  const levelOf = new Map<string, AdminLevel | null>(snapshot.orgs.map((o) => [o.id, o.level]));
  const steps: OrgStep[] = [];
  let unchangedOrgs = 0;

  for (const e of ordered) {
    const { v, existing } = e;
    const parentRef = e.parentRef;
    const parentName = parentRef ? (nameOf.get(parentRef) ?? null) : null;
    const validTo = v.closeFrom ? dayBefore(v.closeFrom) : null;
    // Under a new agency whose own row had a problem: that problem is the one to fix.
    if (parentRef?.startsWith('new:') && !codeOf.has(parentRef)) continue;
    if (existing) {
      const name = e.matchedByCode ? v.name! : existing.name;
      const changes: FieldChange[] = [];
      const change = (column: OrgColumnKey, before: string | null, after: string | null) =>
        changes.push({ field: orgHeader(column), before, after });
      if (name !== existing.name) change('name', existing.name, name);
      const kind = v.kind ?? existing.kind;
      if (kind !== existing.kind) change('kind', KIND_LABEL[existing.kind], KIND_LABEL[kind]);
      const level = v.level ?? existing.level;
      if (level !== existing.level) {
        change('level', existing.level && levelLabel(existing.level), level && levelLabel(level));
      }
      const moved = parentRef !== existing.parentId;
      if (moved) change('parent', nameOf.get(existing.parentId ?? '') ?? null, parentName);
      const email = v.email ?? existing.email;
      if (!sameText(email, existing.email)) change('email', existing.email, email);
      const phone = v.phone ?? existing.phone;
      if (!sameText(phone, existing.phone)) change('phone', existing.phone, phone);
      const to = validTo ?? day(existing.validTo);
      if (validTo && existing.validFrom && validTo < day(existing.validFrom)!) {
        orgProblem(
          e.row,
          'closeFrom',
          `Đơn vị bắt đầu hoạt động từ ${formatVietnamDay(day(existing.validFrom)!)}; ngày ngừng hoạt động phải sau ngày đó.`,
        );
        continue;
      }
      if (to !== day(existing.validTo))
        change('closeFrom', closeText(day(existing.validTo)), closeText(to));
      nameOf.set(existing.id, name);
      levelOf.set(existing.id, level);
      if (!changes.length) {
        unchangedOrgs++;
        continue;
      }
      steps.push({
        action: existing.validTo === null && to !== null ? 'CLOSE' : 'UPDATE',
        row: e.row,
        ref: existing.id,
        code: existing.code,
        name,
        kind,
        level,
        parentRef,
        parentName,
        email,
        phone,
        validTo: to,
        moved,
        renamedFrom: name !== existing.name ? existing.name : null,
        changes,
      });
      continue;
    }
    if (!v.kind) {
      orgProblem(e.row, 'kind', 'Đơn vị mới cần có loại đơn vị (chọn trong danh sách).');
      continue;
    }
    const parentCode = parentRef ? codeOf.get(parentRef) : undefined;
    if (!parentRef || !parentCode) continue; // its parent's own row had a problem
    const code = v.code ?? suggestCode(parentCode, v.name!, (c) => codes.has(c));
    codes.add(code);
    const level = v.level ?? levelOf.get(parentRef) ?? null;
    nameOf.set(e.ref!, v.name!);
    codeOf.set(e.ref!, code);
    levelOf.set(e.ref!, level);
    const changes: FieldChange[] = [
      { field: orgHeader('code'), before: null, after: code },
      { field: orgHeader('kind'), before: null, after: KIND_LABEL[v.kind] },
      { field: orgHeader('level'), before: null, after: level && levelLabel(level) },
      { field: orgHeader('parent'), before: null, after: parentName },
      { field: orgHeader('email'), before: null, after: v.email },
      { field: orgHeader('phone'), before: null, after: v.phone },
      { field: orgHeader('closeFrom'), before: null, after: closeText(validTo) },
    ].filter((c) => c.after !== null);
    steps.push({
      action: 'CREATE',
      row: e.row,
      ref: e.ref!,
      code,
      name: v.name!,
      kind: v.kind,
      level,
      parentRef,
      parentName,
      email: v.email,
      phone: v.phone,
      validTo,
      moved: false,
      renamedFrom: null,
      changes,
    });
  }

  // ── Accounts ──
  const usersByEmail = new Map(snapshot.users.map((u) => [u.email, u]));
  const emailRows = new Map<string, number>();
  const userSteps: UserStep[] = [];
  let unchangedUsers = 0;
  const refCode = (ref: string) => codeOf.get(ref) ?? ref;
  const stepOrgs = new Set(steps.map((s) => s.ref));
  /** An agency the file can place accounts in: of the tree, or created without a problem. */
  const usable = (ref: string) => byId.has(ref) || stepOrgs.has(ref);

  for (const { row, cells } of file.userRows) {
    const parsed = parseUserRow(cells);
    for (const p of parsed.problems) userProblem(row, p.column, p.message);
    const v = parsed.value;
    if (!v.email) continue;
    const first = emailRows.get(v.email);
    if (first) {
      userProblem(row, 'email', `Thư điện tử ${v.email} đã có ở dòng ${first}.`);
      continue;
    }
    emailRows.set(v.email, row);
    if (parsed.problems.length) continue;
    if (snapshot.outsideEmails.has(v.email)) {
      userProblem(
        row,
        'email',
        `Tài khoản ${v.email} thuộc một đơn vị ngoài ${root.name}; không sửa được từ tệp này.`,
      );
      continue;
    }
    const user = usersByEmail.get(v.email) ?? null;

    let orgRef = user?.orgId ?? null;
    if (v.org) {
      const found = lookup(v.org);
      if ('problem' in found) {
        userProblem(row, 'org', found.problem);
        continue;
      }
      if (!usable(found.ref)) continue; // that agency's own row had a problem
      orgRef = found.ref;
    }
    if (!user) {
      let missing = false;
      if (!v.name) {
        userProblem(row, 'name', 'Tài khoản mới cần họ và tên.');
        missing = true;
      }
      if (!orgRef) {
        userProblem(row, 'org', 'Tài khoản mới cần đơn vị.');
        missing = true;
      }
      if (!v.roles) {
        userProblem(row, 'roles', 'Tài khoản mới cần ít nhất một vai trò.');
        missing = true;
      }
      if (missing) continue;
    }
    const org = orgRef!;

    // The roles within the tree: as the row writes them, or as they are (an account moved to
    // another agency takes the roles it held over its old agency along).
    const current = (user?.roles ?? [])
      .filter((r) => r.scopeOrgId !== null && byId.has(r.scopeOrgId))
      .map((r) => ({ role: r.role, scope: r.scopeOrgId! }));
    let roles: { role: Role; scope: string }[];
    if (v.roles) {
      roles = [];
      let bad = false;
      for (const item of v.roles as RoleItem[]) {
        let scope: string;
        if (item.scope.kind === 'own') scope = org;
        else if (item.scope.kind === 'root') scope = root.id;
        else {
          const found = lookup(item.scope.ref);
          if ('problem' in found) {
            userProblem(row, 'roles', found.problem);
            bad = true;
            break;
          }
          if (!usable(found.ref)) {
            bad = true; // that agency's own row had a problem
            break;
          }
          scope = found.ref;
        }
        if (!roles.some((r) => r.role === item.role && r.scope === scope)) {
          roles.push({ role: item.role, scope });
        }
      }
      if (bad) continue;
    } else {
      roles = current.map((r) => (user && r.scope === user.orgId ? { ...r, scope: org } : r));
    }
    const text = rolesText(roles, org, root.id, refCode);
    const name = v.name ?? user!.name;
    const orgName = nameOf.get(org) ?? org;
    // What a step says of the account, whether it is made or changed.
    const account = {
      row,
      email: v.email,
      name,
      orgRef: org,
      orgName,
      orgCode: refCode(org),
      roles: roles.map((r) => ({ role: r.role, scopeRef: r.scope })),
      rolesText: text,
    };
    if (!user) {
      userSteps.push({
        action: 'CREATE',
        ...account,
        userId: null,
        rolesChanged: true,
        changes: [
          { field: userHeader('name'), before: null, after: name },
          { field: userHeader('org'), before: null, after: orgName },
          { field: userHeader('roles'), before: null, after: text },
        ],
      });
      continue;
    }
    const changes: FieldChange[] = [];
    if (name !== user.name)
      changes.push({ field: userHeader('name'), before: user.name, after: name });
    if (org !== user.orgId) {
      changes.push({
        field: userHeader('org'),
        before: nameOf.get(user.orgId) ?? null,
        after: orgName,
      });
    }
    const key = (r: { role: Role; scope: string }) => `${r.role}@${r.scope}`;
    const before = new Set(current.map(key));
    const after = new Set(roles.map(key));
    const rolesChanged = before.size !== after.size || [...after].some((k) => !before.has(k));
    if (rolesChanged) {
      changes.push({
        field: userHeader('roles'),
        before: rolesText(current, user.orgId, root.id, refCode),
        after: text,
      });
    }
    if (!changes.length) {
      unchangedUsers++;
      continue;
    }
    userSteps.push({ action: 'UPDATE', ...account, userId: user.id, rolesChanged, changes });
  }

  const where = (p: RosterProblem) => (p.sheet === ORG_SHEET ? 0 : 1) * 1e9 + (p.row ?? 0);
  problems.sort((a, b) => where(a) - where(b));
  return { orgs: steps, users: userSteps, unchangedOrgs, unchangedUsers, problems };
}
