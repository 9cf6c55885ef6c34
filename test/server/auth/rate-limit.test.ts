// The login limits as plain functions: which counters an attempt counts against, when a window
// starts and ends, and which limit a count went past.
import {
  exceededLimit,
  loginLimitKeys,
  LOGIN_WINDOW_MS,
  MAX_ATTEMPTS_PER_ACCOUNT,
  MAX_ATTEMPTS_PER_ADDRESS,
  retryAfterSeconds,
  windowStart,
} from '../../../server/auth/rate-limit.ts';

describe('login rate limits', () => {
  it('counts an attempt against the account as typed (case, spaces, Unicode form) and the address', () => {
    const keys = loginLimitKeys(' SyTe.NgheAn@demo.vn ', '10.0.0.7');
    expect(keys).toEqual([
      { key: 'login:account:syte.nghean@demo.vn', max: MAX_ATTEMPTS_PER_ACCOUNT },
      { key: 'login:address:10.0.0.7', max: MAX_ATTEMPTS_PER_ADDRESS },
    ]);
    expect(loginLimitKeys('Sở@x.vn'.normalize('NFD'), null)).toEqual([
      { key: 'login:account:sở@x.vn', max: MAX_ATTEMPTS_PER_ACCOUNT },
    ]);
  });

  it('windows are fixed and the same on every instance', () => {
    const t = new Date('2024-03-01T10:07:30Z');
    expect(windowStart(t, LOGIN_WINDOW_MS).toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(windowStart(new Date('2024-03-01T10:15:00Z')).toISOString()).toBe(
      '2024-03-01T10:15:00.000Z',
    );
    // 7.5 minutes left, said as 8 whole minutes.
    expect(retryAfterSeconds(t)).toBe(8 * 60);
  });

  it('the limit is passed by the attempt after the last one allowed', () => {
    const keys = loginLimitKeys('a@b.vn', '1.2.3.4');
    expect(exceededLimit(keys, [MAX_ATTEMPTS_PER_ACCOUNT, 1])).toBeNull();
    expect(exceededLimit(keys, [MAX_ATTEMPTS_PER_ACCOUNT + 1, 1])).toBe(keys[0]);
    expect(exceededLimit(keys, [1, MAX_ATTEMPTS_PER_ADDRESS + 1])).toBe(keys[1]);
  });
});
