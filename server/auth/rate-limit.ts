// Login attempts are limited per account and per address (DESIGN.md §7), with the counters in the
// database so that every instance behind a load balancer sees the same counts. An attempt is
// counted before the password is checked — so a burst of parallel guesses cannot slip past the
// limit while the slow KDF runs — and a successful sign-in takes its own attempt back.
import type { PrismaClient } from '../../generated/prisma/client.ts';

/** Fixed windows: the counters of one window are one row per key. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Wrong passwords allowed per account and window. */
export const MAX_ATTEMPTS_PER_ACCOUNT = 10;
/** Failed sign-ins allowed from one address per window, across accounts (password spraying). */
export const MAX_ATTEMPTS_PER_ADDRESS = 50;
/** Counters older than this are deleted as new windows start. */
const KEEP_MS = 24 * 3600_000;

export interface LimitKey {
  key: string;
  max: number;
}

export function windowStart(now: Date, windowMs = LOGIN_WINDOW_MS): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Seconds until the window of `now` ends, rounded up to a whole minute for people to read. */
export function retryAfterSeconds(now: Date, windowMs = LOGIN_WINDOW_MS): number {
  const end = windowStart(now, windowMs).getTime() + windowMs;
  return Math.ceil((end - now.getTime()) / 60_000) * 60;
}

/** The counters one sign-in attempt counts against: its account (as typed, folded) and address. */
export function loginLimitKeys(email: string, address: string | null): LimitKey[] {
  const account = email.trim().toLowerCase().normalize('NFC');
  const keys: LimitKey[] = [{ key: `login:account:${account}`, max: MAX_ATTEMPTS_PER_ACCOUNT }];
  if (address) keys.push({ key: `login:address:${address}`, max: MAX_ATTEMPTS_PER_ADDRESS });
  return keys;
}

/** The first limit the counts (in the order of the keys) went past, or null. */
export function exceededLimit(keys: LimitKey[], counts: number[]): LimitKey | null {
  return keys.find((k, i) => (counts[i] ?? 0) > k.max) ?? null;
}

type Db = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** Counts one attempt against every key; returns the counts including it. */
export async function countAttempt(db: Db, keys: LimitKey[], now: Date): Promise<number[]> {
  const start = windowStart(now).toISOString();
  const counts: number[] = [];
  for (const { key } of keys) {
    const [row] = await db.$queryRawUnsafe<{ count: number }[]>(
      `INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES ($1, $2::timestamp, 1)
       ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
       RETURNING "count"`,
      key,
      start,
    );
    counts.push(Number(row?.count ?? 0));
  }
  if (counts.some((c) => c === 1)) {
    // A new window began for some key: a good moment to drop counters nobody reads any more.
    await db.$executeRawUnsafe(
      `DELETE FROM "RateLimitCounter" WHERE "windowStart" < $1::timestamp`,
      new Date(now.getTime() - KEEP_MS).toISOString(),
    );
  }
  return counts;
}

/** A successful sign-in: the account starts afresh, and the address gets its attempt back. */
export async function forgiveAttempt(db: Db, keys: LimitKey[], now: Date): Promise<void> {
  const start = windowStart(now).toISOString();
  const [account, ...others] = keys;
  if (account) {
    await db.$executeRawUnsafe(`DELETE FROM "RateLimitCounter" WHERE "key" = $1`, account.key);
  }
  for (const { key } of others) {
    await db.$executeRawUnsafe(
      `UPDATE "RateLimitCounter" SET "count" = GREATEST("count" - 1, 0)
       WHERE "key" = $1 AND "windowStart" = $2::timestamp`,
      key,
      start,
    );
  }
}
