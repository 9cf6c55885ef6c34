// Telling "the database cannot be reached right now" apart from every other failure: while
// PostgreSQL restarts or is unreachable, a request gets a clear SERVICE_UNAVAILABLE (HTTP 503,
// try again shortly) instead of a masked internal error, and the server keeps running so it
// serves again by itself once the database is back.

/** What a person reads when the database is unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại sau ít phút. Dữ liệu chưa được lưu.';

/** Seconds a client should wait before retrying (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;

// Node's socket errors, PostgreSQL's SQLSTATEs for a lost or refused connection (class 08,
// admin/crash shutdown, starting up, too many connections) and Prisma's codes for the same.
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2037',
]);
// The driver adapter's classification of the same failures.
const KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// node-postgres reports a dropped connection with a plain Error and no code.
const MESSAGES =
  /Connection terminated|connection error and is not queryable|terminating connection due to|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server/i;

/** True when the error (or what caused it) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
      originalError?: unknown;
    };
    if (typeof o.code === 'string' && (CODES.has(o.code) || o.code.startsWith('08'))) return true;
    if (typeof o.kind === 'string' && KINDS.has(o.kind)) return true;
    if (typeof o.message === 'string' && MESSAGES.test(o.message)) return true;
    queue.push(o.cause, o.meta?.driverAdapterError, o.originalError);
  }
  return false;
}
