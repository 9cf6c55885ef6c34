// The record a report workbook carries, read the same from every version of the add-in and from
// files the server writes; the parts that hold large JSON, cut and joined back exactly.
import { checkSave, clientRowKey, CLIENT_ROW_KEY } from '../../../shared/reporting/check-save.ts';
import {
  jsonParts,
  parseRecord,
  valueFromParts,
} from '../../../shared/reporting/workbook-record.ts';
import type { Sheet } from '../../../shared/reporting/sheet.ts';
import { column } from '../../support/sheets.ts';

test('a record of the first add-in (sheet names, one pending save) reads as a queue of one', () => {
  const record = parseRecord(
    JSON.stringify({
      requestId: 'r',
      requestTitle: 'Báo cáo',
      orgId: 'o',
      orgName: 'UBND xã',
      templateCode: 'PL',
      templateVersion: 2,
      baseVersion: 3,
      outlineSheet: 'Đề cương',
      tables: [{ key: 'pl02', sheet: 'Phụ lục 02', columns: ['a'] }],
      pendingSave: { key: 'k', baseVersion: 3, submit: true, parts: ['{P1}'] },
    }),
  );
  expect(record).toMatchObject({
    outlineSheetId: 'Đề cương',
    tables: [{ key: 'pl02', sheetId: 'Phụ lục 02', columns: ['a'], rows: 0 }],
    status: null,
    sheetParts: [],
    queue: [{ key: 'k', baseVersion: 3, submit: true, parts: ['{P1}'], queuedAt: '' }],
  });
});

test('what is not a record is null, not a half-read report', () => {
  expect(parseRecord('{')).toBeNull();
  expect(parseRecord('{"requestId": 1}')).toBeNull();
  expect(parseRecord(JSON.stringify({ requestId: 'r', orgId: 'o' }))).toBeNull();
});

test('large JSON in parts: cut below the size, never inside a surrogate pair, joined back', () => {
  const value = { text: `${'Báo cáo "]]>" 🙂 '.repeat(5000)}\uffff` };
  const parts = jsonParts('pendingSave', value, 1001);
  expect(parts.length).toBeGreaterThan(50);
  for (const p of parts)
    expect(p).toMatch(/^<pendingSave xmlns="urn:tong-hop:pending-save" part="\d+">/);
  expect(valueFromParts('pendingSave', parts)).toEqual(value);
  expect(valueFromParts('sheet', parts)).toBeNull();
  expect(valueFromParts('pendingSave', [...parts.slice(0, 3), '<x/>'])).toBeNull();
});

test('a row added in the workbook keeps the key it was given, so saving twice adds it once', () => {
  const sheet: Sheet = {
    outline: [],
    tables: [
      {
        key: 'pl02',
        title: 'Phụ lục 02',
        description: null,
        allowOpenRows: true,
        columns: [column('noi_dung', 'Nội dung', 'TEXT')],
        rows: [],
      },
    ],
  };
  const key = clientRowKey();
  expect(key).toMatch(CLIENT_ROW_KEY);
  const input = {
    tables: [{ key: 'pl02', rows: [{ key, cells: [{ columnKey: 'noi_dung', value: 'Mới' }] }] }],
  };
  const first = checkSave(sheet, input, { submit: false, newRowKey: () => 'server-key' });
  expect(first.problems).toEqual([]);
  expect(first.addedRows).toEqual([{ tableKey: 'pl02', rowKey: key }]);
  const again = checkSave(first.merged, input, { submit: false, newRowKey: () => 'server-key' });
  expect(again.addedRows).toEqual([]);
  expect(again.merged.tables[0]!.rows).toHaveLength(1);
  // Where rows may not be added, such a key is refused by name like any unknown row.
  const closed = { ...sheet, tables: [{ ...sheet.tables[0]!, allowOpenRows: false }] };
  expect(
    checkSave(closed, input, { submit: false, newRowKey: () => 'x' }).problems[0]?.message,
  ).toContain(`không có dòng "${key}"`);
});
