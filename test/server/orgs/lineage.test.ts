import { currentUnits, type LineageOrg } from '../../../server/orgs/lineage.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const orgs: Record<string, LineageOrg & { name: string }> = {
  stttt: { id: 'stttt', name: 'Sở TT&TT Bến Tre', validTo: d('2025-02-28') },
  skhcn: { id: 'skhcn', name: 'Sở KH&CN Bến Tre', validTo: null },
  bt: { id: 'bt', name: 'UBND tỉnh Bến Tre', validTo: d('2025-06-30') },
  vl: { id: 'vl', name: 'UBND tỉnh Vĩnh Long', validTo: null },
  binhdai: { id: 'binhdai', name: 'UBND huyện Bình Đại', validTo: d('2025-06-30') },
  a: { id: 'a', name: 'A', validTo: d('2020-01-01') },
  b: { id: 'b', name: 'B', validTo: d('2020-01-01') },
};
const edges: Record<string, string[]> = { stttt: ['skhcn'], bt: ['vl'], a: ['b'], b: ['a'] };
const successorsOf = (id: string) => (edges[id] ?? []).map((s) => orgs[s]!);
const today = d('2026-11-24');
const names = (id: string) => currentUnits(orgs[id]!, successorsOf, today).map((o) => o.id);

describe("currentUnits (old units in today's structure)", () => {
  it('follows a merger to the unit that exists today', () => {
    expect(names('stttt')).toEqual(['skhcn']);
    expect(names('bt')).toEqual(['vl']);
  });
  it('keeps a unit that still exists', () => {
    expect(names('skhcn')).toEqual(['skhcn']);
  });
  it('keeps an ended unit with no recorded successor (districts abolished in 2025)', () => {
    expect(names('binhdai')).toEqual(['binhdai']);
  });
  it('does not loop on a cycle in bad data', () => {
    expect(names('a')).toEqual([]);
  });
  it('answers as of a given day: before the merger, the unit itself', () => {
    expect(currentUnits(orgs.stttt!, successorsOf, d('2024-01-01')).map((o) => o.id)).toEqual([
      'stttt',
    ]);
  });
});
