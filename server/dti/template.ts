// The self-assessment template a framework generates: one table, a group row per main indicator
// and a row per component, with the value, the points claimed, the evidence and a note to fill,
// and the maximum and the way points are computed shown beside them. One published template per
// framework (templates are immutable once published; a framework is too), shared by every
// province and year that assesses itself on it.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { DtiScoring, DtiSource } from './framework-file.ts';
import { measuredByMinistry, type ScoredFramework } from './score.ts';
import { formatDecimal } from '../../shared/format/vietnamese-number.ts';

type Tx = Prisma.TransactionClient;

export const DTI_TABLE = 'chi_so_dti';

/**
 * The cells a component row has, by column key. A percentage, a yes/no and any other value each
 * have a column of their own type, so Excel's 80% arrives as 80 and Có as Có (shared/cells).
 */
export const DTI_COLUMN = {
  maxPoints: 'diem_toi_da',
  rule: 'cach_tinh',
  ratio: 'ty_le',
  yesNo: 'co_khong',
  value: 'gia_tri',
  claimed: 'diem_tu_cham',
  evidence: 'minh_chung',
  note: 'ghi_chu',
} as const;

/** The column a component's answer goes in, by how it is scored. */
export function answerColumn(scoring: DtiScoring): { key: string; label: string } {
  switch (scoring) {
    case 'PROPORTIONAL':
      return { key: DTI_COLUMN.ratio, label: 'Tỷ lệ (%)' };
    case 'YES_NO':
      return { key: DTI_COLUMN.yesNo, label: 'Có/Không' };
    case 'CLAIMED':
      return { key: DTI_COLUMN.claimed, label: 'Điểm tự chấm' };
    case 'NOT_SCORED':
      return { key: DTI_COLUMN.value, label: 'Giá trị' };
  }
}

export const componentRowKey = (code: string): string =>
  `dti_${code.replace(/[^A-Za-z0-9]+/g, '_')}`;
export const mainRowKey = (code: string): string => `main_${code.replace(/[^A-Za-z0-9]+/g, '_')}`;

export const dtiTemplateCode = (frameworkCode: string): string => `TU-DANH-GIA-${frameworkCode}`;

/** How a component's points are computed, as the person filling it reads it. */
export function ruleText(scoring: DtiScoring, answeredBy: DtiSource): string {
  if (measuredByMinistry(answeredBy)) return 'Bộ đo hoặc khảo sát; tỉnh không tự đánh giá';
  switch (scoring) {
    case 'PROPORTIONAL':
      return 'Ghi cột Tỷ lệ (%), 0–100%; điểm = tỷ lệ × điểm tối đa';
    case 'YES_NO':
      return 'Ghi cột Có/Không; Có: đủ điểm, Không: 0 điểm';
    case 'CLAIMED':
      return 'Ghi cột Điểm tự chấm theo hướng dẫn, kèm tài liệu kiểm chứng';
    case 'NOT_SCORED':
      return 'Không tính điểm; ghi cột Giá trị để theo dõi';
  }
}

export interface TemplateFramework {
  code: string;
  decisionNumber: string;
  mainIndicators: { code: string; name: string; maxPoints: number | null; scored: boolean }[];
  components: (ScoredFramework['components'][number] & { measure: string | null })[];
}

/** Rows of the template: a heading per main indicator, then its components. */
export function dtiTemplateRows(framework: TemplateFramework) {
  return framework.mainIndicators.flatMap((m) => {
    const heading = {
      key: mainRowKey(m.code),
      groupKey: null,
      label: `${m.code}. ${m.name} (${
        m.scored
          ? m.maxPoints === null
            ? 'chưa công bố điểm'
            : `${formatDecimal(m.maxPoints)} điểm`
          : 'không tính điểm'
      })`,
      isGroup: true,
      readOnly: true,
      values: {},
    };
    const rows = framework.components
      .filter((c) => c.mainCode === m.code)
      .map((c) => ({
        key: componentRowKey(c.code),
        groupKey: heading.key,
        label: `${c.code}. ${c.name}`,
        isGroup: false,
        // Measured by the Ministry: shown to the consolidating department, not asked.
        readOnly: measuredByMinistry(c.answeredBy),
        values: {
          [DTI_COLUMN.maxPoints]:
            c.scoring === 'NOT_SCORED' ? '0' : c.maxPoints === null ? '' : String(c.maxPoints),
          [DTI_COLUMN.rule]: ruleText(c.scoring, c.answeredBy),
        },
      }));
    return [heading, ...rows];
  });
}

const COLUMNS = [
  {
    key: DTI_COLUMN.maxPoints,
    label: 'Điểm tối đa',
    type: 'DECIMAL',
    readOnly: true,
    aggregate: 'NONE',
    width: 10,
  },
  {
    key: DTI_COLUMN.rule,
    label: 'Cách ghi và tính điểm',
    type: 'TEXT',
    readOnly: true,
    aggregate: 'NONE',
    width: 36,
  },
  {
    key: DTI_COLUMN.ratio,
    label: 'Tỷ lệ (%)',
    type: 'PERCENT',
    readOnly: false,
    aggregate: 'SUM',
    width: 10,
  },
  {
    key: DTI_COLUMN.yesNo,
    label: 'Có/Không',
    type: 'BOOLEAN',
    readOnly: false,
    aggregate: 'COUNT',
    width: 10,
  },
  {
    key: DTI_COLUMN.value,
    label: 'Giá trị',
    type: 'DECIMAL',
    readOnly: false,
    aggregate: 'SUM',
    width: 12,
  },
  {
    key: DTI_COLUMN.claimed,
    label: 'Điểm tự chấm',
    type: 'DECIMAL',
    readOnly: false,
    aggregate: 'SUM',
    width: 12,
  },
  {
    key: DTI_COLUMN.evidence,
    label: 'Tài liệu kiểm chứng (đường dẫn, số hiệu văn bản)',
    type: 'TEXT',
    readOnly: false,
    aggregate: 'LIST',
    width: 40,
  },
  {
    key: DTI_COLUMN.note,
    label: 'Ghi chú',
    type: 'LONG_TEXT',
    readOnly: false,
    aggregate: 'LIST',
    width: 30,
  },
] as const;

/** The framework's published self-assessment template, created the first time it is needed. */
export async function ensureDtiTemplate(tx: Tx, framework: TemplateFramework): Promise<string> {
  const code = dtiTemplateCode(framework.code);
  const existing = await tx.reportTemplate.findUnique({
    where: { code_version: { code, version: 1 } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const template = await tx.reportTemplate.create({
    data: {
      code,
      name: `Tự đánh giá Chỉ số chuyển đổi số cấp tỉnh (DTI) theo Quyết định ${framework.decisionNumber}`,
      version: 1,
      status: 'PUBLISHED',
      publishedAt: new Date(),
      description:
        'Mỗi đơn vị điền các chỉ số thành phần được giao: giá trị, điểm tự chấm (với chỉ số tự chấm) và tài liệu kiểm chứng.',
      note: 'Mỗi chỉ số ghi vào một cột theo cách tính điểm: Tỷ lệ (%), Có/Không, Điểm tự chấm hoặc Giá trị.',
      audiences: { create: [{ kind: 'DEPARTMENT', level: 'PROVINCE' }] },
      tables: {
        create: [
          {
            key: DTI_TABLE,
            title: `Chỉ số chuyển đổi số cấp tỉnh (${framework.decisionNumber})`,
            rowMode: 'FIXED',
            sortOrder: 0,
            columns: {
              create: COLUMNS.map((c, i) => ({ ...c, required: false, sortOrder: i })),
            },
            rows: {
              create: dtiTemplateRows(framework).map((r, i) => ({ ...r, sortOrder: i })),
            },
          },
        ],
      },
    },
  });
  return template.id;
}
