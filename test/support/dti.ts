// DTI components for tests. The shipped frameworks carry no component list (the appendices could
// not be read: prisma/catalogue/dti/README.md), so tests complete a framework with a made-up list
// that has the decision's own shape — as many components per main indicator as it declares, their
// points adding up to the main indicator's — through the same loader a real appendix would go
// through. Every name says it is test data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_DIR } from '../../server/dti/load.ts';
import type { FrameworkFile } from '../../server/dti/framework-file.ts';

export const shippedFrameworkText = (file: string): string =>
  readFileSync(join(SHIPPED_DIR, file), 'utf8');

const SCORINGS = ['PROPORTIONAL', 'YES_NO', 'CLAIMED'] as const;
const VALUE_KIND = { PROPORTIONAL: 'RATIO', YES_NO: 'YES_NO', CLAIMED: 'LEVEL' } as const;
/** Whom component i of each main indicator is usually answered by (null: nobody named). */
export const TEST_OWNERS = ['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Nội vụ', null] as const;

/**
 * Components 1.1, 1.2, … per main indicator: component i (from 0) is scored
 * PROPORTIONAL / YES_NO / CLAIMED as i % 3, answered by TEST_OWNERS[i % 4], and worth an equal
 * share of the main indicator's points (the last one takes what rounding leaves). The last
 * component of `ministryMain` is measured by the Ministry.
 */
export function withTestComponents(
  text: string,
  options: { code?: string; ministryMain?: string } = {},
): string {
  const file = JSON.parse(text) as FrameworkFile;
  if (options.code) file.framework.code = options.code;
  file.components = file.mainIndicators.flatMap((m) => {
    const n = m.componentCount ?? 3;
    const share = m.scored && m.maxPoints ? Math.round((m.maxPoints / n) * 100) / 100 : 0;
    return Array.from({ length: n }, (_, i) => {
      const scoring = m.scored ? SCORINGS[i % 3]! : 'NOT_SCORED';
      const last = i === n - 1;
      return {
        code: `${m.code}.${i + 1}`,
        main: m.code,
        name: `Chỉ số thử ${m.code}.${i + 1} (dữ liệu thử, không phải phụ lục của quyết định)`,
        maxPoints:
          m.scored && m.maxPoints
            ? last
              ? Math.round((m.maxPoints - share * (n - 1)) * 100) / 100
              : share
            : 0,
        measure: null,
        valueKind: scoring === 'NOT_SCORED' ? 'OTHER' : VALUE_KIND[scoring],
        scoring,
        evidence: 'Văn bản, đường dẫn kiểm chứng (dữ liệu thử)',
        answeredBy: last && m.code === options.ministryMain ? 'MINISTRY' : 'PROVINCE',
        usualOwner: TEST_OWNERS[i % 4] ?? null,
        source: { url: 'test://dti-components', quote: 'dữ liệu thử' },
      };
    });
  });
  return JSON.stringify(file);
}
