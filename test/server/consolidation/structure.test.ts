// The roll-up rule (server/consolidation/structure.ts) on a small province that went through the
// 2025 reorganisation: districts abolished, two communes merged into a new one, one commune split
// between two new ones, one absorbed into a neighbour that carried on, and a province merged into
// another. Then a table merged as reported and in today's structure: the agencies move, the
// totals do not.
import { mergeTable, type PlacedOrgCells } from '../../../server/consolidation/merge.ts';
import {
  compareInTodaysStructure,
  placeInTodaysStructure,
  placedName,
  todaysView,
  type StructureOrg,
  type TodaysStructure,
} from '../../../server/consolidation/structure.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const CLOSED = d('2025-06-30');
type Org = StructureOrg & { validFrom: Date | null };
const all = new Map<string, Org>();
function org(
  code: string,
  name: string,
  kind: string,
  level: Org['level'],
  parent: string | null,
  dates: { from?: string; to?: Date } = {},
): Org {
  const path = `${parent ? all.get(parent)!.path : '/'}${code}/`;
  const o: Org = {
    id: code,
    code,
    name,
    kind,
    level,
    path,
    validFrom: dates.from ? d(dates.from) : null,
    validTo: dates.to ?? null,
  };
  all.set(code, o);
  return o;
}
const PC = 'PEOPLES_COMMITTEE';
org('NA', 'UBND tỉnh Nghệ An', PC, 'PROVINCE', null);
org('NA.SYT', 'Sở Y tế', 'DEPARTMENT', 'PROVINCE', 'NA');
org('NA.STTTT', 'Sở Thông tin và Truyền thông', 'DEPARTMENT', 'PROVINCE', 'NA', {
  to: d('2025-02-28'),
});
org('NA.SKHCN', 'Sở Khoa học và Công nghệ', 'DEPARTMENT', 'PROVINCE', 'NA');
org('NA.VINH', 'UBND thành phố Vinh', PC, 'DISTRICT', 'NA', { to: CLOSED });
org('NA.VINH.A', 'UBND phường A', PC, 'COMMUNE', 'NA.VINH', { to: CLOSED });
org('NA.VINH.B', 'UBND phường B', PC, 'COMMUNE', 'NA.VINH', { to: CLOSED });
org('NA.VINH.S', 'UBND xã S', PC, 'COMMUNE', 'NA.VINH', { to: CLOSED });
org('NA.VINH.C', 'UBND xã C', PC, 'COMMUNE', 'NA.VINH', { to: CLOSED });
org('NA.VINH.D', 'UBND xã D', PC, 'COMMUNE', 'NA.VINH'); // absorbed C and carried on
org('NA.X', 'UBND phường X', PC, 'COMMUNE', 'NA', { from: '2025-07-01' });
org('NA.Y', 'UBND xã Y', PC, 'COMMUNE', 'NA', { from: '2025-07-01' });
org('NA.Z', 'UBND xã Z', PC, 'COMMUNE', 'NA', { from: '2025-07-01' });
org('BT', 'UBND tỉnh Bến Tre', PC, 'PROVINCE', null, { to: CLOSED });
org('BT.BD', 'UBND huyện Bình Đại', PC, 'DISTRICT', 'BT', { to: CLOSED });
org('BT.BD.BT', 'UBND xã Bình Thới', PC, 'COMMUNE', 'BT.BD', { to: CLOSED });
org('VL', 'UBND tỉnh Vĩnh Long', PC, 'PROVINCE', null, { from: '2025-07-01' });
org('VN.BTTTT', 'Bộ Thông tin và Truyền thông', 'MINISTRY', 'CENTRAL', null, {
  to: d('2025-02-28'),
});
const successions: Record<string, string[]> = {
  'NA.STTTT': ['NA.SKHCN'],
  'NA.VINH.A': ['NA.X'],
  'NA.VINH.B': ['NA.X'],
  'NA.VINH.S': ['NA.Y', 'NA.Z'],
  'NA.VINH.C': ['NA.VINH.D'],
  BT: ['VL'],
};
const structure: TodaysStructure<Org> = {
  today: d('2026-11-24'),
  byCode: (code) => all.get(code),
  successorsOf: (id) => (successions[id] ?? []).map((s) => all.get(s)!),
  root: all.get('NA')!,
};
const place = (code: string) => {
  const p = placeInTodaysStructure(all.get(code)!, structure);
  return { how: p.how, unit: p.unit.code, rollsInto: p.rollsInto.map((u) => u.code) };
};

describe('the roll-up rule', () => {
  test('a unit that still exists is itself, rolling into its province', () => {
    expect(place('NA.SYT')).toEqual({ how: 'SELF', unit: 'NA.SYT', rollsInto: ['NA'] });
    expect(place('NA')).toEqual({ how: 'SELF', unit: 'NA', rollsInto: [] });
  });
  test('two communes merged into one: each under the new commune, and into the province', () => {
    expect(place('NA.VINH.A')).toEqual({
      how: 'SUCCESSOR',
      unit: 'NA.X',
      rollsInto: ['NA.X', 'NA'],
    });
    expect(place('NA.VINH.B')).toEqual(place('NA.VINH.A'));
  });
  test('absorbed into a unit that carried on: under it; a department under the one that absorbed it', () => {
    expect(place('NA.VINH.C')).toMatchObject({ how: 'SUCCESSOR', unit: 'NA.VINH.D' });
    expect(place('NA.STTTT')).toEqual({
      how: 'SUCCESSOR',
      unit: 'NA.SKHCN',
      rollsInto: ['NA.SKHCN', 'NA'],
    });
  });
  test('a split commune has no single successor: once, under the province, never under each part', () => {
    expect(place('NA.VINH.S')).toEqual({ how: 'FORMER', unit: 'NA', rollsInto: ['NA'] });
  });
  test('an abolished district: under the province as an old unit', () => {
    expect(place('NA.VINH')).toEqual({ how: 'FORMER', unit: 'NA', rollsInto: ['NA'] });
  });
  test('a province merged into another: its old districts and communes under that province', () => {
    expect(place('BT.BD')).toEqual({ how: 'FORMER', unit: 'VL', rollsInto: ['VL'] });
    expect(place('BT.BD.BT')).toEqual({ how: 'FORMER', unit: 'VL', rollsInto: ['VL'] });
    expect(place('BT')).toEqual({ how: 'SUCCESSOR', unit: 'VL', rollsInto: ['VL'] });
  });
  test("an old unit with no province: under the request's consolidating root", () => {
    expect(place('VN.BTTTT')).toEqual({ how: 'FORMER', unit: 'NA', rollsInto: ['NA'] });
  });
  test('before the change, every unit is itself', () => {
    const then = { ...structure, today: d('2025-06-30') };
    const p = placeInTodaysStructure(all.get('NA.VINH.A')!, then);
    expect([p.how, p.unit.code, p.rollsInto.map((u) => u.code)]).toEqual([
      'SELF',
      'NA.VINH.A',
      ['NA.VINH', 'NA'],
    ]);
  });
  test('names keep the old name visible', () => {
    const name = (code: string) => placedName(placeInTodaysStructure(all.get(code)!, structure));
    expect(name('NA.SYT')).toBe('Sở Y tế');
    expect(name('NA.VINH.A')).toBe('UBND phường A (nay thuộc UBND phường X)');
    expect(name('NA.VINH')).toBe('UBND thành phố Vinh (đơn vị cũ)');
  });
  test("order of today's tree: a unit, its old units, the units below; old units last", () => {
    const codes = ['NA.VINH', 'NA.X', 'NA.VINH.B', 'NA.SYT', 'NA', 'NA.VINH.S', 'NA.VINH.A'];
    const sorted = codes
      .map((c) => placeInTodaysStructure(all.get(c)!, structure))
      .sort(compareInTodaysStructure)
      .map((p) => p.org.code);
    expect(sorted).toEqual([
      'NA',
      'NA.SYT',
      'NA.X',
      'NA.VINH.A',
      'NA.VINH.B',
      'NA.VINH',
      'NA.VINH.S',
    ]);
  });
});

describe("a table in today's structure", () => {
  const columns = [
    {
      key: 'so',
      label: 'Số',
      type: 'INTEGER',
      required: false,
      readOnly: false,
      options: [],
      aggregate: 'SUM',
    },
    {
      key: 'ty_le',
      label: 'Tỷ lệ',
      type: 'PERCENT',
      required: false,
      readOnly: false,
      options: [],
      aggregate: 'AVERAGE',
    },
  ] as const;
  // Quý II/2025: the old communes, the district, the commune that absorbed one, a department.
  const sent: Record<string, [string, string]> = {
    'NA.VINH': ['100', '50'],
    'NA.VINH.A': ['1', '10'],
    'NA.VINH.B': ['2', '20'],
    'NA.VINH.S': ['4', '40'],
    'NA.VINH.C': ['8', '80'],
    'NA.VINH.D': ['16', '60'],
    'NA.SYT': ['0.1', '30.3'],
  };
  const values = new Map([
    [
      'r',
      new Map(
        Object.entries(sent).map(([code, [so, tyLe]]) => [
          code,
          new Map([
            ['so', so],
            ['ty_le', tyLe],
          ]),
        ]),
      ),
    ],
  ]);
  const reporting = Object.keys(sent).map((c) => all.get(c)!);
  const table = {
    key: 't',
    title: 'Số liệu',
    description: null,
    columns: columns.map((c) => ({ ...c, options: [] })),
    rows: [
      {
        key: 'r',
        group: null,
        label: 'Chỉ số',
        isGroup: false,
        readOnly: false,
        open: false,
        cells: [],
      },
    ],
    openRows: [],
  };
  const parents = ['NA', 'NA.VINH'].map((c) => ({ org: all.get(c)! }));
  const reported = mergeTable(table, values, all, parents).rows[0]!;
  const current = mergeTable(table, values, all, todaysView(structure, reporting)).rows[0]!;
  const cellsOf = (o: { cells: { columnKey: string; value: string | null }[] }) =>
    o.cells.map((c) => c.value);

  test('totals are the same: every report counted once', () => {
    expect(current.totals).toEqual(reported.totals);
    expect(cellsOf({ cells: current.totals })).toEqual(['131.1', '41.4714285714']);
  });
  test('as reported: nothing moves; every agency is itself', () => {
    expect(reported.byOrg.map((o) => o.org.code)).toEqual([
      'NA.SYT',
      'NA.VINH',
      'NA.VINH.A',
      'NA.VINH.B',
      'NA.VINH.C',
      'NA.VINH.D',
      'NA.VINH.S',
    ]);
    expect(reported.rollup.map((o) => [o.org.code, cellsOf(o)])).toEqual([
      ['NA', ['131.1', '41.4714285714']],
      ['NA.VINH', ['31', '42']],
    ]);
  });
  test("in today's structure: each old unit under its successor with its old name, or once under the province", () => {
    expect(
      (current.byOrg as PlacedOrgCells[]).map((o) => [
        o.org.code,
        o.placement,
        o.unit?.code,
        o.displayName,
      ]),
    ).toEqual([
      ['NA.SYT', 'SELF', 'NA.SYT', 'Sở Y tế'],
      ['NA.VINH.D', 'SELF', 'NA.VINH.D', 'UBND xã D'],
      ['NA.VINH.C', 'SUCCESSOR', 'NA.VINH.D', 'UBND xã C (nay thuộc UBND xã D)'],
      ['NA.VINH.A', 'SUCCESSOR', 'NA.X', 'UBND phường A (nay thuộc UBND phường X)'],
      ['NA.VINH.B', 'SUCCESSOR', 'NA.X', 'UBND phường B (nay thuộc UBND phường X)'],
      ['NA.VINH', 'FORMER', 'NA', 'UBND thành phố Vinh (đơn vị cũ)'],
      ['NA.VINH.S', 'FORMER', 'NA', 'UBND xã S (đơn vị cũ)'],
    ]);
  });
  test("roll-ups into today's units: the merged commune, the one that absorbed another, the province", () => {
    expect(current.rollup.map((o) => [o.org.code, cellsOf(o)])).toEqual([
      ['NA', ['131.1', '41.4714285714']],
      // D's own report is its own line; its roll-up is what lies beneath it: C.
      ['NA.VINH.D', ['8', '80']],
      ['NA.X', ['3', '15']],
    ]);
    // The split commune counts in the province once, never in Y or Z.
    expect(current.rollup.map((o) => o.org.code)).not.toContain('NA.Y');
    expect(current.rollup.map((o) => o.org.code)).not.toContain('NA.Z');
  });
});
