// When an agency is reminded of a report, and who: plain functions over facts already loaded, for
// the run (run.ts), the GraphQL mutation (schema.ts) and their tests.
//
// A rule is a number of days from the agency's own deadline (the request's, or the one set for
// its administrative level: server/requests/deadlines.ts): −3 three days before, 0 on the day, 1
// and 3 after. Days are Vietnam's calendar days. A rule is due on its day from 07:00 Vietnam time
// (the start of office hours: a reminder at midnight is buried under the night's mail) until the
// day ends; a run on that day sends it, whichever run comes first. A server stopped over that
// whole day does not send it days late: the next rule (or the summary) says what is still owed,
// and a stale "3 days left" would be wrong by then.
import { holdsRoleOver, type Principal, type Role } from '../auth/access.ts';
import { isSent } from '../../shared/reporting/status.ts';
import { formatVietnamTime, vietnamDay, vietnamInstant } from '../../shared/time/vietnam.ts';

export interface RuleSpec {
  offsetDays: number;
  attachLetter: boolean;
}

/** What a new request starts with; its consolidator may change them (setReminderRules). */
export const DEFAULT_REMINDER_RULES: readonly RuleSpec[] = [
  { offsetDays: -3, attachLetter: false },
  { offsetDays: 0, attachLetter: false },
  { offsetDays: 1, attachLetter: false },
  { offsetDays: 3, attachLetter: false },
];

export const MIN_OFFSET_DAYS = -30;
export const MAX_OFFSET_DAYS = 60;
export const MAX_RULES = 10;
/** Reminders of a day go from this hour on, Vietnam time. */
export const REMINDER_TIME = '07:00';

export class ReminderRuleError extends Error {}

/** How a person reads an offset: "3 ngày trước hạn", "ngày hạn", "1 ngày sau hạn". */
export function offsetLabel(offsetDays: number): string {
  if (offsetDays === 0) return 'ngày hạn';
  return offsetDays < 0 ? `${-offsetDays} ngày trước hạn` : `${offsetDays} ngày sau hạn`;
}

/**
 * The rules as the consolidator gave them, checked: whole days from −30 to 60, each offset once,
 * at most 10 (none at all turns reminders off). Every problem is said at once; sorted by offset.
 */
export function checkReminderRules(
  input: readonly { offsetDays: number; attachLetter?: boolean | null }[],
): RuleSpec[] {
  const problems: string[] = [];
  if (input.length > MAX_RULES) {
    problems.push(`Tối đa ${MAX_RULES} mốc nhắc cho một yêu cầu (đã nhập ${input.length}).`);
  }
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const [i, r] of input.entries()) {
    if (!Number.isInteger(r.offsetDays)) {
      problems.push(`Mốc nhắc thứ ${i + 1}: số ngày phải là số nguyên (đã nhập ${r.offsetDays}).`);
    } else if (r.offsetDays < MIN_OFFSET_DAYS || r.offsetDays > MAX_OFFSET_DAYS) {
      problems.push(
        `Mốc nhắc thứ ${i + 1}: số ngày so với hạn phải từ ${MIN_OFFSET_DAYS} (30 ngày trước hạn) ` +
          `đến ${MAX_OFFSET_DAYS} (60 ngày sau hạn); đã nhập ${r.offsetDays}.`,
      );
    } else if (seen.has(r.offsetDays)) repeated.add(r.offsetDays);
    seen.add(r.offsetDays);
  }
  for (const d of repeated) problems.push(`Mốc nhắc "${offsetLabel(d)}" (${d}) bị nhập trùng.`);
  if (problems.length) throw new ReminderRuleError(problems.join(' '));
  return input
    .map((r) => ({ offsetDays: r.offsetDays, attachLetter: r.attachLetter ?? false }))
    .sort((a, b) => a.offsetDays - b.offsetDays);
}

const DAY_MS = 86_400_000;

/** "2026-01-05" moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (both "YYYY-MM-DD"). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The Vietnam day a rule falls on for a deadline. */
export const ruleDay = (deadline: Date, offsetDays: number): string =>
  addDays(vietnamDay(deadline), offsetDays);

/** The rule due at `now` for an agency with this deadline, or null (see the top of the file). */
export function dueRule<R extends { offsetDays: number }>(
  rules: readonly R[],
  deadline: Date,
  now: Date,
): R | null {
  const today = vietnamDay(now);
  if (now.getTime() < vietnamInstant(today, REMINDER_TIME).getTime()) return null;
  const offset = daysBetween(vietnamDay(deadline), today);
  return rules.find((r) => r.offsetDays === offset) ?? null;
}

export type Audience = 'STAFF' | 'LEADER';

/**
 * Who is reminded for a report in this state: staff while nothing was sent (not started, a
 * draft, returned by the Sở); the leader while it waits for approval or, approved, to be sent;
 * nobody once it was sent.
 */
export function audienceFor(status: string | null | undefined): Audience | null {
  if (isSent(status)) return null;
  return status === 'PENDING_APPROVAL' || status === 'APPROVED' ? 'LEADER' : 'STAFF';
}

export interface Person {
  id: string;
  email: string;
  name: string;
  active: boolean;
  orgId: string;
  roles: { role: Role; scopeOrgId: string | null; scopePath: string | null }[];
}

export interface AgencyContact {
  id: string;
  path: string;
  email: string | null;
}

export interface People {
  audience: Audience;
  /** Users reminded: in-app notifications, and their addresses among `emails`. */
  userIds: string[];
  /** Distinct addresses, the agency's own contact address first for staff. */
  emails: string[];
}

/**
 * The agency's own people holding `role` over it: active users of the agency, or whose role is
 * held over exactly this agency. (A role over a whole province does not make a provincial
 * officer one of each commune's staff.)
 */
function holders(agency: AgencyContact, users: readonly Person[], role: Role): Person[] {
  return users.filter((u) => {
    if (!u.active) return false;
    const principal: Principal = {
      userId: u.id,
      orgId: u.orgId,
      orgPath: '',
      roles: u.roles.map((r) => ({ role: r.role, scopePath: r.scopePath })),
    };
    if (!holdsRoleOver(principal, role, agency.path)) return false;
    return (
      u.orgId === agency.id || u.roles.some((r) => r.role === role && r.scopeOrgId === agency.id)
    );
  });
}

const addressOf = (email: string | null | undefined) => email?.trim().toLowerCase() || null;

/**
 * Who gets the reminder: staff are the agency's contact address and its reporters; the leader is
 * whoever holds the approver role over it. A report waiting for a leader who has no account here
 * reminds the staff instead, who can take it to the leader.
 */
export function peopleToRemind(
  agency: AgencyContact,
  users: readonly Person[],
  audience: Audience,
): People {
  if (audience === 'LEADER') {
    const leaders = holders(agency, users, 'APPROVER');
    if (leaders.length) return gather('LEADER', null, leaders);
  }
  return gather('STAFF', addressOf(agency.email), holders(agency, users, 'REPORTER'));
}

function gather(audience: Audience, contact: string | null, people: Person[]): People {
  const emails = new Set<string>(contact ? [contact] : []);
  for (const p of people) {
    const a = addressOf(p.email);
    if (a) emails.add(a);
  }
  return { audience, userIds: people.map((p) => p.id).sort(), emails: [...emails] };
}

/** "17:00 ngày 05/01/2026": a deadline as a reminder writes it (Vietnam time). */
export function deadlineText(deadline: Date): string {
  const [day, time] = formatVietnamTime(deadline).split(' ');
  return `${time} ngày ${day}`;
}

/** How far the deadline is: "còn 3 ngày", "hôm nay là hạn cuối", "đã quá hạn 1 ngày". */
export function timeLeftText(deadline: Date, now: Date): string {
  const days = daysBetween(vietnamDay(now), vietnamDay(deadline));
  if (now.getTime() > deadline.getTime()) {
    return days === 0 ? 'đã quá giờ hạn hôm nay' : `đã quá hạn ${-days} ngày`;
  }
  return days === 0 ? 'hôm nay là hạn cuối' : `còn ${days} ngày`;
}
