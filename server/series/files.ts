// An indicator series as a file for pivoting in Excel: the same points as the GraphQL query, one
// row each, as .xlsx or as CSV in UTF-8 with a byte-order mark (without it Excel reads the bytes
// as the machine's ANSI code page and Vietnamese comes out garbled).
//   GET /files/series.csv?templateCode=…&tableKey=…&rowKey=…&columnKey=… (or targetId=…)&periodKind=QUARTER
//       &from=2026-01-01&to=2026-12-31&withinOrgId=…[&level=COMMUNE]
//       [&groupKind=DEPARTMENT][&groupLevel=COMMUNE]   (and series.xlsx)
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../libraries.ts';
import type { Org } from '../../generated/prisma/client.ts';
import { AdminLevel, OrgKind } from '../../generated/prisma/enums.ts';
import { formatVietnamDay } from '../../shared/time/vietnam.ts';
import type { Context } from '../graphql/context.ts';
import { badInput } from '../graphql/errors.ts';
import { fileSafe } from '../files/file-names.ts';
import { excelValue, FILL_HEADER, toBuffer } from '../files/workbook.ts';
import type { SeriesPoint, SeriesState } from './series.ts';
import {
  indicatorSeries,
  seriesCell,
  type IndicatorSeries,
  type SeriesLevel,
  type SeriesPeriodKind,
} from './load.ts';

export const SERIES_ROUTE = /^\/files\/series\.(csv|xlsx)$/;

export const STATE_TEXT: Record<SeriesState, string> = {
  COMPLETE: 'Đủ',
  PARTIAL: 'Thiếu một phần',
  MISSING: 'Chưa gửi',
  NOT_ASKED: 'Không yêu cầu',
};

export const SERIES_HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Tên cũ',
  'Kỳ',
  'Từ ngày',
  'Đến ngày',
  'Giá trị',
  'Tình trạng',
  'Đã gửi',
  'Phải gửi',
] as const;

const PERIOD_KINDS = ['MONTH', 'QUARTER', 'HALF_YEAR', 'NINE_MONTHS', 'YEAR'] as const;
const LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
const REQUIRED = ['periodKind', 'from', 'to', 'withinOrgId'] as const;

/** The query string as the loader's input, or a BAD_USER_INPUT naming what is missing. */
async function inputOf(ctx: Context, params: URLSearchParams) {
  // The cell first: a file is asked for a cell before anything else.
  const cell = await seriesCell(ctx, {
    targetId: params.get('targetId'),
    templateCode: params.get('templateCode'),
    tableKey: params.get('tableKey'),
    rowKey: params.get('rowKey'),
    columnKey: params.get('columnKey'),
  });
  const missing = REQUIRED.filter((k) => !params.get(k));
  if (missing.length) throw badInput(`Thiếu tham số: ${missing.join(', ')}.`);
  const periodKind = params.get('periodKind')!;
  if (!(PERIOD_KINDS as readonly string[]).includes(periodKind)) {
    throw badInput(`periodKind phải là một trong ${PERIOD_KINDS.join(', ')}.`);
  }
  const level = params.get('level');
  if (level && !(LEVELS as readonly string[]).includes(level)) {
    throw badInput(`level phải là một trong ${LEVELS.join(', ')}.`);
  }
  const groupKind = params.get('groupKind');
  if (groupKind && !(Object.values(OrgKind) as string[]).includes(groupKind)) {
    throw badInput(`groupKind phải là một trong ${Object.values(OrgKind).join(', ')}.`);
  }
  const groupLevel = params.get('groupLevel');
  if (groupLevel && !(Object.values(AdminLevel) as string[]).includes(groupLevel)) {
    throw badInput(`groupLevel phải là một trong ${Object.values(AdminLevel).join(', ')}.`);
  }
  const get = (k: (typeof REQUIRED)[number]) => params.get(k)!;
  return {
    ...cell,
    periodKind: periodKind as SeriesPeriodKind,
    from: get('from'),
    to: get('to'),
    withinOrgId: get('withinOrgId'),
    level: (level || null) as SeriesLevel | null,
    group: {
      kind: (groupKind || null) as OrgKind | null,
      level: (groupLevel || null) as AdminLevel | null,
    },
  };
}

type Field = ExcelJS.CellValue;

/** One point as a row; the value as every workbook the server writes holds it (excelValue). */
function rowOf(p: SeriesPoint<Org>, column: IndicatorSeries['column']): Field[] {
  return [
    p.unit.adminCode ?? p.unit.code,
    p.unit.name,
    p.formerNames.join('; ') || null,
    p.period.label,
    formatVietnamDay(p.period.start),
    formatVietnamDay(p.period.end),
    excelValue(column, p.value),
    STATE_TEXT[p.state],
    p.sent,
    p.expected,
  ];
}

/** A CSV field: quoted when needed; text that Excel would run as a formula is kept as text. */
function csvField(v: Field): string {
  if (v === null || v === undefined) return '';
  let text = v instanceof Date ? formatVietnamDay(v.toISOString().slice(0, 10)) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function seriesFile(
  ctx: Context,
  format: 'csv' | 'xlsx',
  params: URLSearchParams,
): Promise<{ name: string; body: Buffer; type: string }> {
  const series = await indicatorSeries(ctx, await inputOf(ctx, params));
  const rows = series.points.map((p) => rowOf(p, series.column));
  const headers = SERIES_HEADERS.map((h) => (h === 'Giá trị' ? series.column.label : h));
  const name = `Chuỗi số liệu - ${fileSafe(series.rowLabel)}`;
  if (format === 'csv') {
    const text = [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n');
    return {
      name: `${name}.csv`,
      body: Buffer.from(`\uFEFF${text}\r\n`, 'utf8'),
      type: 'text/csv; charset=utf-8',
    };
  }
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet('Chuỗi số liệu', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers);
  sheet.getRow(1).eachCell((c) => {
    c.font = { bold: true };
    c.fill = FILL_HEADER;
  });
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => (c.width = [12, 40, 30, 18, 12, 12, 14, 16, 8, 8][i]));
  return {
    name: `${name}.xlsx`,
    body: await toBuffer(workbook),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
