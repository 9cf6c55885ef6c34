// An array literal PostgreSQL reads back as exactly the strings given, on both databases, through
// Prisma's raw queries as the save writes its cells (server/submissions/store.ts).
import type { Database } from '../../../server/db/database.ts';
import { textArrayLiteral } from '../../../server/db/text-array.ts';
import { freshDatabase, targets } from '../../support/databases.ts';

const AWKWARD = [
  '',
  'NULL',
  'null',
  ' khoảng trắng đầu và cuối ',
  'dấu phẩy, và {ngoặc}',
  'ngoặc kép "trích dẫn"',
  'gạch chéo ngược \\ và \\"',
  'xuống dòng\nvà\ttab',
  'Nghị định 30/2020/NĐ-CP',
  '1.234,5',
  '{}',
  '"',
  '\\',
];

test('the literal of no values is an empty array', () => {
  expect(textArrayLiteral([])).toBe('{}');
});

describe.each(targets)('on %s', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(target);
  }, 120_000);
  afterAll(async () => db?.close());

  test('every awkward text comes back as it was, in its order', async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ value: string; place: bigint }[]>(
      'SELECT value, place FROM unnest($1::text[]) WITH ORDINALITY AS x(value, place)',
      textArrayLiteral(AWKWARD),
    );
    expect(rows.map((r) => r.value)).toEqual(AWKWARD);
    expect(rows.map((r) => Number(r.place))).toEqual(AWKWARD.map((_, i) => i + 1));
  });
});
