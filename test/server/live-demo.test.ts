// The demo as `npm start` loads it into an empty database (startTestServer('pglite'): a copy of
// the demo made once per run the way server/app.ts makes it), live today: Nghệ An's 130 communes
// of 2025 and its 14 departments after Nghị quyết 07/NQ-HĐND; the current quarter's request of
// Sở Khoa học và Công nghệ due in the future (some reports sent, one returned, a draft) and the
// previous quarter's past its deadline with agencies late; every demo account in README signing
// in to real work, in GraphQL and in the task pane.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readSeedFiles } from '../../prisma/seed/load.ts';
import { liveKey, livePeriods, seedDemo, seedLive } from '../../prisma/seed/live.ts';
import { demoBaseInputs, demoBaseKey, ensureDemoBase } from '../../prisma/seed/base.ts';
import { openDatabase } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { SeedLiveRequest } from '../../prisma/seed/types.ts';
import { CATALOGUE_VERSIONS, readCatalogue } from '../../server/orgs/catalogue.ts';
import { formatVietnamTime, vietnamDay } from '../../shared/time/vietnam.ts';
import { contractOperation } from '../support/contract.ts';
import { openTaskpane, signIn, type TaskpaneSession } from '../support/browser.ts';
import { startServerProcess } from '../support/server-process.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { Json } from '../support/json.ts';

const TITLE = 'Báo cáo tiến độ chuyển đổi số';
/** The live request of the demo data, as the data file records it. */
const liveRequest = readSeedFiles()
  .flatMap((f) => f.data.live?.requests ?? [])
  .find((r) => r.key === 'NA-CDS-QUY') as SeedLiveRequest;
/** Nghệ An's commune-level units in the pinned catalogue's latest version. */
const ngheAnUnits = readCatalogue(CATALOGUE_VERSIONS[CATALOGUE_VERSIONS.length - 1]!).units.filter(
  (u) => u.province === '40',
);
/** The 14 agencies of the province after Nghị quyết 07/NQ-HĐND ngày 25/02/2025, as published. */
const DEPARTMENTS_2025 = [
  'Sở Nội vụ tỉnh Nghệ An',
  'Sở Tư pháp tỉnh Nghệ An',
  'Sở Tài chính tỉnh Nghệ An',
  'Sở Công Thương tỉnh Nghệ An',
  'Sở Nông nghiệp và Môi trường tỉnh Nghệ An',
  'Sở Xây dựng tỉnh Nghệ An',
  'Sở Khoa học và Công nghệ tỉnh Nghệ An',
  'Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An',
  'Sở Giáo dục và Đào tạo tỉnh Nghệ An',
  'Sở Y tế tỉnh Nghệ An',
  'Thanh tra tỉnh Nghệ An',
  'Văn phòng Ủy ban nhân dân tỉnh Nghệ An',
  'Sở Ngoại vụ tỉnh Nghệ An',
  'Sở Dân tộc và Tôn giáo tỉnh Nghệ An',
];

/** The demo accounts README lists, with their role. */
function readmeAccounts(): { email: string; role: string }[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Demo accounts'));
  const table = section.slice(0, section.indexOf('\n## ', 5));
  return [...table.matchAll(/^\| ([\w.]+@demo\.vn) \| (\w+) \|/gmu)].map((m) => ({
    email: m[1]!,
    role: m[2]!,
  }));
}

describe('the live demo, as npm start loads it', () => {
  let server: TestServer;
  let current: { id: string; key: string; deadline: Date };
  let previous: { id: string; key: string; deadline: Date };
  const prisma = () => server.app.db.prisma;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    const live = await prisma().reportRequest.findMany({
      where: { key: { startsWith: 'NA-CDS-QUY-' } },
      select: { id: true, key: true, deadline: true },
      orderBy: { deadline: 'desc' },
    });
    expect(live).toHaveLength(2);
    [current, previous] = live as [typeof current, typeof previous];
  }, 180_000);
  afterAll(() => server?.close());

  test('the current quarter is due after today, the previous one is past', () => {
    const now = Date.now();
    expect(current.deadline.getTime()).toBeGreaterThan(now);
    expect(previous.deadline.getTime()).toBeLessThan(now);
    expect(vietnamDay(current.deadline) >= vietnamDay(new Date(now))).toBe(true);
  });

  test('a commune and a department reporter see the quarter due in the future', async () => {
    for (const [email, status] of [
      ['ubnd.truongvinh@demo.vn', 'DRAFT'],
      ['syte.nghean@demo.vn', null],
      ['sogddt.nghean@demo.vn', 'RETURNED'],
    ] as const) {
      const token = await server.login(email);
      const res = await server.gql<Json>(contractOperation('MyReportRequests'), {}, token);
      expect(res.errors).toBeUndefined();
      const due = (res.data!.myReportRequests as Json[]).filter(
        (r) => r.title.startsWith(TITLE) && new Date(r.deadline).getTime() > Date.now(),
      );
      expect(due.map((r) => [r.id, r.mySubmission?.status ?? null])).toEqual([
        [current.id, status],
      ]);
      if (status === 'RETURNED') {
        expect(due[0]!.mySubmission.returnReason).toContain('1.380');
      }
    }
  });

  test('the consolidator, now at Sở KH&CN, sees sent, returned and late', async () => {
    const token = await server.login('stttt.nghean@demo.vn');
    const me = await server.gql<Json>('{ me { org { name } } }', {}, token);
    expect(me.data!.me.org.name).toBe('Sở Khoa học và Công nghệ tỉnh Nghệ An');

    const standing = async (id: string) => {
      const res = await server.gql<Json>(
        `query($id: ID!) { reportRequest(id: $id) {
           completeness { expected submitted onTime late missing returned accepted }
           overdueOrgs { name }
           consolidated { tables { key rows { key totals { columnKey value } } } }
         } }`,
        { id },
        token,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.reportRequest;
    };
    const count = (reports: SeedLiveRequest['reports']['current'], ...states: string[]) =>
      reports.filter((r) => states.includes(r.state)).length;
    const expected = 14 + ngheAnUnits.length;

    const now = await standing(current.id);
    const { current: cur, previous: prev } = liveRequest.reports;
    expect(now.completeness).toEqual({
      expected,
      submitted: count(cur, 'SUBMITTED', 'ACCEPTED'),
      onTime: count(cur, 'SUBMITTED', 'ACCEPTED'),
      late: 0,
      missing: expected - count(cur, 'SUBMITTED', 'ACCEPTED', 'RETURNED'),
      returned: 1,
      accepted: 0,
    });
    expect(now.completeness.submitted).toBeGreaterThan(0);
    expect(now.overdueOrgs).toEqual([]);
    // The values sent are the ones consolidated: the sum of the applications received.
    const received = now.consolidated.tables
      .find((t: Json) => t.key === 'so_lieu')
      .rows.find((r: Json) => r.key === 'ho_so_tiep_nhan')
      .totals.find((c: Json) => c.columnKey === 'gia_tri').value;
    const sent = cur.filter((r) => r.state === 'SUBMITTED');
    expect(Number(received)).toBe(
      sent.reduce((n, r) => n + Number(r.values.so_lieu!.ho_so_tiep_nhan!.gia_tri), 0),
    );

    const before = await standing(previous.id);
    expect(before.completeness).toMatchObject({
      expected,
      submitted: count(prev, 'SUBMITTED', 'ACCEPTED', 'LATE'),
      late: count(prev, 'LATE'),
      accepted: count(prev, 'ACCEPTED'),
    });
    expect(before.completeness.late).toBeGreaterThan(0);
    expect(before.overdueOrgs.length).toBe(expected - before.completeness.submitted);
    expect(before.overdueOrgs.map((o: Json) => o.name)).toContain('Ủy ban nhân dân xã Diễn Châu');
  });

  test("the quarter reaches exactly Nghệ An's current communes and departments, no closed unit", async () => {
    for (const request of [current, previous]) {
      const recipients = (
        await prisma().reportRecipient.findMany({
          where: { requestId: request.id },
          select: {
            org: {
              select: {
                name: true,
                kind: true,
                level: true,
                adminCode: true,
                validFrom: true,
                validTo: true,
              },
            },
          },
        })
      ).map((r) => r.org);
      const communes = recipients.filter((o) => o.level === 'COMMUNE');
      expect(communes.map((o) => o.adminCode).sort()).toEqual(
        ngheAnUnits.map((u) => u.code).sort(),
      );
      expect(communes).toHaveLength(130);
      const departments = recipients.filter((o) => o.kind === 'DEPARTMENT');
      expect(departments.map((o) => o.name).sort()).toEqual([...DEPARTMENTS_2025].sort());
      expect(recipients).toHaveLength(communes.length + departments.length);
      const due = vietnamDay(request.deadline);
      for (const o of recipients) {
        expect({ name: o.name, open: !o.validTo || o.validTo.toISOString() >= due }).toEqual({
          name: o.name,
          open: true,
        });
        expect(!o.validFrom || o.validFrom.toISOString().slice(0, 10) <= due).toBe(true);
      }
    }
  });

  test('the departments after 07/NQ-HĐND: merged on 01/03/2025, in today’s structure', async () => {
    const merged = await prisma().orgSuccession.findMany({
      where: { basis: { contains: '07/NQ-HĐND' }, kind: { in: ['MERGE', 'ABSORB'] } },
      select: {
        kind: true,
        effectiveOn: true,
        predecessor: { select: { code: true, validTo: true } },
        successor: { select: { code: true } },
      },
      orderBy: { predecessor: { code: 'asc' } },
    });
    expect(
      merged.map((s) => [
        s.predecessor.code,
        s.kind,
        s.successor.code,
        s.effectiveOn.toISOString().slice(0, 10),
        s.predecessor.validTo?.toISOString().slice(0, 10),
      ]),
    ).toEqual([
      ['NA.SDL', 'MERGE', 'NA.SVHTTDL', '2025-03-01', '2025-02-28'],
      ['NA.SGTVT', 'ABSORB', 'NA.SXD', '2025-03-01', '2025-02-28'],
      ['NA.SKHDT', 'ABSORB', 'NA.STC', '2025-03-01', '2025-02-28'],
      ['NA.SLDTBXH', 'ABSORB', 'NA.SNV', '2025-03-01', '2025-02-28'],
      ['NA.SNNPTNT', 'MERGE', 'NA.SNNMT', '2025-03-01', '2025-02-28'],
      ['NA.STNMT', 'MERGE', 'NA.SNNMT', '2025-03-01', '2025-02-28'],
      ['NA.STTTT', 'ABSORB', 'NA.SKHCN', '2025-03-01', '2025-02-28'],
      ['NA.SVHTT', 'MERGE', 'NA.SVHTTDL', '2025-03-01', '2025-02-28'],
    ]);
    const token = await server.login('quantri@demo.vn');
    const stnmt = await prisma().org.findUniqueOrThrow({ where: { code: 'NA.STNMT' } });
    const res = await server.gql<Json>(
      'query($id: ID!) { org(id: $id) { currentUnits { name } } }',
      { id: stnmt.id },
      token,
    );
    expect(res.data!.org.currentUnits).toEqual([
      { name: 'Sở Nông nghiệp và Môi trường tỉnh Nghệ An' },
    ]);
    // The 2023 review still went to the departments of 2023: history is as it was.
    const review = await prisma().reportRequest.findUniqueOrThrow({
      where: { key: 'NA-403-SOKET-SO-HUYEN' },
      select: { recipients: { select: { org: { select: { code: true } } } } },
    });
    const codes = review.recipients.map((r) => r.org.code);
    expect(codes).toEqual(expect.arrayContaining(['NA.STTTT', 'NA.STNMT', 'NA.VINH']));
    expect(codes).not.toContain('NA.SNNMT');
    expect(codes.some((c) => c.startsWith('DVHC.'))).toBe(false);
  });

  test('every demo account README lists signs in to real work', async () => {
    const accounts = readmeAccounts();
    expect(accounts.map((a) => a.email)).toEqual(
      expect.arrayContaining([
        'quantri@demo.vn',
        'stttt.nghean@demo.vn',
        'syte.nghean@demo.vn',
        'ubnd.truongvinh@demo.vn',
      ]),
    );
    for (const { email, role } of accounts) {
      const token = await server.login(email);
      const res = await server.gql<Json>(
        `{ myReportRequests { id deadline }
           reportRequests(first: 50) { edges { node { id deadline } } } }`,
        {},
        token,
      );
      expect(res.errors).toBeUndefined();
      const owed = res.data!.myReportRequests as Json[];
      const seen = (res.data!.reportRequests.edges as Json[]).map((e) => e.node);
      const work = role === 'REPORTER' ? owed : seen;
      expect({ email, some: work.length > 0 }).toEqual({ email, some: true });
      if (email.endsWith('.nghean@demo.vn') || email.startsWith('ubnd.truongvinh')) {
        // Nghệ An's accounts have something due ahead of them.
        expect({ email, due: work.some((r) => r.id === current.id) }).toEqual({ email, due: true });
      }
      if (role === 'ADMIN' || role === 'ANALYST') {
        expect(seen.map((r) => r.id)).toEqual(expect.arrayContaining([current.id, previous.id]));
      }
    }
  });

  describe('in the task pane', () => {
    let session: TaskpaneSession;
    let page: Page;
    beforeAll(async () => {
      session = await openTaskpane({
        server,
        viewport: { width: 380, height: 1000 },
        excel: { api: '1.18', locale: 'vi-VN' },
      });
      page = session.page;
    }, 180_000);
    afterAll(() => session?.close());

    test('the commune reporter sees the quarter due, dated dd/mm/yyyy', async () => {
      await signIn(page, 'ubnd.truongvinh@demo.vn');
      const card = page.locator(`[data-request="${current.id}"]`);
      await card.waitFor();
      const text = await card.textContent();
      expect(text).toContain(TITLE);
      expect(text).toContain(`Hạn gửi: ${formatVietnamTime(current.deadline)} (còn `);
      expect(await card.locator('[data-status]').getAttribute('data-status')).toBe('DRAFT');
      await page.getByText('Đăng xuất').click();
    });

    test('the consolidator sees the quarter coming in, and the previous one late', async () => {
      await signIn(page, 'stttt.nghean@demo.vn');
      await page.getByRole('tab', { name: 'Tổng hợp' }).waitFor();
      await page.locator(`[data-request="${current.id}"]`).click();
      const completeness = page.locator('[data-completeness]');
      await completeness.waitFor();
      expect(await completeness.textContent()).toMatch(
        /^Đã gửi [1-9]\d*\/144 \(trễ hạn 0\) · chưa gửi \d+ · bị trả lại 1 · /u,
      );
      await page.locator(`[data-request="${previous.id}"]`).click();
      await page.getByText(/^Đã gửi \d+\/144 \(trễ hạn [1-9]/u).waitFor();
    });
  });
});

test('npm start on a folder holding the demo of an earlier quarter adds this quarter', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tonghop-live-demo-'));
  try {
    // The demo as loaded half a year ago, then left: as a first start makes it, from the base
    // the install made (demo-base.test.ts: the same demo as seeding it whole), with that day's
    // requests; the whole seed when the base is being made by another process right now.
    const then = new Date(Date.now() - 182 * 86_400_000);
    const base = await ensureDemoBase(demoBaseKey(demoBaseInputs()));
    const db = await openDatabase({ dataDir: dir, startFrom: base?.folder });
    await migrate(db.sql);
    if (base) {
      await seedLive(db, readSeedFiles(), { demoUsers: true, baseLoaded: true, now: then });
    } else {
      await seedDemo(db, readSeedFiles(), { demoUsers: true, now: then });
    }
    const keysThen = (
      await db.prisma.reportRequest.findMany({
        where: { key: { startsWith: 'NA-CDS-QUY-' } },
        select: { key: true, _count: { select: { submissions: true } } },
        orderBy: { key: 'asc' },
      })
    ).map((r) => [r.key, r._count.submissions]);
    await db.close();

    const server = await startServerProcess({ env: { DATA_DIR: dir } });
    await server.stop();
    expect(server.output()).toContain('Đã thêm yêu cầu báo cáo demo của kỳ mới');

    const after = await openDatabase({ dataDir: dir });
    try {
      const { current } = livePeriods('QUARTER', 5, new Date());
      const now = await after.prisma.reportRequest.findMany({
        where: { key: { startsWith: 'NA-CDS-QUY-' } },
        select: { key: true, deadline: true, _count: { select: { submissions: true } } },
        orderBy: { key: 'asc' },
      });
      const key = liveKey('NA-CDS-QUY', current.period);
      expect(now.map((r) => r.key)).toContain(key);
      expect(now.find((r) => r.key === key)!.deadline.getTime()).toBeGreaterThan(Date.now());
      // The requests of half a year ago are as they were.
      const earlier = now.filter((r) => keysThen.some(([k]) => k === r.key));
      expect(earlier.map((r) => [r.key, r._count.submissions])).toEqual(keysThen);
    } finally {
      await after.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
