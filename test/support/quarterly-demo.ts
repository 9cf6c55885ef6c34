// The live demo's quarterly report of Nghệ An (template NA-CDS-QUY), as tests fill and open it:
// its rows, a complete sheet to send, and a quarter opened as the Sở would (to the departments and
// the commune committees of the province).
import { reportingPeriod, type Period } from '../../shared/reporting/period.ts';
import type { Json } from './json.ts';

export const QUARTERLY_TEMPLATE = 'NA-CDS-QUY';
/** The rows of its table of counts (so_lieu) and of rates (ty_le), all required. */
export const SO_LIEU = [
  'ho_so_tiep_nhan',
  'ho_so_truc_tuyen',
  'ho_so_toan_trinh',
  'van_ban_ky_so',
  'hop_truc_tuyen',
  'wifi_cong_cong',
];
export const TY_LE = ['ty_le_truc_tuyen', 'ty_le_ky_so', 'ty_le_so_hoa'];

/** Every required cell: each count from `count(row)`, each rate `rate`, notes from `note(row)`. */
export function quarterlyTables(
  count: (row: string) => string,
  { rate = '50', note = () => null }: { rate?: string; note?: (row: string) => string | null } = {},
) {
  const notes = (row: string) => {
    const text = note(row);
    return text === null ? [] : [{ columnKey: 'ghi_chu', value: text }];
  };
  return [
    {
      key: 'so_lieu',
      rows: SO_LIEU.map((key) => ({
        key,
        cells: [{ columnKey: 'gia_tri', value: count(key) }, ...notes(key)],
      })),
    },
    {
      key: 'ty_le',
      rows: TY_LE.map((key) => ({
        key,
        cells: [{ columnKey: 'gia_tri', value: rate }, ...notes(key)],
      })),
    },
  ];
}

const quarter = (year: number, number: number): Period =>
  reportingPeriod({ kind: 'QUARTER', year, number });
export const quarterBefore = (p: Pick<Period, 'year' | 'number'>): Period =>
  p.number === 1 ? quarter(p.year - 1, 4) : quarter(p.year, p.number - 1);
export const quarterAfter = (p: Pick<Period, 'year' | 'number'>): Period =>
  p.number === 4 ? quarter(p.year + 1, 1) : quarter(p.year, p.number + 1);

const OPEN = `mutation($input: OpenReportRequestInput!) { openReportRequest(input: $input) { id } }`;

/** Opens the quarter's request as the Sở does; its id. */
export async function openQuarter(
  gql: (
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ) => Promise<{ data?: Json | null; errors?: unknown }>,
  consolidator: string,
  templateId: string,
  q: Period,
  provinceId: string,
): Promise<string> {
  const res = await gql(
    OPEN,
    {
      input: {
        templateId,
        title: `Báo cáo tiến độ chuyển đổi số ${q.label}`,
        period: { kind: 'QUARTER', year: q.year, number: q.number },
        deadline: `${q.cutoffEnd}T17:00:00+07:00`,
        recipientGroups: [
          { kind: 'DEPARTMENT', level: 'PROVINCE', withinOrgId: provinceId },
          { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE', withinOrgId: provinceId },
        ],
      },
    },
    consolidator,
  );
  if (res.errors) throw new Error(`openReportRequest: ${JSON.stringify(res.errors)}`);
  return res.data!.openReportRequest.id as string;
}
