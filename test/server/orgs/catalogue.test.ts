// The national catalogue of administrative units (server/orgs/catalogue.ts) loaded into the demo's
// org tree on the embedded database: every current province and commune-level unit with its
// official code, in the numbers the pinned data gives by kind; the later version as changes with
// history; the demo's old communes succeeding to the new ones; loading twice changes nothing; and
// `orgs(search:)` finding a new unit typed without diacritics.
import {
  catalogueChanges,
  committeeName,
  loadCatalogue,
  predecessorNames,
  readCatalogue,
  sameName,
} from '../../../server/orgs/catalogue.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

let server: TestServer;
const prisma = () => server.app.db.prisma;

beforeAll(async () => {
  server = await startTestServer('pglite');
  await loadCatalogue(prisma());
}, 240_000);

afterAll(() => server?.close());

test('unit names and changes, as plain rules', () => {
  expect(committeeName('Xã Nghi Lộc')).toBe('Ủy ban nhân dân xã Nghi Lộc');
  expect(committeeName('Thành phố Hà Nội')).toBe('Ủy ban nhân dân thành phố Hà Nội');
  expect(committeeName('Đặc khu Phú Quốc')).toBe('Ủy ban nhân dân đặc khu Phú Quốc');
  // Where the tone mark sits is spelling; which tone it is, is the name.
  expect(sameName('Tỉnh Thanh Hóa', 'Tỉnh Thanh Hoá')).toBe(true);
  expect(sameName('Xã Hòa Bình', 'Xã Hóa Bình')).toBe(false);
  expect(
    predecessorNames('Phường Hưng Bình, Phường Lê Lợi và một phần diện tích của xã Nghi Phú'),
  ).toEqual([
    { name: 'phường Hưng Bình', whole: true },
    { name: 'phường Lê Lợi', whole: true },
    { name: 'xã Nghi Phú', whole: false },
  ]);
  const changes = catalogueChanges(readCatalogue('v3.0.2'), readCatalogue('v4.2.0'));
  expect(changes.added).toEqual([]);
  expect(changes.removed).toEqual([]);
  // Đồng Nai became a city and ten of its xã became phường; spelling patches are no change.
  expect(changes.changed.filter((c) => c.after.type !== c.before.type)).toHaveLength(11);
  expect(changes.changed).toContainEqual(
    expect.objectContaining({
      code: '75',
      before: { fullName: 'Tỉnh Đồng Nai', type: 'TINH' },
      after: { fullName: 'Thành phố Đồng Nai', type: 'THANH_PHO' },
    }),
  );
});

test('every current province and commune-level unit, with its code, in the pinned numbers', async () => {
  const latest = readCatalogue('v4.2.0');
  const expected = new Map<string, number>();
  for (const u of [...latest.provinces, ...latest.units]) {
    expected.set(u.type, (expected.get(u.type) ?? 0) + 1);
  }
  const counted = await prisma().org.groupBy({
    by: ['unitType'],
    where: { adminCode: { not: null }, validTo: null },
    _count: true,
  });
  expect(new Map(counted.map((c) => [c.unitType, c._count]))).toEqual(expected);
  expect(latest.provinces).toHaveLength(34);
  expect(latest.units).toHaveLength(3321);
  // Every unit of the data is there once, under its province's committee.
  const units = await prisma().org.findMany({
    where: { level: 'COMMUNE', adminCode: { not: null } },
    select: { adminCode: true, depth: true, parent: { select: { adminCode: true, depth: true } } },
  });
  expect(units).toHaveLength(3321);
  const province = new Map(latest.units.map((u) => [u.code, u.province]));
  expect(units.every((u) => u.parent?.adminCode === province.get(u.adminCode!))).toBe(true);
  // One level below its province, as every org's depth counts.
  expect(units.every((u) => u.depth === u.parent!.depth + 1)).toBe(true);
});

test('the demo province is the same committee, its old communes succeed to the new ones', async () => {
  const ngheAn = await prisma().org.findUniqueOrThrow({ where: { code: 'NA' } });
  expect(ngheAn).toMatchObject({ adminCode: '40', unitType: 'TINH' });
  expect(
    await prisma().org.count({
      where: { parentId: ngheAn.id, level: 'COMMUNE', validTo: null, adminCode: { not: null } },
    }),
  ).toBe(readCatalogue('v3.0.2').units.filter((u) => u.province === '40').length);
  // The demo's old communes of Nghệ An, closed on 30/6/2025, each lead to a 2025 unit.
  const old = await prisma().org.findMany({
    where: { path: { startsWith: ngheAn.path }, level: 'COMMUNE', adminCode: null },
    select: { name: true, successors: { select: { successor: { select: { name: true } } } } },
  });
  expect(old.length).toBeGreaterThan(0);
  for (const o of old) expect(o.successors.length).toBeGreaterThan(0);
});

test('the later version: changed in place, with the history and the old name kept', async () => {
  const dongNai = await prisma().org.findFirstOrThrow({
    where: { adminCode: '75' },
    include: { changes: { orderBy: { field: 'asc' } } },
  });
  expect(dongNai).toMatchObject({
    name: 'Ủy ban nhân dân thành phố Đồng Nai',
    unitType: 'THANH_PHO',
  });
  expect(dongNai.aliases).toContain('Ủy ban nhân dân tỉnh Đồng Nai');
  expect(
    dongNai.changes.map((c) => [c.field, c.before, c.after, c.effectiveOn.toISOString()]),
  ).toEqual([
    [
      'name',
      'Ủy ban nhân dân tỉnh Đồng Nai',
      'Ủy ban nhân dân thành phố Đồng Nai',
      '2026-04-30T00:00:00.000Z',
    ],
    ['unitType', 'TINH', 'THANH_PHO', '2026-04-30T00:00:00.000Z'],
  ]);
  expect(await prisma().orgChange.count({ where: { field: 'unitType' } })).toBe(11);
});

test('loading again changes nothing', async () => {
  const counts = async () => [
    await prisma().org.count(),
    await prisma().orgChange.count(),
    await prisma().orgSuccession.count(),
    await prisma().catalogueVersion.count(),
  ];
  const before = await counts();
  const again = await loadCatalogue(prisma());
  expect(again.every((r) => r.skipped)).toBe(true);
  // A partial load of a province already there adds nothing either.
  const partial = await loadCatalogue(prisma(), { provinces: ['40'] });
  expect(partial.reduce((n, r) => n + r.created + r.changed + r.successions, 0)).toBe(0);
  expect(await counts()).toEqual(before);
});

test('orgs(search:) finds a new unit typed without diacritics, over the whole catalogue', async () => {
  const token = await server.login('stttt.nghean@demo.vn');
  const res = await server.gql<{
    orgs: { edges: { node: { name: string; adminCode: string } }[] };
  }>(
    'query($q: String!) { orgs(search: $q, first: 10) { edges { node { name adminCode } } } }',
    { q: 'xa nghi loc' },
    token,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data!.orgs.edges.map((e) => e.node.name)).toContain('Ủy ban nhân dân xã Nghi Lộc');
  // And by its official code.
  const byCode = await server.gql<{ orgs: { edges: { node: { name: string } }[] } }>(
    'query($q: String!) { orgs(search: $q, first: 10) { edges { node { name } } } }',
    { q: '16681' },
    token,
  );
  expect(byCode.data!.orgs.edges.map((e) => e.node.name)).toEqual([
    'Ủy ban nhân dân phường Thành Vinh',
  ]);
});
