// "Công văn đôn đốc": the consolidating department's letter to the agencies past their deadline
// without having sent their report, as a .docx laid out per Nghị định 30/2020 (layout.ts). Who is
// overdue is the consolidation's rule (server/consolidation/merge.ts recipientStatuses: not sent —
// shared/reporting/status.ts — and past the agency's own deadline, per level as
// server/requests/deadlines.ts deadlineFor gives it). Routes serve it; a reminder email may carry it.
import type { Context } from '../graphql/context.ts';
import { conflict } from '../graphql/errors.ts';
import { openConsolidation, type OpenedConsolidation } from '../consolidation/consolidate.ts';
import type { RecipientStatus } from '../../shared/reporting/consolidated.ts';
import { contactsOf, stateText } from '../../shared/reporting/consolidated-layout.ts';
import { scheduledDeadline } from '../../shared/reporting/period.ts';
import { formatVietnamTime, vietnamDay } from '../../shared/time/vietnam.ts';
import { formatThousands } from '../../shared/format/vietnamese-number.ts';
import { body, dataTable, renderDocument, shareWidths, type OfficialDocument } from './layout.ts';
import { loadIssuer, type Issuer } from './issuer.ts';
import { reportSubject } from './consolidated-report.ts';
import {
  mmToTwips,
  numberLine,
  placeAndDate,
  recipientLines,
  signerLines,
  withoutPlace,
} from './nd30.ts';

/** The agencies overdue at the moment the consolidation was opened: `overdue` of each recipient. */
export const overdueRecipients = (recipients: RecipientStatus[]): RecipientStatus[] =>
  recipients.filter((r) => r.overdue);

/**
 * Whom the letter reminds: the overdue agencies but the issuing department itself, when it is
 * also a recipient (a Sở asking all departments asks itself too, and writes no letter to itself).
 */
export const toRemind = (recipients: RecipientStatus[], issuerOrgId: string): RecipientStatus[] =>
  overdueRecipients(recipients).filter((r) => r.org.id !== issuerOrgId);

/**
 * Which agencies are overdue on a request at `now`, in the order of the org tree — for whoever may
 * consolidate it (the same access as the consolidation: FORBIDDEN otherwise).
 */
export async function overdueAgencies(
  ctx: Context,
  requestId: string,
  now: Date = new Date(),
): Promise<RecipientStatus[]> {
  return overdueRecipients((await openConsolidation(ctx, requestId, now)).recipients);
}

/** Days the letter gives the agencies to send, counted from the day it is written. */
export const REPLY_DAYS = 3;

/**
 * The time the letter asks for the report by: 17:00 Vietnam time `days` after today (the end of
 * the working day, as deadlines are set), moved to Monday when it falls on a weekend.
 */
export function replyBy(now: Date, days = REPLY_DAYS): Date {
  const at = scheduledDeadline(vietnamDay(now), days);
  const weekday = new Date(`${vietnamDay(at)}T00:00:00Z`).getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  at.setUTCDate(at.getUTCDate() + shift);
  return at;
}

/** "17 giờ 00 ngày 22/12/2026", as a letter writes a time. */
export function timeInWords(at: Date): string {
  const [day, time] = formatVietnamTime(at).split(' ') as [string, string];
  const [h, m] = time.split(':');
  return `${h} giờ ${m} ngày ${day}`;
}

/** Up to this many, the agencies are named after "Kính gửi"; more are named in the list below. */
const NAMED_ADDRESSEES = 8;

const GROUP_LABEL: Record<string, string> = {
  'DEPARTMENT/PROVINCE': 'Các sở, ban, ngành tỉnh',
  'PEOPLES_COMMITTEE/DISTRICT': 'Ủy ban nhân dân các huyện, thị xã, thành phố',
  'PEOPLES_COMMITTEE/COMMUNE': 'Ủy ban nhân dân các xã, phường',
};

/** consolidate.ts loads whole org rows, so the recipients' orgs carry their kind. */
const kindOf = (org: RecipientStatus['org']): string =>
  'kind' in org && typeof org.kind === 'string' ? org.kind : '';

/** Groups first as documents list them: departments, then districts, then communes. */
const GROUP_ORDER = Object.keys(GROUP_LABEL);
const groupOf = (r: RecipientStatus) => `${kindOf(r.org)}/${r.org.level ?? ''}`;

/**
 * Who the letter is addressed to (II.9, "Kính gửi"): each agency by name; when there are many,
 * their groups ("Các sở, ban, ngành tỉnh (có tên tại danh sách dưới đây)") first, then any other
 * agency by name.
 */
export function addressees(reminded: RecipientStatus[]): string[] {
  if (reminded.length <= NAMED_ADDRESSEES) return reminded.map((r) => r.org.name);
  const size = new Map<string, number>();
  for (const r of reminded) size.set(groupOf(r), (size.get(groupOf(r)) ?? 0) + 1);
  const grouped = GROUP_ORDER.filter((g) => (size.get(g) ?? 0) > 1);
  return [
    ...grouped.map((g) => `${GROUP_LABEL[g]} (có tên tại danh sách dưới đây)`),
    ...reminded.filter((r) => !grouped.includes(groupOf(r))).map((r) => r.org.name),
  ];
}

/** The letter's parts, from the consolidation, the issuing department and the time it is written. */
export function reminderLetter(
  c: OpenedConsolidation,
  issuer: Issuer,
  now: Date,
): OfficialDocument {
  const overdue = toRemind(c.recipients, issuer.id);
  const subject = reportSubject(c.request.title);
  const who = withoutPlace(issuer.name);
  const to = issuer.parentName?.replace(/^Ủy ban nhân dân/u, 'UBND') ?? 'cấp có thẩm quyền';
  const returned = overdue.some((r) => r.state === 'RETURNED');
  const withLeader = overdue.some((r) => r.state === 'PENDING_APPROVAL' || r.state === 'APPROVED');
  const contacts = contactsOf({ name: issuer.name, email: issuer.email, phone: issuer.phone });
  const widths = shareWidths([mmToTwips(10), null, mmToTwips(34), mmToTwips(42)], [0, 1, 0, 0]);
  const title = `V/v đôn đốc gửi ${subject}`;
  return {
    title,
    heading: {
      parent: issuer.parentHeading,
      agency: issuer.agencyHeading,
      number: numberLine('letter', issuer.symbol),
      subjectLine: `đôn đốc gửi ${subject}`,
      placeAndDate: placeAndDate(issuer.place, now),
    },
    addressees: addressees(overdue),
    body: [
      body(
        `Thực hiện yêu cầu ${subject} (kỳ báo cáo ${c.request.periodLabel}), ${who} đã đề nghị các cơ quan, đơn vị gửi báo cáo đúng thời hạn. Đến ${timeInWords(now)}, còn ${formatThousands(overdue.length)} cơ quan, đơn vị đã quá hạn nhưng chưa gửi báo cáo, cụ thể như sau:`,
      ),
      dataTable(
        ['TT', 'Cơ quan, đơn vị', 'Hạn gửi', 'Tình trạng'],
        widths,
        overdue.map((r, i) => ({
          cells: [String(i + 1), r.org.name, formatVietnamTime(r.deadline), stateText(r)],
        })),
        [false, false, false, false],
      ),
      body(''),
      body(
        `Để kịp thời tổng hợp, báo cáo ${to}, ${who} đề nghị các cơ quan, đơn vị nêu trên khẩn trương hoàn thành và gửi báo cáo trước ${timeInWords(replyBy(now))}.`,
      ),
      ...(returned
        ? [
            body(
              'Đơn vị có báo cáo bị trả lại đề nghị chỉnh sửa theo ý kiến đã nêu khi trả lại và gửi lại báo cáo.',
            ),
          ]
        : []),
      ...(withLeader
        ? [
            body(
              'Đơn vị có báo cáo đang chờ lãnh đạo duyệt đề nghị lãnh đạo đơn vị xem xét, phê duyệt để gửi báo cáo.',
            ),
          ]
        : []),
      body(
        `Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ ${who}${contacts ? ` (${contacts})` : ''} để được hướng dẫn.`,
        {},
        true,
      ),
      body('Trân trọng./.', {}, true),
    ],
    signature: {
      // A deputy usually signs a reminder for the head (KT.); the name is left for the department.
      lines: signerLines(issuer.head, true),
      name: '',
      recipients: recipientLines(['Như trên', `${issuer.head.reference} (để báo cáo)`]),
    },
  };
}

/**
 * The công văn đôn đốc of a request at `now` as .docx, for whoever may consolidate it; CONFLICT
 * when no agency is overdue (there is nobody to remind).
 */
export async function reminderLetterDocx(
  ctx: Context,
  requestId: string,
  now: Date = new Date(),
): Promise<{ requestTitle: string; reminded: RecipientStatus[]; docx: Buffer }> {
  const c = await openConsolidation(ctx, requestId, now);
  const { consolidatorOrgId } = await ctx.prisma.reportRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { consolidatorOrgId: true },
  });
  const overdue = toRemind(c.recipients, consolidatorOrgId);
  if (!overdue.length) {
    throw conflict(
      'Không có đơn vị nào quá hạn mà chưa gửi báo cáo, nên chưa cần công văn đôn đốc.',
    );
  }
  const issuer = await loadIssuer(ctx.prisma, consolidatorOrgId);
  return {
    requestTitle: c.request.title,
    reminded: overdue,
    docx: await renderDocument(reminderLetter(c, issuer, now)),
  };
}
