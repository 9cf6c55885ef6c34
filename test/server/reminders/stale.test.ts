// A reminder waiting to be sent (the relay was down) is checked again before it goes: an agency
// that sent meanwhile, a closed request, a report now with the leader.
import { staleReason } from '../../../server/reminders/stale.ts';

const holds = {
  requestOpen: true,
  audience: 'STAFF' as const,
  reportStatus: 'DRAFT',
};

test('a reminder still true goes, however late', () => {
  expect(staleReason(holds)).toBeNull();
  expect(staleReason({ ...holds, reportStatus: null })).toBeNull();
  expect(staleReason({ ...holds, reportStatus: 'RETURNED' })).toBeNull();
  expect(
    staleReason({ ...holds, audience: 'LEADER', reportStatus: 'PENDING_APPROVAL' }),
  ).toBeNull();
});

test('the agency sent meanwhile: cancelled, whoever it was for', () => {
  for (const reportStatus of ['SUBMITTED', 'ACCEPTED']) {
    expect(staleReason({ ...holds, reportStatus })).toBe('Không gửi: đơn vị đã gửi báo cáo.');
    expect(staleReason({ ...holds, audience: 'LEADER', reportStatus })).toBe(
      'Không gửi: đơn vị đã gửi báo cáo.',
    );
  }
});

test('the report moved to the leader, or back to staff: the other one was reminded', () => {
  expect(staleReason({ ...holds, reportStatus: 'PENDING_APPROVAL' })).toBe(
    'Không gửi: báo cáo đã chuyển sang bước khác.',
  );
  expect(staleReason({ ...holds, audience: 'LEADER', reportStatus: 'DRAFT' })).toBe(
    'Không gửi: báo cáo đã chuyển sang bước khác.',
  );
});

test('a closed request: cancelled', () => {
  expect(staleReason({ ...holds, requestOpen: false })).toBe('Không gửi: yêu cầu báo cáo đã đóng.');
});
