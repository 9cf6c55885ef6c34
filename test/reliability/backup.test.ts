// Backup and restore as README.md tells an administrator to do it: PostgreSQL with pg_dump and
// pg_restore, the embedded database by copying its folder while the server is stopped. The demo
// data plus reports saved, sent and returned go through the round trip; afterwards every table
// holds the same rows (count and digest of every row) and the restored server shows the reports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { freshPostgresUrl } from '../support/databases.ts';
import { pgBin } from '../support/postgres-server.ts';
import { fingerprint, totalRows, type Query } from '../support/fingerprint.ts';
import { graphql, startServerProcess } from '../support/server-process.ts';
import { contractOperation } from '../support/contract.ts';
import { fullReport } from '../support/reports.ts';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import type { Json } from '../support/json.ts';

/** The live demo's sample reports (prisma/seed/live.ts): one saved version each. */
const sampleVersions = readSeedFiles()
  .flatMap((f) => f.data.live?.requests ?? [])
  .reduce((n, r) => n + r.reports.current.length + r.reports.previous.length, 0);

const SHEET = contractOperation('ReportSheet');
const SAVE = contractOperation('SaveReport');

/** Reports in several states on top of the demo data: a sent one returned and sent again, a draft. */
async function fillReports(url: string): Promise<string> {
  const login = async (e: string) =>
    (
      await graphql<Json>(
        url,
        'mutation($e: String!) { login(email: $e, password: "demo-2023") { token } }',
        { e },
      )
    ).data!.login.token as string;
  const [syt, gddt, consolidator] = await Promise.all([
    login('syte.nghean@demo.vn'),
    login('sogddt.nghean@demo.vn'),
    login('stttt.nghean@demo.vn'),
  ]);
  const mine = await graphql<Json>(url, contractOperation('MyReportRequests'), {}, syt);
  const requestId = mine.data!.myReportRequests.find(
    (r: Json) => r.template.code === 'NA-403-PL01-03',
  )!.id as string;
  const save = async (token: string, input: Json) => {
    const res = await graphql<Json>(url, SAVE, { input: { requestId, ...input } }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.saveReport.problems).toEqual([]);
    return res.data!.saveReport.submission as Json;
  };
  await save(syt, { baseVersion: 0, idempotencyKey: 'b-1', tables: fullReport.tables.slice(0, 1) });
  const sent = await save(syt, {
    baseVersion: 1,
    idempotencyKey: 'b-2',
    submit: true,
    ...fullReport,
  });
  const returned = await graphql<Json>(
    url,
    contractOperation('ReturnSubmission'),
    { id: sent.id, reason: 'Bổ sung số liệu mục IV.9' },
    consolidator,
  );
  expect(returned.errors).toBeUndefined();
  await save(syt, { baseVersion: 2, idempotencyKey: 'b-3', submit: true, ...fullReport });
  await save(gddt, {
    baseVersion: 0,
    idempotencyKey: 'b-4',
    answers: [{ key: 'A.I', text: 'Nháp: Sở GD&ĐT đang tổng hợp.' }],
  });
  return requestId;
}

/** What the restored server shows of Sở Y tế's report. */
async function reportAsShown(url: string, requestId: string) {
  const token = (
    await graphql<Json>(
      url,
      'mutation { login(email: "syte.nghean@demo.vn", password: "demo-2023") { token } }',
    )
  ).data!.login.token as string;
  const sheet = await graphql<Json>(url, SHEET, { requestId }, token);
  expect(sheet.errors).toBeUndefined();
  return JSON.stringify(sheet.data);
}

/** A server started on the restored database shows the report as the original did. */
async function expectRestoredToShow(env: Record<string, string>, requestId: string, shown: string) {
  const restored = await startServerProcess({ env });
  try {
    expect(await reportAsShown(restored.url, requestId)).toBe(shown);
  } finally {
    await restored.kill('SIGTERM');
  }
}

describe('backup and restore', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'tonghop-backup-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('PostgreSQL: pg_dump, pg_restore into a new database, nothing lost', async () => {
    const source = await freshPostgresUrl();
    const server = await startServerProcess({ env: { DATABASE_URL: source, SEED_DEMO: '1' } });
    const requestId = await fillReports(server.url);
    const shown = await reportAsShown(server.url, requestId);
    await server.kill('SIGTERM');

    const file = path.join(work, 'tonghop.dump');
    execFileSync(`${pgBin()}/pg_dump`, ['--format=custom', `--file=${file}`, source]);
    const target = await freshPostgresUrl();
    execFileSync(`${pgBin()}/pg_restore`, [
      '--no-owner',
      '--exit-on-error',
      `--dbname=${target}`,
      file,
    ]);

    const read = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await fingerprint(
          async (q) => (await client.query(q)).rows as Record<string, unknown>[],
        );
      } finally {
        await client.end();
      }
    };
    const before = await read(source);
    const after = await read(target);
    expect(after).toEqual(before);
    expect(before.SubmissionVersion!.rows).toBe(4 + sampleVersions);
    expect(totalRows(before)).toBeGreaterThan(1000);

    await expectRestoredToShow({ DATABASE_URL: target, SEED_DEMO: '0' }, requestId, shown);
    console.log(
      `backup PostgreSQL: ${totalRows(before)} rows in ${Object.keys(before).length} tables`,
    );
  }, 600_000);

  test('embedded database: the folder copied while the server is stopped, nothing lost', async () => {
    const dataDir = path.join(work, 'data');
    const server = await startServerProcess({ env: { DATA_DIR: dataDir } });
    const requestId = await fillReports(server.url);
    const shown = await reportAsShown(server.url, requestId);
    expect(await server.kill('SIGTERM')).toBe(0);

    const archive = path.join(work, 'tonghop-data.tar.gz');
    execFileSync('tar', ['-czf', archive, '-C', work, 'data']);
    const restoredDir = path.join(work, 'restored');
    execFileSync('mkdir', ['-p', restoredDir]);
    execFileSync('tar', ['-xzf', archive, '-C', restoredDir]);

    const read = async (dir: string) => {
      const db = await PGlite.create(dir);
      try {
        const q: Query = async (text) => (await db.query<Record<string, unknown>>(text)).rows;
        return await fingerprint(q);
      } finally {
        await db.close();
      }
    };
    const before = await read(dataDir);
    const after = await read(path.join(restoredDir, 'data'));
    expect(after).toEqual(before);
    expect(before.SubmissionVersion!.rows).toBe(4 + sampleVersions);

    await expectRestoredToShow({ DATA_DIR: path.join(restoredDir, 'data') }, requestId, shown);
    console.log(`backup PGlite: ${totalRows(before)} rows in ${Object.keys(before).length} tables`);
  }, 600_000);
});
