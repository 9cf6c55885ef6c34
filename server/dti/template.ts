// The self-assessment template a framework generates: one table, a group row per main indicator
// and a row per component, with the value, the points claimed, the evidence and a note to fill,
// and the maximum and the way points are computed shown beside them. One published template per
// framework (templates are immutable once published; a framework is too), shared by every
// province and year that assesses itself on it.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { DtiScoring, DtiSource } from './framework-file.ts';

type Tx = Prisma.TransactionClient;

export const DTI_TABLE = 'chi_so_dti';

/** The cells a component row has, by column key. */
export const DTI_COLUMN = {
  maxPoints: 'diem_toi_da',
  rule: 'cach_tinh',
  value: 'gia_tri',
  claimed: 'diem_tu_cham',
  evidence: 'minh_chung',
  note: 'ghi_chu',
} as const;

export const componentRowKey = (code: string): string =>
  `dti_${code.replace(/[^A-Za-z0-9]+/g, '_')}`;
export const mainRowKey = (code: string): string => `main_${code.replace(/[^A-Za-z0-9]+/g, '_')}`;

export const dtiTemplateCode = (frameworkCode: string): string => `TU-DANH-GIA-${frameworkCode}`;

const number = (n: number): string => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/** How a component's points are computed, as the person filling it reads it. */
export function ruleText(scoring: DtiScoring, answeredBy: DtiSource): string {
  if (answeredBy === 'MINISTRY' || answeredBy === 'SURVEY') {
    return 'Bộ đo hoặc khảo sát; tỉnh không tự đánh giá';
  }
  switch (scoring) {
    case 'PROPORTIONAL':
      return 'Điểm = tỷ lệ (%) × điểm tối đa ÷ 100; ghi giá trị 0–100';
    case 'YES_NO':
      return 'Có (ghi 1): đủ điểm; Không (ghi 0): 0 điểm';
    case 'CLAIMED':
      return 'Tự chấm điểm theo hướng dẫn, kèm tài liệu kiểm chứng';
    case 'NOT_SCORED':
      return 'Không tính điểm; ghi giá trị để theo dõi';
  }
}

export interface TemplateFramework {
  code: string;
  decisionNumber: string;
  mainIndicators: { code: string; name: string; maxPoints: number | null; scored: boolean }[];
  components: {
    code: string;
    mainCode: string;
    name: string;
    maxPoints: number | null;
    scoring: DtiScoring;
    answeredBy: DtiSource;
    measure: string | null;
  }[];
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
            : `${number(m.maxPoints)} điểm`
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
        readOnly: c.answeredBy === 'MINISTRY' || c.answeredBy === 'SURVEY',
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
    label: 'Cách tính điểm',
    type: 'TEXT',
    readOnly: true,
    aggregate: 'NONE',
    width: 36,
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
      note: 'Tỷ lệ ghi theo phần trăm (80 là 80%); chỉ số Có/Không ghi 1 hoặc 0.',
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
