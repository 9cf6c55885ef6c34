// How other systems name our reporting periods. DHIS2 uses its ISO-like period identifiers
// (docs.dhis2.org, "Date and period format": 202603 a month, 2026Q1 a quarter, 2026S1 a half
// year, 2026 a year); ADX uses an ISO 8601 start date and duration ("2026-01-01/P3M", IHE QRPH
// ADX §8.3.3.1), which can say any period, a nine-month one too.
import { reportingPeriod, type Period } from '../../shared/reporting/period.ts';

export class PeriodNameError extends Error {}

/** DHIS2's identifier of a period; DHIS2 has no nine-month or ad-hoc periods. */
export function dhis2Period(p: Period): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (p.kind) {
    case 'MONTH':
      return `${p.year}${pad(p.number)}`;
    case 'QUARTER':
      return `${p.year}Q${p.number}`;
    case 'HALF_YEAR':
      return `${p.year}S${p.number}`;
    case 'YEAR':
      return String(p.year);
    default:
      throw new PeriodNameError(
        `Kỳ "${p.label}" không có trong DHIS2 (DHIS2 chỉ có tháng, quý, 6 tháng, năm); xuất theo ADX.`,
      );
  }
}

/** The period a DHIS2 identifier names; null when it is not one we report by. */
export function periodOfDhis2(id: string): Period | null {
  let m: RegExpExecArray | null;
  const at = (kind: Period['kind'], year: string, number?: string) => {
    try {
      return reportingPeriod({ kind, year: Number(year), number: number ? Number(number) : null });
    } catch {
      return null;
    }
  };
  if ((m = /^(\d{4})(\d{2})$/.exec(id))) return at('MONTH', m[1]!, m[2]!);
  if ((m = /^(\d{4})Q([1-4])$/.exec(id))) return at('QUARTER', m[1]!, m[2]!);
  if ((m = /^(\d{4})S([12])$/.exec(id))) return at('HALF_YEAR', m[1]!, m[2]!);
  if ((m = /^(\d{4})$/.exec(id))) return at('YEAR', m[1]!);
  return null;
}

/** ADX's period: the first day and the length, in months where it is whole months. */
export function adxPeriod(p: { start: string; end: string }): string {
  const [sy, sm, sd] = p.start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = p.end.split('-').map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  if (sd === 1 && ed === lastOfMonth) {
    const months = (ey - sy) * 12 + em - sm + 1;
    // A calendar year is P1Y: DHIS2's ADX reader takes P1Y, not P12M, for a year.
    return months === 12 && sm === 1 ? `${p.start}/P1Y` : `${p.start}/P${months}M`;
  }
  const days = (Date.UTC(ey, em - 1, ed) - Date.UTC(sy, sm - 1, sd)) / 86_400_000 + 1;
  return `${p.start}/P${days}D`;
}
