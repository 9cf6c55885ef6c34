// What a reminder says, in Vietnamese: the email to an agency's staff or leader, the short text
// for SMS/Zalo, the in-app notification, and the consolidator's summary of a run. Plain functions:
// the run stores their result in the outbox (server/messages/outbox.ts), so a message sent again
// after a failure says exactly the same thing.
import { STATE_LABEL, type RecipientState } from '../../shared/reporting/status.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import { deadlineText, timeLeftText, type Audience } from './rules.ts';

export interface RequestFacts {
  id: string;
  title: string;
  periodLabel: string;
  consolidatorName: string;
  requiresSignature: boolean;
}

export interface ReminderFacts {
  request: RequestFacts;
  agency: { id: string; name: string };
  audience: Audience;
  /** The report's state: what staff see in their list. */
  state: RecipientState;
  returnReason?: string | null;
  deadline: Date;
  now: Date;
  /** Where people reach the service (PUBLIC_URL), for the sheet's link; null: no link. */
  publicUrl: string | null;
  /** The công văn đôn đốc goes with the email. */
  withLetter: boolean;
}

/** Where the add-in is in Excel (server/addin/manifest.ts: group "Tổng hợp", button "Báo cáo"). */
const OPEN_ADDIN = 'Trong Excel: thẻ Trang đầu (Home) → nhóm "Tổng hợp" → nút "Báo cáo", đăng nhập';

/** The agency's sheet, for those without the add-in (GET /files/requests/…/sheet.xlsx). */
export function sheetLink(publicUrl: string, requestId: string, orgId: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/files/requests/${encodeURIComponent(requestId)}/sheet.xlsx?orgId=${encodeURIComponent(orgId)}`;
}

/** The leader's part: approve (and sign), or send what was approved. */
const leaderWaits = (f: ReminderFacts) =>
  f.state === 'APPROVED'
    ? 'đã được lãnh đạo đơn vị duyệt nhưng chưa gửi'
    : 'đang chờ lãnh đạo đơn vị duyệt';

function subjectTag(f: ReminderFacts): string {
  if (f.audience === 'LEADER') return f.state === 'APPROVED' ? '[Chờ gửi]' : '[Chờ duyệt]';
  return f.now.getTime() > f.deadline.getTime() ? '[Quá hạn]' : '[Nhắc hạn]';
}

export function reminderSubject(f: ReminderFacts): string {
  return `${subjectTag(f)} ${f.request.title} — hạn ${deadlineText(f.deadline)}`;
}

/** The email's plain text. */
export function reminderText(f: ReminderFacts): string {
  const { request, agency } = f;
  const due = `Hạn gửi: ${deadlineText(f.deadline)} (giờ Việt Nam) — ${timeLeftText(f.deadline, f.now)}.`;
  const lines: string[] = [`Kính gửi: ${agency.name},`, ''];
  if (f.audience === 'LEADER') {
    lines.push(
      `${request.consolidatorName} trân trọng nhắc: báo cáo "${request.title}" (${request.periodLabel}) ` +
        `của ${agency.name} ${leaderWaits(f)}.`,
      due,
      '',
      'Cách duyệt và gửi:',
      f.state === 'APPROVED'
        ? `- ${OPEN_ADDIN}, mở báo cáo đã duyệt rồi bấm "Gửi Sở".`
        : `- ${OPEN_ADDIN}, chọn "Chờ duyệt", mở báo cáo, bấm "Duyệt"` +
            `${request.requiresSignature ? ', "Ký số"' : ''} rồi "Gửi Sở".`,
    );
  } else {
    const state =
      f.state === 'RETURNED' && f.returnReason
        ? `${STATE_LABEL.RETURNED} (lý do: ${f.returnReason})`
        : STATE_LABEL[f.state];
    lines.push(
      `${request.consolidatorName} trân trọng nhắc: ${agency.name} chưa gửi báo cáo "${request.title}" (${request.periodLabel}).`,
      due,
      `Tình trạng hiện nay: ${state}.`,
      '',
      'Cách mở và gửi báo cáo:',
      `- ${OPEN_ADDIN}, chọn "${request.title}" trong danh sách báo cáo phải gửi, bấm "Tải mẫu vào bảng tính", điền rồi "Gửi báo cáo".`,
    );
    if (f.publicUrl) {
      lines.push(
        `- Hoặc tải bảng tính của đơn vị sau khi đăng nhập (gửi kèm mã truy cập: tiêu đề Authorization: Bearer <mã>), ` +
          `điền rồi tải lên lại cùng địa chỉ: ${sheetLink(f.publicUrl, request.id, agency.id)}`,
      );
    }
  }
  if (f.withLetter)
    lines.push('', `Kèm theo thư này là công văn đôn đốc của ${request.consolidatorName}.`);
  lines.push(
    '',
    `Thư này do hệ thống Tổng hợp – Báo cáo chuyển đổi số gửi tự động theo lịch nhắc hạn của ${request.consolidatorName}; ` +
      'đơn vị đã gửi báo cáo sẽ không nhận thêm thư nhắc.',
  );
  return lines.join('\n');
}

/** SMS/Zalo: one short text, the essentials only. */
export function reminderSms(f: ReminderFacts): string {
  // With its diacritics: gateways and Zalo carry Unicode, and unaccented Vietnamese misleads.
  const text =
    f.audience === 'LEADER'
      ? `Báo cáo "${f.request.title}" của ${f.agency.name} ${leaderWaits(f)}`
      : `${f.agency.name} chưa gửi báo cáo "${f.request.title}"`;
  const verb = f.audience === 'LEADER' && f.state !== 'APPROVED' ? 'duyệt' : 'gửi';
  return `${subjectTag(f)} ${text}; hạn ${deadlineText(f.deadline)} (${timeLeftText(f.deadline, f.now)}). Mở Excel → Tổng hợp → Báo cáo để ${verb}.`;
}

/** What the reminded users read in the task pane. */
export function reminderNotification(f: ReminderFacts): { title: string; body: string } {
  return {
    title: `${subjectTag(f)} ${f.request.title}`,
    body:
      (f.audience === 'LEADER'
        ? `Báo cáo của ${f.agency.name} ${leaderWaits(f)}.`
        : `${f.agency.name} chưa gửi báo cáo (${STATE_LABEL[f.state]}).`) +
      ` Hạn gửi ${deadlineText(f.deadline)} — ${timeLeftText(f.deadline, f.now)}.`,
  };
}

export interface SummaryFacts {
  request: RequestFacts;
  now: Date;
  expected: number;
  sent: number;
  /** Not sent yet: every agency not counted in `sent`. */
  pending: number;
  pendingApproval: number;
  late: { name: string; deadline: Date; state: RecipientState }[];
  /** The agencies this run reminded. */
  reminded: string[];
}

const LIST_MAX = 50;

function list(names: string[]): string[] {
  const shown = names.slice(0, LIST_MAX).map((n, i) => `  ${i + 1}. ${n}`);
  if (names.length > LIST_MAX) shown.push(`  … và ${names.length - LIST_MAX} đơn vị khác.`);
  return shown;
}

export function summarySubject(s: SummaryFacts): string {
  return `[Tình hình nộp] ${s.request.title} — ${s.pending} đơn vị chưa gửi, ${s.late.length} quá hạn`;
}

export function summaryText(s: SummaryFacts): string {
  return [
    `Kính gửi: ${s.request.consolidatorName},`,
    '',
    `Tình hình nộp báo cáo "${s.request.title}" (${s.request.periodLabel}) lúc ${formatVietnamTime(s.now)} (giờ Việt Nam):`,
    `- Phải báo cáo: ${s.expected} đơn vị; đã gửi: ${s.sent}; chưa gửi: ${s.pending}` +
      (s.pendingApproval
        ? ` (trong đó ${s.pendingApproval} đang chờ lãnh đạo đơn vị duyệt).`
        : '.'),
    s.late.length
      ? `- Quá hạn chưa gửi: ${s.late.length} đơn vị:`
      : '- Chưa có đơn vị nào quá hạn.',
    ...list(
      s.late.map((l) => `${l.name} — hạn ${deadlineText(l.deadline)} (${STATE_LABEL[l.state]})`),
    ),
    `- Lần này đã nhắc ${s.reminded.length} đơn vị:`,
    ...list(s.reminded),
    '',
    'Xem chi tiết trong phần bổ trợ Excel, thẻ "Tổng hợp": "Tải tình hình nộp"; nhật ký thư đã gửi ' +
      '(đã gửi, lỗi và lý do, gửi lại) ở trường messageLog của yêu cầu báo cáo.',
  ].join('\n');
}
