// One-time activation codes as plain functions: how they look on paper, how they are typed back,
// what is stored, and why a code that matched cannot be used. (The flow through the server —
// issued by a roster import, used once, expired, rate-limited — is in
// test/server/orgs/roster.test.ts.)
import {
  activationCodeProblem,
  hashActivationCode,
  newActivationCode,
  normalActivationCode,
  validDaysProblem,
} from '../../../server/auth/activation.ts';
import { passwordProblem, verifyPassword } from '../../../server/auth/password.ts';

test('a code is 12 letters and digits nobody misreads, in groups of four, never the same', () => {
  const codes = Array.from({ length: 500 }, newActivationCode);
  for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){2}$/);
  expect(new Set(codes).size).toBe(codes.length);
  // Every symbol turns up: the code is drawn from the whole alphabet.
  expect(new Set(codes.join('').replace(/-/g, '')).size).toBe(31);
});

test('typed back in any case, with spaces or dashes, it is the same code', () => {
  expect(normalActivationCode(' k7qm 3xpa–9trc ')).toBe('K7QM3XPA9TRC');
  const userId = '7a1c0e6e-0000-4000-8000-000000000001';
  expect(hashActivationCode(userId, 'k7qm-3xpa-9trc')).toBe(
    hashActivationCode(userId, 'K7QM3XPA9TRC'),
  );
});

test('what is stored is a hash bound to its user, never the code', () => {
  const hash = hashActivationCode('user-a', 'K7QM-3XPA-9TRC');
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(hash).not.toContain('K7QM');
  expect(hashActivationCode('user-b', 'K7QM-3XPA-9TRC')).not.toBe(hash);
});

test('a used or expired code says so, with the time in Vietnam', () => {
  const now = new Date('2025-12-10T03:00:00Z');
  expect(
    activationCodeProblem({ expiresAt: new Date('2025-12-20T00:00:00Z'), usedAt: null }, now),
  ).toBeNull();
  expect(
    activationCodeProblem(
      { expiresAt: new Date('2025-12-20T00:00:00Z'), usedAt: new Date('2025-12-09T02:30:00Z') },
      now,
    ),
  ).toBe(
    'Mã kích hoạt này đã được dùng lúc 09/12/2025 09:30. Hãy đăng nhập bằng mật khẩu đã đặt; nếu quên mật khẩu, xin quản trị cấp mã mới.',
  );
  expect(
    activationCodeProblem({ expiresAt: new Date('2025-12-10T03:00:00Z'), usedAt: null }, now),
  ).toBe('Mã kích hoạt đã hết hạn lúc 10/12/2025 10:00. Hãy xin quản trị của đơn vị cấp mã mới.');
});

test('a code is valid 1 to 90 days; a password has at least 8 characters', () => {
  expect(validDaysProblem(14)).toBeNull();
  expect(validDaysProblem(0)).toBe('Thời hạn của mã kích hoạt phải từ 1 đến 90 ngày.');
  expect(validDaysProblem(91)).not.toBeNull();
  expect(passwordProblem('1234567')).toBe('Mật khẩu cần ít nhất 8 ký tự.');
  expect(passwordProblem('12345678')).toBeNull();
  expect(passwordProblem('x'.repeat(1001))).not.toBeNull();
});

test('an account without a password yet matches no password', async () => {
  expect(await verifyPassword('', null)).toBe(false);
  expect(await verifyPassword('x', null)).toBe(false);
});
