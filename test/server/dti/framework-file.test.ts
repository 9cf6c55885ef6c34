// Framework files: the shipped decisions as their sources give them, and every figure checked
// against the others before anything is loaded.
import { parseFrameworkFile, FrameworkFileError } from '../../../server/dti/framework-file.ts';
import { shippedFrameworkText, withTestComponents } from '../../support/dti.ts';

const problemsOf = (text: string): string[] => {
  try {
    parseFrameworkFile(text);
  } catch (error) {
    if (error instanceof FrameworkFileError) return error.problems;
    throw error;
  }
  return [];
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON edited by each test
type Loose = Record<string, any>;
const edit = (text: string, change: (f: Loose) => void): string => {
  const file = JSON.parse(text) as Loose;
  change(file);
  return JSON.stringify(file);
};

describe('shipped frameworks', () => {
  test('922/2022 for provinces: 9 main indicators of 1,000 points, 98 components declared', () => {
    const f = parseFrameworkFile(shippedFrameworkText('dti-922-2022.json'));
    expect(f.framework.decisionNumber).toBe('922/QĐ-BTTTT');
    expect(f.mainIndicators).toHaveLength(9);
    expect(f.mainIndicators.reduce((n, m) => n + (m.maxPoints ?? 0), 0)).toBe(1000);
    expect(f.mainIndicators.reduce((n, m) => n + (m.componentCount ?? 0), 0)).toBe(98);
    const smart = f.mainIndicators.find((m) => m.name === 'Đô thị thông minh')!;
    expect(smart).toMatchObject({ scored: false, maxPoints: 0, componentCount: 3 });
    // Every figure has its source; the two worked out from others say how.
    expect(f.mainIndicators.every((m) => m.source.url.startsWith('http'))).toBe(true);
    expect(f.mainIndicators.find((m) => m.code === '9')!.source.derived).toMatch(
      /42 − 22 − 12 = 8/,
    );
  });

  test('405/2025 for provinces: 8 main indicators and 47 components, points not published', () => {
    const f = parseFrameworkFile(shippedFrameworkText('dti-405-2025.json'));
    expect(f.framework).toMatchObject({ decisionNumber: '405/QĐ-BKHCN', componentCount: 47 });
    expect(f.mainIndicators).toHaveLength(8);
    expect(f.mainIndicators.map((m) => m.name)).not.toContain('Đô thị thông minh');
    expect(f.framework.maxPoints).toBeNull();
    expect(f.mainIndicators.every((m) => m.maxPoints === null)).toBe(true);
  });
});

describe('a framework file is refused with every slip named', () => {
  const base = shippedFrameworkText('dti-922-2022.json');

  test('a complete list in the decision’s shape loads', () => {
    const f = parseFrameworkFile(withTestComponents(base));
    expect(f.components).toHaveLength(98);
  });

  test('one component missing from a main indicator', () => {
    const text = edit(withTestComponents(base), (f) => {
      f.components = f.components.filter((c: { code: string }) => c.code !== '3.7');
    });
    expect(problemsOf(text)).toEqual([
      'Quyết định có 98 chỉ số thành phần; tệp ghi 97.',
      'Chỉ số chính 3 (Hạ tầng số) có 7 chỉ số thành phần; tệp ghi 6.',
      'Chỉ số chính 3 (Hạ tầng số) tối đa 100 điểm; các chỉ số thành phần cộng lại 85,74.',
    ]);
  });

  test('points that do not add up, a duplicate code, an unknown main indicator', () => {
    const text = edit(withTestComponents(base), (f) => {
      f.components[0].maxPoints = 11;
      f.components[2].code = f.components[1].code;
      f.components[3].main = '10';
    });
    const problems = problemsOf(text);
    expect(problems).toContain('chỉ số thành phần 1.4: không có chỉ số chính "10".');
    expect(problems).toContain('Mã chỉ số thành phần "1.2" bị trùng.');
    expect(
      problems.some((p) => p.startsWith('Chỉ số chính 1 (Nhận thức số) tối đa 100 điểm')),
    ).toBe(true);
  });

  test('main indicators whose points do not make the total, an unscored one with points', () => {
    const text = edit(base, (f) => {
      f.mainIndicators[0].maxPoints = 90;
      f.mainIndicators[5].maxPoints = 10;
    });
    expect(problemsOf(text)).toEqual([
      'chỉ số chính thứ 6 (Đô thị thông minh) không tính điểm nhưng ghi điểm tối đa 10.',
    ]);
    const short = edit(base, (f) => {
      f.mainIndicators[0].maxPoints = 90;
    });
    expect(problemsOf(short)).toEqual([
      'Điểm tối đa các chỉ số chính cộng lại 990, khác tổng điểm 1.000.',
    ]);
  });

  test('not JSON, or without sources', () => {
    expect(problemsOf('{')[0]).toMatch(/^Không đọc được JSON/);
    const text = edit(base, (f) => {
      f.framework.sources = [];
      delete f.mainIndicators[1].source;
    });
    expect(problemsOf(text)).toEqual([
      'framework: cần ít nhất một nguồn (sources).',
      'chỉ số chính thứ 2: thiếu nguồn (source.url).',
    ]);
  });
});
