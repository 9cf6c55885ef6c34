// One row of the roster file checked on its own: each cell read the way the report sheets read
// theirs (shared/cells/parse.ts: choices by label or key, Vietnamese dates), each problem naming
// its column. Whether the agencies and accounts a row names exist is decided later (plan.ts).
import type { AdminLevel, OrgKind, Role } from '../../../generated/prisma/enums.ts';
import { parseCell, quoted, type RawCell } from '../../../shared/cells/parse.ts';
import { foldVietnamese } from '../../../shared/text/fold.ts';
import { normalEmail } from '../../auth/users.ts';
import {
  KIND_OPTIONS,
  LEVEL_OPTIONS,
  ORG_COLUMNS,
  ROLE_LABEL,
  USER_COLUMNS,
  WHOLE_TREE_WORDS,
  type OrgColumnKey,
  type UserColumnKey,
} from './columns.ts';

export interface CellProblem<K extends string> {
  column: K;
  message: string;
}

export interface Parsed<T, K extends string> {
  value: T;
  problems: CellProblem<K>[];
}

export const MAX_NAME_LENGTH = 300;
const MAX_TEXT = 500;

/** Text of a cell as typed: NFC, one space between words, no control characters. */
export function cellText(raw: RawCell): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw)
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f\ufffe\uffff]/g, ' ')
    // Half a surrogate pair cannot be stored (PostgreSQL refuses it); a whole pair stays.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? null : text;
}

/** An agency's code: capitals and digits, ".", "-" or "_" between them ("NA.SYT"). */
export function orgCodeOf(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return /^[A-Z0-9]+(?:[._-][A-Z0-9]+)*$/.test(code) && code.length <= 60 ? code : null;
}

/**
 * A phone number as offices write it ("0238 3844 550", "0238.3844.550", "+84 912 345 678", several
 * separated by commas or "/"). A number cell whose leading 0 Excel dropped gets it back.
 */
export function phoneOf(raw: RawCell): { ok: true; value: string } | { ok: false } {
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw <= 0) return { ok: false };
    const digits = String(raw);
    return digits.length >= 8 && digits.length <= 10
      ? { ok: true, value: `0${digits}` }
      : digits.length === 11 && digits.startsWith('84')
        ? { ok: true, value: `+${digits}` }
        : { ok: false };
  }
  const text = cellText(raw);
  if (!text || text.length > 100) return { ok: false };
  const numbers = text.split(/\s*[,;/]\s*/);
  const each = numbers.every((n) => {
    if (!/^\+?[\d\s().-]+$/.test(n)) return false;
    const digits = n.replace(/\D/g, '');
    return digits.length >= 8 && digits.length <= 15;
  });
  return each ? { ok: true, value: text } : { ok: false };
}

/** The day before ("2025-07-01" → "2025-06-30"): closed from a day, open until the day before. */
export function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The day after (the close-from date of an agency valid until `day`). */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export interface OrgRowValues {
  name: string | null;
  kind: OrgKind | null;
  level: AdminLevel | null;
  parent: string | null;
  code: string | null;
  email: string | null;
  phone: string | null;
  /** The first day the agency no longer works (ISO). */
  closeFrom: string | null;
}

const choiceText = (options: { label: string }[]) => options.map((o) => `"${o.label}"`).join(', ');

/** A row of the "Đơn vị" sheet, cell by cell. */
export function parseOrgRow(
  cells: Partial<Record<OrgColumnKey, RawCell>>,
): Parsed<OrgRowValues, OrgColumnKey> {
  const problems: CellProblem<OrgColumnKey>[] = [];
  const fail = (column: OrgColumnKey, message: string) => problems.push({ column, message });

  const name = cellText(cells.name);
  if (!name) fail('name', 'Tên đơn vị không được để trống.');
  else if (name.length > MAX_NAME_LENGTH)
    fail('name', `Tên dài ${name.length} ký tự, tối đa ${MAX_NAME_LENGTH}.`);

  const choice = <T>(column: 'kind' | 'level', options: typeof KIND_OPTIONS): T | null => {
    const raw = cellText(cells[column]);
    if (!raw) return null;
    const read = parseCell({ type: 'CHOICE', options }, raw);
    if (!read.ok) {
      fail(column, `${quoted(raw)} không có trong danh sách (${choiceText(options)}).`);
      return null;
    }
    return read.value as T;
  };
  const kind = choice<OrgKind>('kind', KIND_OPTIONS);
  const level = choice<AdminLevel>('level', LEVEL_OPTIONS);

  const parent = cellText(cells.parent);
  if (parent && parent.length > MAX_NAME_LENGTH) fail('parent', 'Quá dài.');

  let code: string | null = null;
  const rawCode = cellText(cells.code);
  if (rawCode) {
    code = orgCodeOf(rawCode);
    if (!code) {
      fail(
        'code',
        `${quoted(rawCode)} không phải là mã đơn vị: chỉ gồm chữ không dấu, số và dấu chấm, gạch ngang giữa chúng (ví dụ NA.SYT), tối đa 60 ký tự.`,
      );
    }
  }

  let email: string | null = null;
  const rawEmail = cellText(cells.email);
  if (rawEmail) {
    email = normalEmail(rawEmail);
    if (!email) fail('email', `${quoted(rawEmail)} không phải là địa chỉ thư điện tử.`);
  }

  let phone: string | null = null;
  const rawPhone = cells.phone;
  if (rawPhone !== null && rawPhone !== undefined && cellText(rawPhone) !== null) {
    const read = phoneOf(rawPhone);
    if (read.ok) phone = read.value;
    else
      fail(
        'phone',
        `${quoted(String(cellText(rawPhone)))} không phải là số điện thoại (8–15 chữ số).`,
      );
  }

  let closeFrom: string | null = null;
  if (cellText(cells.closeFrom) !== null) {
    const read = parseCell({ type: 'DATE' }, cells.closeFrom);
    if (read.ok) closeFrom = read.value;
    else fail('closeFrom', `${read.message}.`);
  }

  return { value: { name, kind, level, parent, code, email, phone, closeFrom }, problems };
}

/** Whom a role covers: the person's own agency, the whole tree of the file, or a named agency. */
export type RoleScope = { kind: 'own' } | { kind: 'root' } | { kind: 'org'; ref: string };

export interface RoleItem {
  role: Role;
  scope: RoleScope;
}

const ROLE_WORDS: [string, Role][] = [
  ...(Object.entries(ROLE_LABEL) as [Role, string][]).map(
    ([role, label]) => [foldVietnamese(label), role] as [string, Role],
  ),
  ['bao cao vien', 'REPORTER'],
  ['nguoi bao cao', 'REPORTER'],
  ['quan tri vien', 'ADMIN'],
  ['lanh dao', 'APPROVER'],
  ['phe duyet', 'APPROVER'],
  ['approver', 'APPROVER'],
  ['reporter', 'REPORTER'],
  ['consolidator', 'CONSOLIDATOR'],
  ['analyst', 'ANALYST'],
  ['admin', 'ADMIN'],
];

/**
 * "Báo cáo, Tổng hợp (toàn tỉnh)" → the roles and whom each covers. Null and a message when an
 * item is not a role.
 */
export function parseRoles(
  text: string,
): { ok: true; roles: RoleItem[] } | { ok: false; message: string } {
  const roles: RoleItem[] = [];
  for (const item of text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(.*?)\s*(?:\(([^()]*)\))?$/u.exec(item)!;
    const word = foldVietnamese(m[1]!)
      .replace(/[^a-z ]/g, '')
      .trim();
    const role = ROLE_WORDS.find(([w]) => w === word)?.[1];
    if (!role) {
      const known = Object.values(ROLE_LABEL)
        .map((l) => `"${l}"`)
        .join(', ');
      return { ok: false, message: `${quoted(item)} không phải là vai trò (${known}).` };
    }
    const inside = m[2]?.trim();
    let scope: RoleScope = { kind: 'own' };
    if (inside) {
      const folded = foldVietnamese(inside);
      if (WHOLE_TREE_WORDS.includes(folded)) scope = { kind: 'root' };
      else if (['don vi', 'don vi minh', 'rieng don vi'].includes(folded)) scope = { kind: 'own' };
      else scope = { kind: 'org', ref: inside };
    }
    if (!roles.some((r) => r.role === role && sameScope(r.scope, scope)))
      roles.push({ role, scope });
  }
  if (!roles.length) return { ok: false, message: 'Cần ít nhất một vai trò.' };
  return { ok: true, roles };
}

const sameScope = (a: RoleScope, b: RoleScope) =>
  a.kind === b.kind && (a.kind !== 'org' || a.ref === (b as { ref: string }).ref);

export interface UserRowValues {
  email: string | null;
  name: string | null;
  org: string | null;
  roles: RoleItem[] | null;
}

/** A row of the "Tài khoản" sheet, cell by cell. */
export function parseUserRow(
  cells: Partial<Record<UserColumnKey, RawCell>>,
): Parsed<UserRowValues, UserColumnKey> {
  const problems: CellProblem<UserColumnKey>[] = [];
  const fail = (column: UserColumnKey, message: string) => problems.push({ column, message });

  let email: string | null = null;
  const rawEmail = cellText(cells.email);
  if (!rawEmail) fail('email', 'Thư điện tử không được để trống.');
  else {
    email = normalEmail(rawEmail);
    if (!email) fail('email', `${quoted(rawEmail)} không phải là địa chỉ thư điện tử.`);
  }

  const name = cellText(cells.name);
  if (name && name.length > 200) fail('name', `Họ tên dài ${name.length} ký tự, tối đa 200.`);

  const org = cellText(cells.org);
  if (org && org.length > MAX_NAME_LENGTH) fail('org', 'Quá dài.');

  let roles: RoleItem[] | null = null;
  const rawRoles = cellText(cells.roles);
  if (rawRoles) {
    if (rawRoles.length > MAX_TEXT) fail('roles', 'Quá dài.');
    else {
      const read = parseRoles(rawRoles);
      if (read.ok) roles = read.roles;
      else fail('roles', read.message);
    }
  }
  return { value: { email, name, org, roles }, problems };
}

/** The header of a column, for messages. */
export const orgHeader = (key: OrgColumnKey) => ORG_COLUMNS.find((c) => c.key === key)!.header;
export const userHeader = (key: UserColumnKey) => USER_COLUMNS.find((c) => c.key === key)!.header;
