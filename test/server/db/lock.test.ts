// One process at a time on an embedded database folder: a second one is refused with a message
// saying who holds it; a lock left by a killed process is taken over.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirInUse, LOCK_FILE, lockDataDir, lockOwner } from '../../../server/db/lock.ts';

describe('the embedded database folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tonghop-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = () => path.join(dir, LOCK_FILE);

  it('is taken, refused to a second process while its owner runs, and given back', () => {
    const release = lockDataDir(dir, 1111, () => true);
    expect(lockOwner(readFileSync(file(), 'utf8'))).toBe(1111);
    expect(() => lockDataDir(dir, 2222, () => true)).toThrow(DataDirInUse);
    expect(() => lockDataDir(dir, 2222, () => true)).toThrow(
      /đang được tiến trình 1111 dùng.*xóa tệp .*tong-hop\.lock/,
    );
    release();
    expect(existsSync(file())).toBe(false);
    lockDataDir(dir, 2222, () => true)();
  });

  it('is taken over from a process that no longer runs (killed)', () => {
    writeFileSync(file(), '1111\n');
    const release = lockDataDir(dir, 2222, (pid) => pid !== 1111);
    expect(lockOwner(readFileSync(file(), 'utf8'))).toBe(2222);
    release();
  });

  it('is taken over when the file holds no process id', () => {
    writeFileSync(file(), 'rác');
    lockDataDir(dir, 2222, () => true)();
  });

  it('refuses the same process twice (two databases on one folder in one process)', () => {
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUse);
    release();
  });

  it('does not remove a lock that another process took after it', () => {
    const release = lockDataDir(dir, 1111, () => false);
    writeFileSync(file(), '3333\n'); // taken over meanwhile
    release();
    expect(lockOwner(readFileSync(file(), 'utf8'))).toBe(3333);
  });

  it.each([
    ['1234\n', 1234],
    ['  77 ', 77],
    ['', null],
    ['-5', null],
    ['abc', null],
  ])('reads the owner of %j as %p', (text, pid) => {
    expect(lockOwner(text)).toBe(pid);
  });
});
