// A template's carry-forward and change-factor settings are checked when it is defined (the seed
// files: published templates never change afterwards), with a message that says what to write.
import { templateFactorProblem } from '../../prisma/seed/load.ts';
import type { SeedTemplate } from '../../prisma/seed/types.ts';

const template = (over: Partial<SeedTemplate> = {}, column: object = {}, row: object = {}) =>
  ({
    code: 'MAU',
    name: 'Mẫu thử',
    version: 1,
    status: 'PUBLISHED',
    changeFactor: 3,
    tables: [
      {
        key: 'so_lieu',
        title: 'Biểu 01',
        rowMode: 'FIXED',
        columns: [
          { key: 'chi_so', label: 'Chỉ số', type: 'TEXT', readOnly: true },
          { key: 'gia_tri', label: 'Giá trị', type: 'INTEGER', ...column },
        ],
        rows: [{ key: 'wifi', label: 'Điểm Wi-Fi', carryForward: true, ...row }],
      },
    ],
    ...over,
  }) as SeedTemplate;

const problem = (t: SeedTemplate) => {
  try {
    templateFactorProblem(t, 'mau.json');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

test('sensible settings pass: a factor above 1, a stock row, a column override', () => {
  expect(problem(template({}, { changeFactor: 1.5, carryForward: true }))).toBeNull();
  expect(problem(template({ changeFactor: undefined }))).toBeNull();
});

test('a factor of 1 or less, or not a number, is refused with what to write instead', () => {
  expect(problem(template({ changeFactor: 1 }))).toBe(
    'mau.json: mẫu MAU: Hệ số thay đổi phải lớn hơn 1 (đang là 1): 3 nghĩa là cảnh báo khi số liệu gấp hoặc giảm hơn 3 lần so với kỳ trước.',
  );
  expect(problem(template({}, { changeFactor: 0.8 }))).toMatch(
    /^mau\.json: mẫu MAU, bảng so_lieu, cột gia_tri: Hệ số thay đổi phải lớn hơn 1 \(đang là 0,8\)/,
  );
  expect(problem(template({ changeFactor: '3' as unknown as number }))).toMatch(
    /Hệ số thay đổi phải là một số/,
  );
});

test('a factor on a text column, or carrying a read-only column or a group row, is refused', () => {
  const t = template();
  t.tables![0]!.columns[0] = { key: 'chi_so', label: 'Chỉ số', type: 'TEXT', changeFactor: 2 };
  expect(problem(t)).toMatch(/cột chi_so: chỉ cột số .* mới có hệ số thay đổi/);
  const ro = template();
  ro.tables![0]!.columns[0]!.carryForward = true;
  expect(problem(ro)).toMatch(/cột chi_so: cột chỉ đọc hoặc lấy từ kế hoạch không mang/);
  expect(problem(template({}, {}, { isGroup: true }))).toMatch(
    /dòng wifi: dòng nhóm hoặc dòng chỉ đọc không mang số liệu kỳ trước sang được/,
  );
});
