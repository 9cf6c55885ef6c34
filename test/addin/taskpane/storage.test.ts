// What the pane remembers: keyed inside Office's partition, and never a reason to fail where a
// browser blocks storage.
import { afterEach, describe, expect, test } from '@jest/globals';
import { serverAddressProblem } from '../../../addin/src/taskpane/api.ts';
import { recall, remember, storageKey } from '../../../addin/src/taskpane/storage.ts';

const globals = globalThis as { localStorage?: unknown; Office?: unknown };

afterEach(() => {
  delete globals.localStorage;
  delete globals.Office;
});

describe('the pane remembers', () => {
  test('inside the partition Office gives the add-in', () => {
    const kept = new Map<string, string>();
    globals.localStorage = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => void kept.set(k, v),
    };
    globals.Office = { context: { partitionKey: 'p-123' } };
    expect(remember({ server: 'https://baocao.tinh.gov.vn', token: 't', lang: 'en' })).toBe(true);
    expect([...kept.keys()]).toEqual([storageKey('p-123')]);
    expect(storageKey('p-123')).toBe('p-123tonghop.taskpane');
    expect(recall('https://x')).toEqual({
      server: 'https://baocao.tinh.gov.vn',
      token: 't',
      lang: 'en',
    });
  });

  test('storage blocked: the pane forgets, and goes on', () => {
    globals.localStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(recall('https://localhost:3000')).toEqual({
      server: 'https://localhost:3000',
      token: null,
      lang: 'vi',
    });
    expect(remember({ server: 'https://x', token: null, lang: 'vi' })).toBe(false);
  });
});

describe('the server address', () => {
  test('an http:// address from the HTTPS task pane is refused with the reason', () => {
    expect(serverAddressProblem('http://baocao.tinh.gov.vn', 'https:')).toContain('https://');
    expect(serverAddressProblem('https://baocao.tinh.gov.vn', 'https:')).toBeNull();
    expect(serverAddressProblem('http://localhost:4000', 'http:')).toBeNull();
    expect(serverAddressProblem('baocao', 'https:')).toContain('không phải là địa chỉ');
  });
});
