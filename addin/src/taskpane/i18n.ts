// The task pane's words: Vietnamese first, English on request.
export type Lang = 'vi' | 'en';

const vi = {
  title: 'Báo cáo chuyển đổi số',
  email: 'Thư điện tử',
  password: 'Mật khẩu',
  signIn: 'Đăng nhập',
  orToken: 'hoặc dán mã truy cập (API token)',
  token: 'Mã truy cập',
  useToken: 'Dùng mã này',
  signOut: 'Đăng xuất',
  server: 'Địa chỉ máy chủ',
  saveServer: 'Lưu địa chỉ',
  settings: 'Cài đặt',
  requests: 'Báo cáo đơn vị phải gửi',
  none: 'Đơn vị không có yêu cầu báo cáo nào đang mở.',
  deadline: 'Hạn gửi',
  overdue: 'Đã quá hạn',
  left: (d: number, h: number) => (d > 0 ? `còn ${d} ngày ${h} giờ` : `còn ${h} giờ`),
  late: (d: number) => `trễ ${d} ngày`,
  status: {
    NONE: 'Chưa làm',
    DRAFT: 'Nháp',
    SUBMITTED: 'Đã gửi',
    RETURNED: 'Bị trả lại',
    ACCEPTED: 'Đã tiếp nhận',
  },
  returnReason: 'Lý do trả lại',
  pull: 'Tải mẫu vào bảng tính',
  saveDraft: 'Lưu nháp',
  submit: 'Gửi báo cáo',
  refresh: 'Làm mới',
  confirmPull: 'Bảng tính có thay đổi chưa gửi. Tải lại mẫu sẽ xóa các thay đổi đó.',
  pullAnyway: 'Tải lại, bỏ thay đổi',
  cancel: 'Hủy',
  pulled: 'Đã tải mẫu vào bảng tính.',
  saved: (v: number) => `Đã lưu nháp, phiên bản ${v}.`,
  sent: (v: number, late: boolean) => `Đã gửi báo cáo, phiên bản ${v}${late ? ' (trễ hạn)' : ''}.`,
  problems: (n: number) => `${n} lỗi, chưa lưu gì. Các ô lỗi đã được tô đỏ kèm ghi chú.`,
  notPulled: 'Chưa có mẫu trong bảng tính: bấm "Tải mẫu vào bảng tính" trước.',
  otherReport: 'Bảng tính đang chứa báo cáo khác; tải mẫu của yêu cầu này trước.',
  version: 'Phiên bản',
  language: 'English',
  working: 'Đang xử lý…',
};

export type Strings = typeof vi;

const en: Strings = {
  title: 'Digital transformation reports',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  orToken: 'or paste an API token',
  token: 'API token',
  useToken: 'Use this token',
  signOut: 'Sign out',
  server: 'Server address',
  saveServer: 'Save address',
  settings: 'Settings',
  requests: 'Reports your agency owes',
  none: 'Your agency has no open report requests.',
  deadline: 'Deadline',
  overdue: 'Overdue',
  left: (d, h) => (d > 0 ? `${d} days ${h} hours left` : `${h} hours left`),
  late: (d) => `${d} days late`,
  status: {
    NONE: 'Not started',
    DRAFT: 'Draft',
    SUBMITTED: 'Sent',
    RETURNED: 'Returned',
    ACCEPTED: 'Accepted',
  },
  returnReason: 'Reason returned',
  pull: 'Load template into workbook',
  saveDraft: 'Save draft',
  submit: 'Send report',
  refresh: 'Refresh',
  confirmPull: 'The workbook has unsent changes. Loading the template again discards them.',
  pullAnyway: 'Load anyway, discard changes',
  cancel: 'Cancel',
  pulled: 'Template loaded into the workbook.',
  saved: (v) => `Draft saved, version ${v}.`,
  sent: (v, late) => `Report sent, version ${v}${late ? ' (late)' : ''}.`,
  problems: (n) => `${n} problems, nothing saved. The cells are marked red with a note.`,
  notPulled: 'No template in the workbook yet: load it first.',
  otherReport: 'The workbook holds another report; load this request first.',
  version: 'Version',
  language: 'Tiếng Việt',
  working: 'Working…',
};

export const strings: Record<Lang, Strings> = { vi, en };

/** Time left before a deadline in days and hours (negative when past). */
export function countdown(
  deadline: Date,
  now: Date,
): { past: boolean; days: number; hours: number } {
  const ms = deadline.getTime() - now.getTime();
  const hoursTotal = Math.floor(Math.abs(ms) / 3_600_000);
  return { past: ms < 0, days: Math.floor(hoursTotal / 24), hours: hoursTotal % 24 };
}
