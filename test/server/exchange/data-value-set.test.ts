// DHIS2's dataValueSets JSON: DHIS2's own payloads (test/fixtures/dhis2, from dhis2-core) read
// through a mapping table into our cells; what we write uses only DHIS2's names and reads back
// to the same cells; periods as DHIS2 and ADX name them; ADX refuses text rather than invent.
import { readFileSync } from 'node:fs';
import { reportingPeriod } from '../../../shared/reporting/period.ts';
import { CodeBook, type CodeLine } from '../../../server/exchange/code-book.ts';
import {
  fromDataValueSet,
  toDataValueSet,
  UnmappedError,
  ValueSetError,
  type ReportValues,
} from '../../../server/exchange/data-value-set.ts';
import { adxPeriod, dhis2Period, periodOfDhis2 } from '../../../server/exchange/periods.ts';
import { toAdx } from '../../../server/exchange/adx.ts';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/dhis2/${name}`, import.meta.url), 'utf8'));

const line = (kind: CodeLine['kind'], ours: string, code: string, coc = ''): CodeLine => ({
  kind,
  ours,
  code,
  categoryOptionCombo: coc,
});

describe('DHIS2 payloads read through the mapping table', () => {
  test('dhis2-core’s single data set: two category option combos of one element are two cells', () => {
    const book = new CodeBook({ code: 'T', name: 'T' }, [
      line('DATA_SET', 'MAU', 'VEM58nY22sO'),
      line('ORG_UNIT', 'DV.1', 'O6uvpzGd5pu'),
      line('DATA_ELEMENT', 'MAU/bang/nam/gia_tri', 'BjDrgVrkBI3', 'oPcWGgS2Liz'),
      line('DATA_ELEMENT', 'MAU/bang/nu/gia_tri', 'BjDrgVrkBI3', 'rtfSaMjPyq6'),
    ]);
    const read = fromDataValueSet(fixture('dataValues_single_dataset.json'), book);
    expect(read.templateCode).toBe('MAU');
    expect(read.orgCode).toBe('DV.1');
    expect(read.period).toMatchObject({ kind: 'MONTH', year: 2019, number: 11 });
    expect(read.cells.map((c) => [c.rowKey, c.value])).toEqual([
      ['nam', '1000'],
      ['nu', '2000'],
    ]);
  });

  test('the bare form (values carry period and org unit; comment null, storedBy, created)', () => {
    const book = new CodeBook({ code: 'T', name: 'T' }, [
      line('ORG_UNIT', 'DV.2', 'DiszpKrYNg8'),
      line('DATA_ELEMENT', 'MAU/bang/dong/gia_tri', 'f7n9E0hX8qk'),
    ]);
    for (const [name, value] of [
      ['dataValueSetCreateDate.json', '20'],
      ['dataValueSetJ.json', '10'],
    ] as const) {
      const read = fromDataValueSet(fixture(name), book);
      expect(read).toMatchObject({ templateCode: 'MAU', orgCode: 'DV.2' });
      expect(read.period).toMatchObject({ kind: 'MONTH', year: 2012, number: 1 });
      expect(read.cells).toEqual([
        { templateCode: 'MAU', tableKey: 'bang', rowKey: 'dong', columnKey: 'gia_tri', value },
      ]);
    }
  });

  test('a bulk payload of many agencies is not one report: refused, naming why and each unknown code', () => {
    const book = new CodeBook({ code: 'T', name: 'T' }, []);
    try {
      fromDataValueSet(fixture('dataValues_bulk.json'), book);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValueSetError);
      const problems = (error as ValueSetError).problems;
      expect(problems.some((p) => /^Một báo cáo chỉ/.test(p))).toBe(true);
      expect(problems).toContain(
        'Giá trị thứ 1: "tpz77FcntKx / HllvX50cXC0" chưa có trong bảng mã.',
      );
    }
  });
});

describe('what we write', () => {
  const book = new CodeBook({ code: 'DHIS2-NA', name: 'x' }, [
    line('DATA_SET', 'NA-CDS-QUY', 'CDS_QUY'),
    line('ORG_UNIT', 'DVHC.16690', 'VN_16690'),
    line('DATA_ELEMENT', 'NA-CDS-QUY/so_lieu/ho_so_truc_tuyen/gia_tri', 'CDS_HS_TRUC_TUYEN'),
    line('DATA_ELEMENT', 'NA-CDS-QUY/ty_le/ty_le_ky_so/gia_tri', 'CDS_TL_KY_SO', 'TONG'),
  ]);
  const cell = (tableKey: string, rowKey: string, value: string) => ({
    templateCode: 'NA-CDS-QUY',
    tableKey,
    rowKey,
    columnKey: 'gia_tri',
    value,
    label: `${rowKey} – Giá trị`,
  });
  const report: ReportValues = {
    templateCode: 'NA-CDS-QUY',
    period: reportingPeriod({ kind: 'QUARTER', year: 2026, number: 3 }),
    orgCode: 'DVHC.16690',
    orgName: 'Phường Trường Vinh',
    completedOn: '2026-09-20',
    cells: [cell('so_lieu', 'ho_so_truc_tuyen', '152'), cell('ty_le', 'ty_le_ky_so', '87.5')],
  };

  test('uses DHIS2’s own names only, and reads back to the same cells', () => {
    const set = toDataValueSet(report, book);
    expect(set).toEqual({
      idScheme: 'CODE',
      dataSet: 'CDS_QUY',
      completeDate: '2026-09-20',
      period: '2026Q3',
      orgUnit: 'VN_16690',
      dataValues: [
        { dataElement: 'CDS_HS_TRUC_TUYEN', period: '2026Q3', orgUnit: 'VN_16690', value: '152' },
        {
          dataElement: 'CDS_TL_KY_SO',
          period: '2026Q3',
          orgUnit: 'VN_16690',
          categoryOptionCombo: 'TONG',
          value: '87.5',
        },
      ],
    });
    // Every key is one DHIS2's payloads use (dhis2-core's fixtures name them all).
    const theirs = fixture('dataValueSetCreateDate.json') as { dataValues: object[] };
    const single = fixture('dataValues_single_dataset.json') as { dataValues: object[] };
    const valueKeys = new Set([...theirs.dataValues, ...single.dataValues].flatMap(Object.keys));
    for (const v of set.dataValues) for (const k of Object.keys(v)) expect(valueKeys).toContain(k);
    const read = fromDataValueSet(JSON.parse(JSON.stringify(set)), book);
    expect(read.cells.map((c) => [c.tableKey, c.rowKey, c.value])).toEqual([
      ['so_lieu', 'ho_so_truc_tuyen', '152'],
      ['ty_le', 'ty_le_ky_so', '87.5'],
    ]);
  });

  test('a note column travels as its value’s comment, and comes back to it', () => {
    const withNotes = new CodeBook({ code: 'DHIS2-NA', name: 'x' }, [
      line('DATA_SET', 'NA-CDS-QUY', 'CDS_QUY'),
      line('ORG_UNIT', 'DVHC.16690', 'VN_16690'),
      line('DATA_ELEMENT', 'NA-CDS-QUY/so_lieu/ho_so_truc_tuyen/gia_tri', 'CDS_HS_TRUC_TUYEN'),
      line('COMMENT', 'NA-CDS-QUY/so_lieu/ghi_chu', 'NA-CDS-QUY/so_lieu/gia_tri'),
    ]);
    const note = {
      ...cell('so_lieu', 'ho_so_truc_tuyen', 'Gồm cả hồ sơ qua bưu chính'),
      columnKey: 'ghi_chu',
    };
    const set = toDataValueSet({ ...report, cells: [report.cells[0]!, note] }, withNotes);
    expect(set.dataValues).toEqual([
      {
        dataElement: 'CDS_HS_TRUC_TUYEN',
        period: '2026Q3',
        orgUnit: 'VN_16690',
        value: '152',
        comment: 'Gồm cả hồ sơ qua bưu chính',
      },
    ]);
    expect(
      fromDataValueSet(set, withNotes).cells.map((c) => [c.columnKey, c.value, c.note ?? false]),
    ).toEqual([
      ['gia_tri', '152', false],
      ['ghi_chu', 'Gồm cả hồ sơ qua bưu chính', true],
    ]);
    // A note on a row with no value has nothing to ride on: the export says so.
    const alone = { ...note, rowKey: 'van_ban_ky_so', label: 'Văn bản ký số – Ghi chú' };
    expect(() =>
      toDataValueSet({ ...report, cells: [report.cells[0]!, alone] }, withNotes),
    ).toThrow(/giá trị để kèm ghi chú "Văn bản ký số – Ghi chú"/);
    // A comment with no note column to go to is refused, not dropped.
    const commented = { ...set, dataValues: [{ ...set.dataValues[0]!, comment: 'x' }] };
    expect(() => fromDataValueSet(commented, book)).toThrow(
      /có ghi chú \(comment\) nhưng bảng mã không có cột ghi chú/,
    );
  });

  test('an unmapped value stops the export, naming it', () => {
    const withNote = {
      ...report,
      cells: [
        ...report.cells,
        {
          ...cell('so_lieu', 'ho_so_truc_tuyen', 'ok'),
          columnKey: 'ghi_chu',
          label: 'Hồ sơ trực tuyến – Ghi chú',
        },
      ],
    };
    expect(() => toDataValueSet(withNote, book)).toThrow(UnmappedError);
    expect(() => toDataValueSet(withNote, book)).toThrow(
      /Bảng mã chưa có mã cho: ô "Hồ sơ trực tuyến – Ghi chú" \(so_lieu\/ho_so_truc_tuyen\/ghi_chu\)/,
    );
  });

  test('ADX: ISO 8601 periods, decimal values, text refused', () => {
    expect(adxPeriod(reportingPeriod({ kind: 'QUARTER', year: 2026, number: 3 }))).toBe(
      '2026-07-01/P3M',
    );
    expect(adxPeriod(reportingPeriod({ kind: 'NINE_MONTHS', year: 2026 }))).toBe('2026-01-01/P9M');
    // A year is P1Y, as DHIS2's ADX reader takes it (P12M it refuses).
    expect(adxPeriod(reportingPeriod({ kind: 'YEAR', year: 2026 }))).toBe('2026-01-01/P1Y');
    expect(adxPeriod(reportingPeriod({ kind: 'HALF_YEAR', year: 2026, number: 2 }))).toBe(
      '2026-07-01/P6M',
    );
    expect(adxPeriod({ start: '2026-03-05', end: '2026-03-11' })).toBe('2026-03-05/P7D');
    const xml = toAdx([toDataValueSet(report, book, adxPeriod)], new Date('2026-09-21T01:00:00Z'));
    expect(xml).toContain(
      '<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-09-21T01:00:00.000Z">',
    );
    expect(xml).toContain('period="2026-07-01/P3M" completeDate="2026-09-20"');
    expect(xml).toContain(
      '<dataValue dataElement="CDS_TL_KY_SO" categoryOptionCombo="TONG" value="87.5"/>',
    );
    const text = { ...report, cells: [cell('so_lieu', 'ho_so_truc_tuyen', 'nhiều')] };
    expect(() => toAdx([toDataValueSet(text, book, adxPeriod)], new Date())).toThrow(
      /ADX chỉ mang giá trị số/,
    );
  });

  test('DHIS2 periods both ways; nine months has no DHIS2 name', () => {
    for (const [kind, number, id] of [
      ['MONTH', 3, '202603'],
      ['QUARTER', 1, '2026Q1'],
      ['HALF_YEAR', 2, '2026S2'],
      ['YEAR', null, '2026'],
    ] as const) {
      const p = reportingPeriod({ kind, year: 2026, number });
      expect(dhis2Period(p)).toBe(id);
      expect(periodOfDhis2(id)).toMatchObject({ kind, start: p.start, end: p.end });
    }
    expect(() => dhis2Period(reportingPeriod({ kind: 'NINE_MONTHS', year: 2026 }))).toThrow(
      /không có trong DHIS2/,
    );
    expect(periodOfDhis2('2026W5')).toBeNull();
  });
});
