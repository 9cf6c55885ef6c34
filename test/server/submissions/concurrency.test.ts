// Saves racing each other: two edits from the same version → one wins, the other is told to
// reload (CONFLICT); a retry racing its first attempt with the same idempotency key → one save,
// also when the first attempt commits between the retry's look for the key and its version check.
import { saveReport } from '../../../server/submissions/save.ts';
import { viewerFromHeader } from '../../../server/auth/viewer.ts';
import { contractOperation } from '../../support/contract.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import type { Target } from '../../support/databases.ts';
import type { Json } from '../../support/json.ts';

const SAVE = contractOperation('SaveReport');

describe.each<Target>(['pglite', 'postgres'])('concurrent saves on %s', (target) => {
  let server: TestServer;
  let requestId: string;
  let token: string;
  const draft = (idempotencyKey: string, baseVersion: number, text: string) => ({
    input: {
      requestId,
      baseVersion,
      idempotencyKey,
      tables: [
        { key: 'pl03', rows: [{ key: 'IV.2', cells: [{ columnKey: 'ket_qua', value: text }] }] },
      ],
    },
  });

  beforeAll(async () => {
    server = await startTestServer(target);
    requestId = (
      await server.app.db.prisma.reportRequest.findUniqueOrThrow({
        where: { key: 'NA-403-SOKET-SO-HUYEN' },
      })
    ).id;
    token = await server.login('syte.nghean@demo.vn');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  test('two first saves at once: one is saved, the other gets CONFLICT', async () => {
    const results = await Promise.all([
      server.gql<Json>(SAVE, draft('race-a', 0, 'Bản A'), token),
      server.gql<Json>(SAVE, draft('race-b', 0, 'Bản B'), token),
    ]);
    const saved = results.filter((r) => r.data?.saveReport?.submission);
    const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT');
    expect([saved.length, refused.length]).toEqual([1, 1]);
    expect(results.every((r) => r.status < 500)).toBe(true);
    const versions = await server.app.db.prisma.submissionVersion.count({
      where: { submission: { requestId } },
    });
    expect(versions).toBe(1);
  });

  test('a retry racing its first attempt is applied once', async () => {
    const [a, b, c] = await Promise.all([
      server.gql<Json>(SAVE, draft('same-key', 1, 'Lần 2'), token),
      server.gql<Json>(SAVE, draft('same-key', 1, 'Lần 2'), token),
      server.gql<Json>(SAVE, draft('same-key', 1, 'Lần 2'), token),
    ]);
    for (const r of [a, b, c]) {
      expect(r.errors).toBeUndefined();
      expect(r.data!.saveReport.submission.version).toBe(2);
    }
    const versions = await server.app.db.prisma.submissionVersion.count({
      where: { submission: { requestId } },
    });
    expect(versions).toBe(2);
  });

  test('a retry that looked for its key just before the first attempt committed gets that result', async () => {
    const p = server.app.db.prisma;
    const viewer = (await viewerFromHeader(server.app.db, `Bearer ${token}`)).viewer!;
    const ctx = (prisma: typeof p) => ({ db: server.app.db, prisma, viewer, address: null });
    const { input } = draft('late-commit', 2, 'Lần 3');
    const first = await saveReport(ctx(p), input);
    expect(first.submission?.version).toBe(3);
    // The retry's look for the key comes back empty (the first attempt had not committed yet),
    // then it finds the report at version 3 instead of its base 2.
    const records = p.idempotencyRecord;
    let blind = true;
    const racing = new Proxy(p, {
      get(target, prop) {
        if (prop === 'idempotencyRecord') {
          return {
            findUnique: (args: Parameters<typeof records.findUnique>[0]) =>
              blind ? ((blind = false), Promise.resolve(null)) : records.findUnique(args),
          };
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    const retry = await saveReport(ctx(racing), input);
    expect(blind).toBe(false);
    expect(retry.submission?.version).toBe(3);
    expect(await p.submissionVersion.count({ where: { submission: { requestId } } })).toBe(3);
  });
});
