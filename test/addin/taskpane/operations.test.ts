// The add-in speaks the contract: its operations are the contract's as written, and its
// ReportSheet asks for everything the contract's does (and a few fields more).
import { parse, print, validate, visit, type DocumentNode } from 'graphql';
import * as ops from '../../../addin/src/taskpane/operations.ts';
import { schema } from '../../../server/graphql/schema.ts';
import { contractOperation } from '../../support/contract.ts';

/** Every field path an operation selects ("reportSheet.tables.rows.cells.value"). */
function paths(doc: DocumentNode): Set<string> {
  const stack: string[] = [];
  const out = new Set<string>();
  visit(doc, {
    Field: {
      enter(node) {
        stack.push(node.name.value);
        out.add(stack.join('.'));
      },
      leave() {
        stack.pop();
      },
    },
  });
  return out;
}

test.each([
  ['Login', ops.LOGIN],
  ['Me', ops.ME],
  ['MyReportRequests', ops.MY_REPORT_REQUESTS],
  ['SaveReport', ops.SAVE_REPORT],
])('%s is the contract operation', (name, text) => {
  expect(print(parse(text))).toBe(contractOperation(name));
});

test("ReportSheet asks for all the contract's fields and validates", () => {
  const ours = parse(ops.REPORT_SHEET);
  expect(validate(schema, ours)).toEqual([]);
  const missing = [...paths(parse(contractOperation('ReportSheet')))].filter(
    (p) => !paths(ours).has(p),
  );
  expect(missing).toEqual([]);
});
