import { hashPassword, verifyPassword } from '../../../server/auth/password.ts';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('demo-2023');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain('demo-2023');
    await expect(verifyPassword('demo-2023', stored)).resolves.toBe(true);
    await expect(verifyPassword('demo-2024', stored)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('mật khẩu')).not.toBe(await hashPassword('mật khẩu'));
  });

  it('accepts the password typed in either Unicode form', async () => {
    const stored = await hashPassword('Mật khẩu');
    await expect(verifyPassword('Mật khẩu'.normalize('NFD'), stored)).resolves.toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
  });
});
