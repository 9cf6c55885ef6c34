// Which agencies a request reaches: those that exist on the day their report is due — the Vietnam
// calendar day of the deadline that applies to the agency's level (deadlines.ts). One rule for
// agencies named one by one and for groups: a group reaches only such agencies, and a named agency
// that does not exist then (closed before it, or opened after it) is refused with its dates.
//
// A period that straddles a change is decided by its deadline, not by the days it covers: the
// agencies that owe the report are the ones there to send it. Quý II/2025 due 19/6/2025 reaches the
// district and commune committees closed on 30/6/2025; the same quarter due 5/7/2025, and Quý
// III/2025 or Năm 2025, reach the communes opened on 1/7/2025 and none of the closed units (which
// no longer exist to report; their successors report for the whole period).
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { formatVietnamDay, vietnamDay } from '../../shared/time/vietnam.ts';
import { existsDuring, existsOn, validityText, type Validity } from '../orgs/validity.ts';
import { deadlineFor, type RequestDeadlines } from './deadlines.ts';

export interface ReachableOrg extends Validity {
  level: string | null;
}

/** The day an agency of this level must exist on to be asked (ISO day, Vietnam time). */
export function dueDay(request: RequestDeadlines, level: string | null): string {
  return vietnamDay(deadlineFor(request, level));
}

/** THE rule: the agency exists on the day its report is due. */
export function existsAtDeadline(org: ReachableOrg, request: RequestDeadlines): boolean {
  return existsOn(org, dueDay(request, org.level));
}

/**
 * When recipients must exist: for a request, at its deadline (existsAtDeadline); for a recurring
 * schedule being set up, on some day while it runs (each request it opens then applies the
 * deadline rule for its own period).
 */
export type ReachTime = { request: RequestDeadlines } | { during: { start: string; end: string } };

/** The end of a window with no end (a schedule with no last day). */
export const OPEN_END = '9999-12-31';

export function reaches(org: ReachableOrg, when: ReachTime): boolean {
  return 'request' in when
    ? existsAtDeadline(org, when.request)
    : existsDuring(org, when.during.start, when.during.end);
}

export interface NamedOrg extends ReachableOrg {
  id: string;
  name: string;
}

/**
 * The refusal of agencies named one by one that the request cannot reach, naming each with its
 * dates, the day it would have to exist on, and the units that succeeded it.
 */
export async function notExistingMessage(
  prisma: Pick<PrismaClient, 'orgSuccession'>,
  orgs: NamedOrg[],
  when: ReachTime,
): Promise<string> {
  const links = await prisma.orgSuccession.findMany({
    where: { predecessorId: { in: orgs.map((o) => o.id) } },
    select: { predecessorId: true, successor: { select: { name: true } } },
    orderBy: { effectiveOn: 'asc' },
  });
  const shown = orgs.slice(0, 5).map((o) => {
    const dates = validityText(o);
    const at =
      'request' in when
        ? `hạn gửi ${formatVietnamDay(dueDay(when.request, o.level))}`
        : `báo cáo định kỳ từ ${formatVietnamDay(when.during.start)}${
            when.during.end === OPEN_END ? '' : ` đến ${formatVietnamDay(when.during.end)}`
          }`;
    const next = links.filter((l) => l.predecessorId === o.id).map((l) => l.successor.name);
    const successors = next.length ? `; đơn vị kế thừa: ${next.join(', ')}` : '';
    return `${o.name} (hoạt động ${dates}, ${at}${successors})`;
  });
  const more = orgs.length > 5 ? ` và ${orgs.length - 5} đơn vị khác` : '';
  const what = 'request' in when ? 'vào hạn gửi' : 'trong thời gian báo cáo định kỳ';
  return (
    `Không thể yêu cầu đơn vị không hoạt động ${what}: ${shown.join('; ')}${more}. ` +
    'Bỏ đơn vị này khỏi danh sách hoặc chọn đơn vị đang hoạt động.'
  );
}
