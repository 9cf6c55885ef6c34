import {
  currentUnits,
  existsToday,
  singleSuccessor,
  type LineageOrg,
} from '../../../server/orgs/lineage.ts';

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

describe('singleSuccessor (the one unit carrying on an ended one today)', () => {
  const more: Record<string, LineageOrg> = {
    ...orgs,
    split: { id: 'split', validTo: d('2025-06-30') },
    y: { id: 'y', validTo: null },
    z: { id: 'z', validTo: null },
    rejoined: { id: 'rejoined', validTo: d('2025-06-30') },
    y2: { id: 'y2', validTo: d('2025-12-31') },
    z2: { id: 'z2', validTo: d('2025-12-31') },
    w: { id: 'w', validTo: null },
    deadEnd: { id: 'deadEnd', validTo: d('2025-06-30') },
    gone: { id: 'gone', validTo: d('2025-12-31') },
  };
  const links: Record<string, string[]> = {
    ...edges,
    split: ['y', 'z'],
    rejoined: ['y2', 'z2'],
    y2: ['w'],
    z2: ['w'],
    deadEnd: ['gone'],
  };
  const next = (id: string) => (links[id] ?? []).map((s) => more[s]!);
  const one = (id: string) => singleSuccessor(more[id]!, next, today)?.id ?? null;

  it('follows a chain of absorptions and mergers to one unit', () => {
    expect(one('stttt')).toBe('skhcn');
    expect(one('bt')).toBe('vl');
  });
  it('none for a unit that still exists, or one abolished with no successor', () => {
    expect(one('skhcn')).toBeNull();
    expect(one('binhdai')).toBeNull();
  });
  it('none for a unit split between two units that exist today', () => {
    expect(one('split')).toBeNull();
  });
  it('one when the parts of a split were merged again into one unit', () => {
    expect(one('rejoined')).toBe('w');
  });
  it('none when the chain ends in a unit that itself ended with no successor', () => {
    expect(one('deadEnd')).toBeNull();
  });
  it('a unit closed on 30/6/2025 still exists all that day, Vietnam time', () => {
    // 23:30 on 30/6 in Vietnam is 16:30 UTC; 00:30 on 1/7 is still 30/6 in UTC.
    expect(existsToday(more.bt!, new Date('2025-06-30T16:30:00Z'))).toBe(true);
    expect(existsToday(more.bt!, new Date('2025-06-30T17:30:00Z'))).toBe(false);
    expect(singleSuccessor(more.bt!, next, new Date('2025-06-30T16:30:00Z'))).toBeNull();
    expect(singleSuccessor(more.bt!, next, new Date('2025-06-30T17:30:00Z'))?.id).toBe('vl');
  });
});
