// ADX, the IHE QRPH Aggregate Data Exchange profile (urn:ihe:qrph:adx:2015): the same data value
// sets as XML, one <group> per agency and period with dataSet, orgUnit, period (ISO 8601 start
// and duration) and completeDate, one <dataValue> per value. The profile's schema, generated from
// the scheme's SDMX data structure definition (dsd.ts), requires `exported` on the root and a
// decimal `value`: a yes/no travels as 1 or 0, text does not travel in ADX at all (use the DHIS2
// JSON format for text), and the export stops naming it rather than send a made-up number. Notes
// (a value's comment in DHIS2) have no place in ADX: its <annotation> is read by DHIS2 as the
// value itself, so they are left out of ADX and travel in the JSON only.
import { escapeXml } from '../files/xml.ts';
import type { DataValueSet } from './data-value-set.ts';

export const ADX_NAMESPACE = 'urn:ihe:qrph:adx:2015';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The ADX value of a canonical cell value, or null when ADX cannot carry it. */
export function adxValue(value: string): string | null {
  if (DECIMAL.test(value)) return value;
  if (value === 'true') return '1';
  if (value === 'false') return '0';
  return null;
}

export class AdxValueError extends Error {}

/** The sets (their period already in ADX form, adxPeriod) as one ADX message. */
export function toAdx(sets: DataValueSet[], exported: Date): string {
  const refused: string[] = [];
  const groups = sets.map((set) => {
    const values = set.dataValues.map((v) => {
      const value = adxValue(v.value);
      if (value === null) refused.push(`${v.dataElement} ("${v.value.slice(0, 40)}")`);
      const disaggregation = v.categoryOptionCombo
        ? ` categoryOptionCombo="${escapeXml(v.categoryOptionCombo)}"`
        : '';
      return `    <dataValue dataElement="${escapeXml(v.dataElement)}"${disaggregation} value="${value ?? ''}"/>`;
    });
    const complete = set.completeDate ? ` completeDate="${set.completeDate}"` : '';
    return [
      `  <group dataSet="${escapeXml(set.dataSet)}" orgUnit="${escapeXml(set.orgUnit)}" period="${escapeXml(set.period)}"${complete}>`,
      ...values,
      '  </group>',
    ].join('\n');
  });
  if (refused.length) {
    throw new AdxValueError(
      `ADX chỉ mang giá trị số; các giá trị chữ sau không gửi được theo ADX: ${refused.slice(0, 10).join('; ')}. Dùng định dạng DHIS2 JSON, hoặc bỏ mã của các ô này khỏi bảng mã.`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<adx xmlns="${ADX_NAMESPACE}" exported="${exported.toISOString()}">`,
    ...groups,
    '</adx>',
    '',
  ].join('\n');
}
