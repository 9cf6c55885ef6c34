// Rows a request asks of one recipient (RequestRowRoute): the others' sheets leave them out, and
// a heading stays while any row under it — at any depth — is still asked.
import { buildSheet, type RoutedRows } from '../../../server/sheets/sheet.ts';
import type { ShapeRow, TemplateShape } from '../../../server/sheets/template-shape.ts';

const row = (key: string, groupKey: string | null, isGroup = false): ShapeRow => ({
  key,
  groupKey,
  label: key,
  isGroup,
  readOnly: false,
  values: {},
  targetId: null,
  carryForward: false,
});

const shape = {
  id: 't',
  code: 'T',
  name: 'T',
  version: 1,
  published: true,
  sections: [],
  tables: [
    {
      key: 'b',
      title: 'Bảng',
      description: null,
      rowMode: 'FIXED',
      allowOpenRows: false,
      columns: [
        {
          key: 'v',
          label: 'Giá trị',
          type: 'DECIMAL',
          required: false,
          readOnly: false,
          options: [],
          aggregate: 'SUM',
          binding: null,
          targetId: null,
          carryForward: false,
          changeFactor: null,
        },
      ],
      // I ⊃ I.1 ⊃ (a, b); I ⊃ c; II ⊃ d
      rows: [
        row('I', null, true),
        row('I.1', 'I', true),
        row('a', 'I.1'),
        row('b', 'I.1'),
        row('c', 'I'),
        row('II', null, true),
        row('d', 'II'),
      ],
    },
  ],
} as unknown as TemplateShape;

const agency = { id: 'x', kind: 'DEPARTMENT', level: 'PROVINCE', lineageIds: new Set(['x']) };
const keysFor = (elsewhere: string[]) => {
  const routed: RoutedRows = new Map([['b', new Map(elsewhere.map((k) => [k, 'other']))]]);
  return buildSheet(shape, agency, { tasks: [], targets: [] }, null, routed).tables[0]!.rows.map(
    (r) => r.key,
  );
};

test('nothing routed elsewhere: every row and heading', () => {
  expect(keysFor([])).toEqual(['I', 'I.1', 'a', 'b', 'c', 'II', 'd']);
});

test('rows asked of others are left out, headings only when nothing under them is left', () => {
  expect(keysFor(['a'])).toEqual(['I', 'I.1', 'b', 'c', 'II', 'd']);
  // I.1 has nothing left, but I still has c.
  expect(keysFor(['a', 'b'])).toEqual(['I', 'c', 'II', 'd']);
  // Nothing left under I at any depth: I goes too.
  expect(keysFor(['a', 'b', 'c'])).toEqual(['II', 'd']);
  expect(keysFor(['a', 'b', 'c', 'd'])).toEqual([]);
});
