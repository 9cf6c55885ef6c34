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
  ['OpenReportRequest', ops.OPEN_REPORT_REQUEST],
  ['ReturnSubmission', ops.RETURN_SUBMISSION],
  ['AcceptSubmission', ops.ACCEPT_SUBMISSION],
])('%s is the contract operation', (name, text) => {
  expect(print(parse(text))).toBe(contractOperation(name));
});

test.each([
  ['ReportSheet', ops.REPORT_SHEET],
  ['Consolidation', ops.CONSOLIDATION],
])("%s asks for all the contract's fields", (name, text) => {
  const missing = [...paths(parse(contractOperation(name)))].filter(
    (p) => !paths(parse(text)).has(p),
  );
  expect(missing).toEqual([]);
});

test('every operation the add-in sends is valid against the schema', () => {
  for (const [name, text] of Object.entries(ops)) {
    expect([name, validate(schema, parse(text))]).toEqual([name, []]);
  }
});
