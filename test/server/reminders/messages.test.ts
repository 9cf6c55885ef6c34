// What a reminder says in the states the end-to-end test does not reach: a report returned with a
// reason, one approved but not sent, one whose request needs a signature; and without PUBLIC_URL
// there is no link to give.
import {
  reminderNotification,
  reminderSubject,
  reminderText,
  sheetLink,
  type ReminderFacts,
} from '../../../server/reminders/messages.ts';
import { vietnamInstant } from '../../../shared/time/vietnam.ts';

const facts = (over: Partial<ReminderFacts> = {}): ReminderFacts => ({
  request: {
    id: 'req 1',
    title: 'Báo cáo sơ kết 01 năm thực hiện Kế hoạch 586/KH-UBND',
    periodLabel: 'Năm 2026',
    consolidatorName: 'Sở Khoa học và Công nghệ tỉnh Nghệ An',
    requiresSignature: false,
  },
  agency: { id: 'org-1', name: 'UBND xã Hưng Nguyên' },
  audience: 'STAFF',
  state: 'NOT_STARTED',
  deadline: vietnamInstant('2027-01-05', '17:00'),
  now: vietnamInstant('2027-01-04', '07:05'),
  publicUrl: null,
  withLetter: false,
  ...over,
});

test('a report returned by the Sở: the reason is repeated to the staff', () => {
  const text = reminderText(facts({ state: 'RETURNED', returnReason: 'Thiếu số liệu biểu 02' }));
  expect(text).toContain('Tình trạng hiện nay: Bị trả lại (lý do: Thiếu số liệu biểu 02).');
  expect(text).toContain('Hạn gửi: 17:00 ngày 05/01/2027 (giờ Việt Nam) — còn 1 ngày.');
});

test('no PUBLIC_URL: the add-in is the way, no link is made up', () => {
  const text = reminderText(facts());
  expect(text).toContain('- Trong Excel: thẻ Trang đầu (Home) → nhóm "Tổng hợp" → nút "Báo cáo"');
  expect(text).not.toContain('/files/');
  expect(sheetLink('https://baocao.tinh.gov.vn/', 'req 1', 'org-1')).toBe(
    'https://baocao.tinh.gov.vn/files/requests/req%201/sheet.xlsx?orgId=org-1',
  );
});

test('the leader: to approve (and sign) what waits, or to send what was approved', () => {
  const waiting = facts({ audience: 'LEADER', state: 'PENDING_APPROVAL' });
  const signed = { ...waiting, request: { ...waiting.request, requiresSignature: true } };
  expect(reminderSubject(waiting)).toBe(
    '[Chờ duyệt] Báo cáo sơ kết 01 năm thực hiện Kế hoạch 586/KH-UBND — hạn 17:00 ngày 05/01/2027',
  );
  expect(reminderText(signed)).toContain(
    'chọn "Chờ duyệt", mở báo cáo, bấm "Duyệt", "Ký số" rồi "Gửi Sở".',
  );
  const approved = facts({ audience: 'LEADER', state: 'APPROVED' });
  expect(reminderSubject(approved)).toMatch(/^\[Chờ gửi\] /);
  expect(reminderText(approved)).toContain(
    'của UBND xã Hưng Nguyên đã được lãnh đạo đơn vị duyệt nhưng chưa gửi.',
  );
  expect(reminderText(approved)).toContain('mở báo cáo đã duyệt rồi bấm "Gửi Sở".');
  expect(reminderNotification(approved)).toEqual({
    title: '[Chờ gửi] Báo cáo sơ kết 01 năm thực hiện Kế hoạch 586/KH-UBND',
    body: 'Báo cáo của UBND xã Hưng Nguyên đã được lãnh đạo đơn vị duyệt nhưng chưa gửi. Hạn gửi 17:00 ngày 05/01/2027 — còn 1 ngày.',
  });
});
