// Which failures mean "the database cannot be reached now" (503, retry) rather than a bug (500):
// the shapes below are the ones node-postgres and Prisma's driver adapter really produce when
// PostgreSQL stops (seen in test/reliability/crash.test.ts).
import { isDatabaseUnavailable } from '../../../server/db/unavailable.ts';

const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error('Invalid `prisma.user.count()` invocation'), {
    code,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a dropped connection (node-postgres)', new Error('Connection terminated unexpectedly')],
    [
      'an unreachable server (Prisma P1001)',
      prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
    ],
    [
      'a raw query on an unreachable server (P2010 around the adapter error)',
      prismaError('P2010', { kind: 'DatabaseNotReachable' }),
    ],
    ['a closed connection', prismaError('P1017', { kind: 'ConnectionClosed' })],
    [
      'an administrator shutdown (57P01)',
      prismaError('P2010', { kind: 'postgres', code: '57P01' }),
    ],
    [
      'a connection refused at start',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a server still starting',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    [
      'the cause of a GraphQL error',
      Object.assign(new Error('wrapped'), { originalError: new Error('Connection terminated') }),
    ],
  ])('%s: yes', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    ['a syntax error', prismaError('P2010', { kind: 'postgres', code: '42601' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
    ['a string', 'Connection terminated'],
  ])('%s: no', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('does not loop on an error that is its own cause', () => {
    const e = new Error('x') as Error & { cause?: unknown };
    e.cause = e;
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});
