import { aggregateValues } from '../../../server/consolidation/aggregate.ts';
import {
  completenessOf,
  mergeTable,
  recipientStatuses,
} from '../../../server/consolidation/merge.ts';
import type { OrgRef } from '../../../shared/reporting/consolidated.ts';

const org = (code: string, path: string, level: OrgRef['level']): OrgRef => ({
  id: code,
  code,
  name: `UBND ${code}`,
  level,
  path,
});
const province = org('BT', '/BT/', 'PROVINCE');
const district = org('BT.BD', '/BT/BT.BD/', 'DISTRICT');
const commune = org('BT.BD.BT', '/BT/BT.BD/BT.BD.BT/', 'COMMUNE');
const otherCommune = org('BT.CT.TT', '/BT/BT.CT/BT.CT.TT/', 'COMMUNE');
const otherDistrict = org('BT.CT', '/BT/BT.CT/', 'DISTRICT');

describe('aggregate rules', () => {
  test.each([
    ['SUM', ['1', '2.5', null], '3.5'],
    ['AVERAGE', ['30', '60'], '45'],
    ['MIN', ['3', '-1'], '-1'],
    ['MAX', ['3', '10'], '10'],
    ['COUNT', ['HOAN_THANH', null, 'x'], '2'],
    ['SUM', ['0.1', '0.2'], '0.3'],
    ['SUM', [null, null], null],
    ['LIST', ['a'], null],
  ] as const)('%s of %j is %s', (rule, values, expected) =>
    expect(aggregateValues(rule, [...values])).toBe(expected),
  );
});

describe('recipients and completeness', () => {
  const deadline = new Date('2021-09-19T10:00:00Z');
  const statuses = recipientStatuses(
    [
      { org: otherCommune, deadline, submission: null },
      {
        org: district,
        deadline,
        submission: {
          id: 's1',
          status: 'SUBMITTED',
          version: 2,
          submittedAt: deadline,
          late: false,
          returnReason: null,
        },
      },
      {
        org: commune,
        deadline,
        submission: {
          id: 's2',
          status: 'RETURNED',
          version: 3,
          submittedAt: deadline,
          late: true,
          returnReason: 'Thiếu số liệu',
        },
      },
      {
        org: otherDistrict,
        deadline,
        submission: {
          id: 's4',
          status: 'PENDING_APPROVAL',
          version: 1,
          submittedAt: null,
          late: false,
          returnReason: null,
        },
      },
      {
        org: province,
        deadline,
        submission: {
          id: 's3',
          status: 'DRAFT',
          version: 1,
          submittedAt: null,
          late: false,
          returnReason: null,
        },
      },
    ],
    new Date('2021-09-20T00:00:00Z'),
  );
  test('in the order of the org tree, overdue when not sent after the deadline', () => {
    expect(statuses.map((s) => [s.org.code, s.state, s.overdue, s.returnReason])).toEqual([
      ['BT', 'DRAFT', true, null],
      ['BT.BD', 'SUBMITTED', false, null],
      ['BT.BD.BT', 'RETURNED', true, 'Thiếu số liệu'],
      ['BT.CT', 'PENDING_APPROVAL', true, null],
      ['BT.CT.TT', 'NOT_STARTED', true, null],
    ]);
  });
  test('counts add up to the agencies asked; one waiting for its leader is not yet sent', () => {
    expect(completenessOf(statuses)).toEqual({
      expected: 5,
      submitted: 1,
      onTime: 1,
      late: 0,
      missing: 2,
      pendingApproval: 1,
      returned: 1,
      accepted: 0,
    });
  });
});

describe('merging a table', () => {
  const columns = [
    {
      key: 'chi_so',
      label: 'Chỉ số',
      type: 'TEXT',
      required: false,
      readOnly: true,
      options: [],
      aggregate: 'NONE',
    },
    {
      key: 'gia_tri',
      label: 'Giá trị',
      type: 'INTEGER',
      required: true,
      readOnly: false,
      options: [],
      aggregate: 'SUM',
    },
    {
      key: 'ghi_chu',
      label: 'Ghi chú',
      type: 'TEXT',
      required: false,
      readOnly: false,
      options: [],
      aggregate: 'LIST',
    },
  ] as const;
  const values = new Map([
    [
      'camera',
      new Map([
        [otherCommune.id, new Map([['gia_tri', '5']])],
        [
          commune.id,
          new Map([
            ['gia_tri', '10'],
            ['ghi_chu', 'Có AI'],
          ]),
        ],
        [district.id, new Map([['gia_tri', '4']])],
      ]),
    ],
  ]);
  const orgs = new Map(
    [province, district, commune, otherCommune, org('BT.CT', '/BT/BT.CT/', 'DISTRICT')].map((o) => [
      o.id,
      o,
    ]),
  );
  const merged = mergeTable(
    {
      key: 'so_lieu',
      title: 'Số liệu',
      description: null,
      columns: columns.map((c) => ({ ...c, options: [] })),
      rows: [
        {
          key: 'camera',
          group: null,
          label: 'Số camera',
          isGroup: false,
          readOnly: false,
          open: false,
          cells: [{ columnKey: 'chi_so', value: 'Số camera' }],
        },
      ],
      openRows: [{ org: commune, rowKey: 'm-1' }],
    },
    values,
    orgs,
    [province, district, orgs.get('BT.CT')!].map((o) => ({ org: o })),
  );
  const camera = merged.rows[0]!;
  test('totals by the column rule; read-only columns keep the row value; text listed per agency', () => {
    expect(camera.totals).toEqual([
      { columnKey: 'chi_so', value: 'Số camera' },
      { columnKey: 'gia_tri', value: '19' },
      { columnKey: 'ghi_chu', value: null },
    ]);
    expect(camera.byOrg.map((o) => [o.org.code, o.cells])).toEqual([
      [
        'BT.BD',
        [
          { columnKey: 'gia_tri', value: '4' },
          { columnKey: 'ghi_chu', value: null },
        ],
      ],
      [
        'BT.BD.BT',
        [
          { columnKey: 'gia_tri', value: '10' },
          { columnKey: 'ghi_chu', value: 'Có AI' },
        ],
      ],
      [
        'BT.CT.TT',
        [
          { columnKey: 'gia_tri', value: '5' },
          { columnKey: 'ghi_chu', value: null },
        ],
      ],
    ]);
  });
  test('roll-up: communes into their district, all beneath into the province', () => {
    expect(camera.rollup.map((o) => [o.org.code, o.cells])).toEqual([
      ['BT', [{ columnKey: 'gia_tri', value: '19' }]],
      ['BT.BD', [{ columnKey: 'gia_tri', value: '10' }]],
      ['BT.CT', [{ columnKey: 'gia_tri', value: '5' }]],
    ]);
  });
  test("agencies' own rows come under a heading with the agency's name", () => {
    expect(merged.rows.slice(1).map((r) => [r.key, r.label, r.isGroup])).toEqual([
      ['org:BT.BD.BT', 'UBND BT.BD.BT', true],
      ['BT.BD.BT:m-1', 'UBND BT.BD.BT – dòng 1', false],
    ]);
  });
});
