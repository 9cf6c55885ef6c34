// Sign-in attempts are limited per account and per address (DESIGN.md §7) by rate-limiter-flexible
// over its Prisma store, so every instance behind a load balancer counts in the same rows, on the
// embedded database and on PostgreSQL alike. A window starts with a key's first attempt and lasts
// LOGIN_WINDOW_MS. An attempt is counted before the password is checked — so a burst of parallel
// guesses cannot slip past the limit while the slow KDF runs — and a successful sign-in clears
// its account and gives its address the attempt back.
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { PrismaClient } from '../../generated/prisma/client.ts';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Wrong passwords allowed per account and window. */
export const MAX_ATTEMPTS_PER_ACCOUNT = 10;
/** Failed sign-ins allowed from one address per window, across accounts (password spraying). */
export const MAX_ATTEMPTS_PER_ADDRESS = 50;
/** Windows over for this long are deleted as new ones start. */
const KEEP_MS = 3600_000;

export interface LoginLimit {
  kind: 'account' | 'address';
  key: string;
}

/** The counters one sign-in attempt counts against: its account (as typed, folded) and address. */
export function loginLimitKeys(email: string, address: string | null): LoginLimit[] {
  const account = email.trim().toLowerCase().normalize('NFC');
  const keys: LoginLimit[] = [{ kind: 'account', key: account }];
  if (address) keys.push({ kind: 'address', key: address });
  return keys;
}

/** Seconds until a window ends, rounded up to a whole minute for people to read. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 60_000)) * 60;
}

export interface LoginLimiters {
  /** Counts an attempt; the limit it went past and when to try again, or null. */
  count(keys: LoginLimit[]): Promise<{ limit: LoginLimit; retryAfterSeconds: number } | null>;
  /** A successful sign-in: the account starts afresh, the address gets its attempt back. */
  forgive(keys: LoginLimit[]): Promise<void>;
}

type Store = Pick<PrismaClient, 'rateLimiterFlexible'>;

const limiters = new WeakMap<Store, LoginLimiters>();

export function loginLimiters(prisma: Store): LoginLimiters {
  const known = limiters.get(prisma);
  if (known) return known;
  const make = (kind: LoginLimit['kind'], points: number) =>
    new RateLimiterPrisma({
      storeClient: prisma,
      // The accessor of the model RateLimiterFlexible on the Prisma client.
      tableName: 'rateLimiterFlexible',
      keyPrefix: `login:${kind}`,
      points,
      duration: LOGIN_WINDOW_MS / 1000,
      // Its own timer would outlive a closed database; expired windows are cleared below.
      clearExpiredByTimeout: false,
    });
  const byKind = {
    account: make('account', MAX_ATTEMPTS_PER_ACCOUNT),
    address: make('address', MAX_ATTEMPTS_PER_ADDRESS),
  };
  const made: LoginLimiters = {
    async count(keys) {
      let exceeded: { limit: LoginLimit; retryAfterSeconds: number } | null = null;
      let started = false;
      for (const limit of keys) {
        try {
          const res = await byKind[limit.kind].consume(limit.key);
          started ||= res.isFirstInDuration;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          exceeded ??= { limit, retryAfterSeconds: retryAfterSeconds(error.msBeforeNext) };
        }
      }
      // A window began: a good moment to drop those nobody reads any more.
      if (started) {
        await prisma.rateLimiterFlexible.deleteMany({
          where: { expire: { lt: new Date(Date.now() - KEEP_MS) } },
        });
      }
      return exceeded;
    },
    async forgive(keys) {
      for (const limit of keys) {
        if (limit.kind === 'account') await byKind.account.delete(limit.key);
        else await byKind.address.reward(limit.key, 1);
      }
    },
  };
  limiters.set(prisma, made);
  return made;
}
