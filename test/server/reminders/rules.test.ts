// The reminder rules as plain functions: which rule is due for an agency on a Vietnam day, who is
// reminded, what the consolidator may set.
import {
  audienceFor,
  checkReminderRules,
  DEFAULT_REMINDER_RULES,
  deadlineText,
  dueRule,
  peopleToRemind,
  ReminderRuleError,
  timeLeftText,
  type Person,
} from '../../../server/reminders/rules.ts';
import { deadlineFor } from '../../../server/requests/deadlines.ts';

const at = (local: string) => new Date(`${local}+07:00`);
const rules = DEFAULT_REMINDER_RULES.map((r, i) => ({ id: `r${i}`, ...r }));
/** 17:00 on 05/01/2027, Vietnam time. */
const deadline = at('2027-01-05T17:00:00');
const offsetDue = (now: string, d = deadline) => dueRule(rules, d, at(now))?.offsetDays ?? null;

test('a new request is reminded 3 days before, on the day, 1 and 3 days after', () => {
  expect(DEFAULT_REMINDER_RULES.map((r) => r.offsetDays)).toEqual([-3, 0, 1, 3]);
});

test('each rule is due on its Vietnam day, from 07:00 to midnight, and on no other day', () => {
  const byDay = ['12-31', '01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08']
    .map((d) => `${d.startsWith('12') ? 2026 : 2027}-${d}`)
    .map((day) => [day, offsetDue(`${day}T09:00:00`)]);
  expect(byDay).toEqual([
    ['2026-12-31', null],
    ['2027-01-01', null],
    ['2027-01-02', -3],
    ['2027-01-03', null],
    ['2027-01-04', null],
    ['2027-01-05', 0],
    ['2027-01-06', 1],
    ['2027-01-07', null],
    ['2027-01-08', 3],
  ]);
  // Not in the night before office hours; still late in the evening of its day.
  expect(offsetDue('2027-01-02T06:59:00')).toBeNull();
  expect(offsetDue('2027-01-02T07:00:00')).toBe(-3);
  expect(offsetDue('2027-01-02T23:59:00')).toBe(-3);
  // On the day of the deadline, also after 17:00 (the text then says it has passed).
  expect(offsetDue('2027-01-05T18:30:00')).toBe(0);
});

test('a rule missed while the server was stopped is not sent days late', () => {
  // The −3 rule fell on 02/01; a server back on 03/01 sends nothing until the day itself.
  expect(offsetDue('2027-01-03T07:30:00')).toBeNull();
  expect(offsetDue('2027-01-04T10:00:00')).toBeNull();
});

test('days are counted on the Vietnam calendar, not in UTC', () => {
  // 00:30 on 05/01 in Vietnam is still 04/01 in UTC: its −3 day is 02/01 in Vietnam.
  const early = at('2027-01-05T00:30:00');
  expect(dueRule(rules, early, new Date('2027-01-02T00:30:00Z'))?.offsetDays).toBe(-3); // 07:30 VN
  expect(dueRule(rules, early, new Date('2027-01-01T23:30:00Z'))).toBeNull(); // 06:30 VN on 02/01
  expect(dueRule(rules, early, new Date('2027-01-01T10:00:00Z'))).toBeNull(); // 17:00 VN on 01/01
});

test("each agency's own deadline: communes due later are reminded later", () => {
  const request = {
    deadline,
    deadlines: [{ level: 'COMMUNE', deadline: at('2027-01-10T17:00:00') }],
  };
  const now = '2027-01-07T09:00:00';
  expect(dueRule(rules, deadlineFor(request, 'PROVINCE'), at(now))).toBeNull();
  expect(dueRule(rules, deadlineFor(request, 'COMMUNE'), at(now))?.offsetDays).toBe(-3);
  expect(
    dueRule(rules, deadlineFor(request, 'DISTRICT'), at('2027-01-06T09:00:00'))?.offsetDays,
  ).toBe(1);
});

test('staff are reminded until the report is sent; the leader while it waits for approval', () => {
  expect(audienceFor(null)).toBe('STAFF');
  expect(audienceFor('DRAFT')).toBe('STAFF');
  expect(audienceFor('RETURNED')).toBe('STAFF');
  expect(audienceFor('PENDING_APPROVAL')).toBe('LEADER');
  expect(audienceFor('APPROVED')).toBe('LEADER');
  expect(audienceFor('SUBMITTED')).toBeNull();
  expect(audienceFor('ACCEPTED')).toBeNull();
});

describe('who is reminded', () => {
  const agency = { id: 'syt', path: '/NA/NA.SYT/', email: ' VanThu.SYT@NgheAn.gov.vn ' };
  const person = (id: string, orgId: string, roles: Person['roles'], active = true): Person => ({
    id,
    email: `${id}@thu.vn`,
    name: id,
    active,
    orgId,
    roles,
  });
  const own = (role: Person['roles'][number]['role']) => [
    { role, scopeOrgId: 'syt', scopePath: '/NA/NA.SYT/' },
  ];
  const users = [
    person('canbo', 'syt', own('REPORTER')),
    person('nghiviec', 'syt', own('REPORTER'), false),
    person('giamdoc', 'syt', own('APPROVER')),
    // A reporter of another agency, and a province-wide role held elsewhere: not this agency's.
    person('canbo-sogd', 'sogd', [
      { role: 'REPORTER', scopeOrgId: 'sogd', scopePath: '/NA/NA.SGDDT/' },
    ]),
    person('tinh', 'skhcn', [{ role: 'REPORTER', scopeOrgId: 'na', scopePath: '/NA/' }]),
    // Staff of the agency who report for it from a scope above it still belong to it.
    person('canbo2', 'syt', [{ role: 'REPORTER', scopeOrgId: 'na', scopePath: '/NA/' }]),
  ];

  test("staff: the agency's contact address and its active reporters", () => {
    expect(peopleToRemind(agency, users, 'STAFF')).toEqual({
      audience: 'STAFF',
      userIds: ['canbo', 'canbo2'],
      emails: ['vanthu.syt@nghean.gov.vn', 'canbo@thu.vn', 'canbo2@thu.vn'],
    });
  });

  test('the leader instead of staff, and staff when the agency has no leader here', () => {
    expect(peopleToRemind(agency, users, 'LEADER')).toEqual({
      audience: 'LEADER',
      userIds: ['giamdoc'],
      emails: ['giamdoc@thu.vn'],
    });
    const noLeader = users.filter((u) => u.id !== 'giamdoc');
    expect(peopleToRemind(agency, noLeader, 'LEADER').audience).toBe('STAFF');
    // An inactive leader is no leader.
    const away = users.map((u) => (u.id === 'giamdoc' ? { ...u, active: false } : u));
    expect(peopleToRemind(agency, away, 'LEADER').userIds).toEqual(['canbo', 'canbo2']);
  });
});

test('the deadline as a reminder writes it, and how far it is', () => {
  expect(deadlineText(deadline)).toBe('17:00 ngày 05/01/2027');
  expect(timeLeftText(deadline, at('2027-01-02T09:00:00'))).toBe('còn 3 ngày');
  expect(timeLeftText(deadline, at('2027-01-05T09:00:00'))).toBe('hôm nay là hạn cuối');
  expect(timeLeftText(deadline, at('2027-01-05T17:30:00'))).toBe('đã quá giờ hạn hôm nay');
  expect(timeLeftText(deadline, at('2027-01-06T09:00:00'))).toBe('đã quá hạn 1 ngày');
});

describe('rules the consolidator sets', () => {
  const problem = (input: { offsetDays: number; attachLetter?: boolean }[]) => {
    try {
      checkReminderRules(input);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(ReminderRuleError);
      return (error as Error).message;
    }
  };

  test('whole days from −30 to 60, sorted; none at all turns reminders off', () => {
    expect(
      checkReminderRules([
        { offsetDays: 7, attachLetter: true },
        { offsetDays: -30 },
        { offsetDays: 60 },
      ]),
    ).toEqual([
      { offsetDays: -30, attachLetter: false },
      { offsetDays: 7, attachLetter: true },
      { offsetDays: 60, attachLetter: false },
    ]);
    expect(checkReminderRules([])).toEqual([]);
  });

  test('refused with every reason in Vietnamese', () => {
    expect(problem([{ offsetDays: 1.5 }])).toBe(
      'Mốc nhắc thứ 1: số ngày phải là số nguyên (đã nhập 1.5).',
    );
    expect(problem([{ offsetDays: -31 }, { offsetDays: 61 }])).toBe(
      'Mốc nhắc thứ 1: số ngày so với hạn phải từ -30 (30 ngày trước hạn) đến 60 (60 ngày sau hạn); đã nhập -31. ' +
        'Mốc nhắc thứ 2: số ngày so với hạn phải từ -30 (30 ngày trước hạn) đến 60 (60 ngày sau hạn); đã nhập 61.',
    );
    expect(problem([{ offsetDays: -3 }, { offsetDays: 1 }, { offsetDays: -3 }])).toBe(
      'Mốc nhắc "3 ngày trước hạn" (-3) bị nhập trùng.',
    );
    expect(problem(Array.from({ length: 11 }, (_, i) => ({ offsetDays: i })))).toBe(
      'Tối đa 10 mốc nhắc cho một yêu cầu (đã nhập 11).',
    );
  });
});
