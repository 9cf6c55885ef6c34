// Agency names as plans write them, matched to the org tree.
import { matchOrgName, orgGroupOf, orgIndex, orgNameKey } from '../../../server/orgs/match.ts';

const orgs = [
  {
    id: 'tt',
    name: 'Sở Thông tin và Truyền thông tỉnh Nghệ An',
    shortName: 'Sở TT&TT',
    aliases: [],
  },
  { id: 'yt', name: 'Sở Y tế tỉnh Nghệ An', shortName: null, aliases: ['Sở Y tế'] },
  {
    id: 'vp',
    name: 'Văn phòng Ủy ban nhân dân tỉnh Nghệ An',
    shortName: 'Văn phòng UBND tỉnh',
    aliases: [],
  },
  {
    id: 'cong',
    name: 'Cổng thông tin điện tử tỉnh Nghệ An',
    shortName: 'Cổng TTĐT tỉnh',
    aliases: [],
  },
  {
    id: 'ld',
    name: 'Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An',
    shortName: null,
    aliases: [],
  },
  { id: 'csdl', name: 'Trung tâm Cơ sở dữ liệu tỉnh Nghệ An', shortName: null, aliases: [] },
  { id: 'ubnd', name: 'Ủy ban nhân dân tỉnh Nghệ An', shortName: 'UBND tỉnh Nghệ An', aliases: [] },
];
const index = orgIndex(orgs);
const match = (name: string) => matchOrgName(name, index)?.id ?? null;

test('abbreviations, case, diacritics, Unicode form and the province name do not matter', () => {
  expect(orgNameKey('Sở TT&TT')).toBe(orgNameKey('Sở Thông tin và Truyền thông'));
  expect(match('Sở TT&TT')).toBe('tt');
  expect(match('SỞ THÔNG TIN VÀ TRUYỀN THÔNG')).toBe('tt');
  expect(match('Sở Thông tin và Truyền thông'.normalize('NFD'))).toBe('tt');
  expect(match('so thong tin va truyen thong tinh Nghe An')).toBe('tt');
  expect(match('Sở Y tế')).toBe('yt');
  expect(match('Văn phòng UBND tỉnh')).toBe('vp');
  expect(match('VP UBND tỉnh')).toBe('vp');
  expect(match('Sở LĐ-TB&XH')).toBe('ld');
  expect(match('UBND tỉnh Nghệ An')).toBe('ubnd');
  expect(match('Trung tâm CSDL tỉnh')).toBe('csdl');
});

test('a unit named in brackets after its parent is the unit', () => {
  expect(match('Văn phòng UBND tỉnh (Cổng TTĐT tỉnh)')).toBe('cong');
});

test('names of no agency, or of a group, match none', () => {
  expect(match('Sở Xây dựng')).toBeNull();
  expect(match('Sở')).toBeNull();
  expect(match('UBND các huyện, thành phố, thị xã')).toBeNull();
  expect(orgGroupOf('UBND các huyện, thành phố, thị xã')).toEqual({
    kind: 'PEOPLES_COMMITTEE',
    level: 'DISTRICT',
  });
  expect(orgGroupOf('Ủy ban nhân dân cấp xã')).toEqual({
    kind: 'PEOPLES_COMMITTEE',
    level: 'COMMUNE',
  });
  expect(orgGroupOf('Các sở, ban, ngành')).toEqual({ kind: 'DEPARTMENT', level: 'PROVINCE' });
  expect(orgGroupOf('UBND huyện Anh Sơn')).toBeNull();
  expect(orgGroupOf('Sở Y tế')).toBeNull();
});

test('a name two agencies share matches neither', () => {
  const twice = orgIndex([
    { id: 'a', name: 'Sở Y tế tỉnh A', shortName: 'Sở Y tế', aliases: [] },
    { id: 'b', name: 'Sở Y tế tỉnh B', shortName: 'Sở Y tế', aliases: [] },
  ]);
  expect(matchOrgName('Sở Y tế', twice)).toBeNull();
  expect(matchOrgName('Sở Y tế tỉnh B', twice)?.id).toBe('b');
});
