// The emails that carry a one-time code: an invitation (a new account's activation code, from a
// roster import or an administrator) and a password reset ("Quên mật khẩu?" in the pane). Plain
// text in Vietnamese, the expiry on Vietnam's clock, the steps in the add-in — there is no web
// page to link to, the add-in is where codes are typed. Never a password: the person chooses it.
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import type { NewMessage } from '../messages/outbox.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

/** Where the add-in is in Excel: the Home tab's "Tổng hợp" group (server/addin/manifest.ts). */
export const OPEN_ADDIN =
  'Trong Excel, ở thẻ Trang đầu (Home), bấm nút "Báo cáo" trong nhóm "Tổng hợp" để mở phần bổ trợ';

/** How a new account is activated, for the printed list and the invitation alike. */
export const ACTIVATION_STEPS = `${OPEN_ADDIN}, bấm "Kích hoạt tài khoản", nhập thư điện tử, mã kích hoạt và mật khẩu mới (ít nhất ${MIN_PASSWORD_LENGTH} ký tự) hai lần.`;

/** How a reset code is used. */
export const RESET_STEPS = `${OPEN_ADDIN}, bấm "Quên mật khẩu?", rồi "Tôi đã có mã", nhập thư điện tử, mã đặt lại mật khẩu và mật khẩu mới (ít nhất ${MIN_PASSWORD_LENGTH} ký tự) hai lần.`;

const NO_PASSWORD =
  'Hệ thống không bao giờ gửi mật khẩu qua thư và không ai được hỏi mật khẩu của bạn.';

/** The server's address as the pane's "Địa chỉ máy chủ" wants it, when one is configured. */
function serverLine(publicUrl: string | null): string[] {
  return publicUrl
    ? [`Địa chỉ máy chủ (ô "Địa chỉ máy chủ" cuối phần bổ trợ, nếu cần): ${publicUrl}`]
    : [];
}

export interface CodeRecipient {
  email: string;
  name: string;
  orgName: string;
  code: string;
  expiresAt: Date;
}

/** Who invites: the administrator who imported the roster or issued the code. */
export interface Inviter {
  name: string;
  orgName: string;
}

export function invitationMessage(
  to: CodeRecipient,
  inviter: Inviter,
  publicUrl: string | null,
): NewMessage {
  return {
    kind: 'INVITATION',
    channel: 'EMAIL',
    address: to.email,
    subject: `Mã kích hoạt tài khoản báo cáo chuyển đổi số – ${to.orgName}`,
    text: [
      `Kính gửi ${to.name},`,
      '',
      `${inviter.name} (${inviter.orgName}) đã tạo cho bạn tài khoản ${to.email} thuộc ${to.orgName} ` +
        'trên hệ thống Tổng hợp – Báo cáo chuyển đổi số, để điền và gửi báo cáo ngay trong Excel.',
      '',
      `Mã kích hoạt: ${to.code}`,
      `Mã dùng được một lần, đến ${formatVietnamTime(to.expiresAt)} (giờ Việt Nam).`,
      '',
      `Cách kích hoạt: ${ACTIVATION_STEPS}`,
      ...serverLine(publicUrl),
      '',
      `Mã hết hạn thì hãy xin ${inviter.name} cấp mã mới. ${NO_PASSWORD}`,
    ].join('\n'),
  };
}

export function passwordResetMessage(to: CodeRecipient, publicUrl: string | null): NewMessage {
  return {
    kind: 'PASSWORD_RESET',
    channel: 'EMAIL',
    address: to.email,
    subject: 'Mã đặt lại mật khẩu – Tổng hợp – Báo cáo chuyển đổi số',
    text: [
      `Kính gửi ${to.name},`,
      '',
      `Có yêu cầu đặt lại mật khẩu cho tài khoản ${to.email} (${to.orgName}) trên hệ thống ` +
        'Tổng hợp – Báo cáo chuyển đổi số.',
      '',
      `Mã đặt lại mật khẩu: ${to.code}`,
      `Mã dùng được một lần, đến ${formatVietnamTime(to.expiresAt)} (giờ Việt Nam).`,
      '',
      `Cách dùng: ${RESET_STEPS}`,
      ...serverLine(publicUrl),
      '',
      'Nếu bạn không yêu cầu đặt lại mật khẩu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn dùng được. ' +
        NO_PASSWORD,
    ].join('\n'),
  };
}
