// The add-in speaks the contract: its operations are the contract's as written, and its
// ReportSheet, Consolidation and MyReportRequests ask for everything the contract's do (and a few
// fields more).
import { Kind, parse, print, validate, type DocumentNode, type SelectionNode } from 'graphql';
import * as ops from '../../../addin/src/taskpane/operations.ts';
import { schema } from '../../../server/graphql/schema.ts';
import { contractOperation } from '../../support/contract.ts';

/**
 * Every field path an operation selects ("reportSheet.tables.rows.cells.value"), its fragments
 * spread in place.
 */
function paths(doc: DocumentNode): Set<string> {
  const fragments = new Map(
    doc.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const out = new Set<string>();
  const walk = (selections: readonly SelectionNode[], prefix: string[]) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) {
        const here = [...prefix, s.name.value];
        out.add(here.join('.'));
        if (s.selectionSet) walk(s.selectionSet.selections, here);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet.selections, prefix);
      } else {
        const fragment = fragments.get(s.name.value);
        if (fragment) walk(fragment.selections, prefix);
      }
    }
  };
  for (const d of doc.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) walk(d.selectionSet.selections, []);
  }
  return out;
}

test.each([
  ['Login', ops.LOGIN],
  ['Me', ops.ME],
  ['SaveReport', ops.SAVE_REPORT],
  ['OpenReportRequest', ops.OPEN_REPORT_REQUEST],
  ['ReturnSubmission', ops.RETURN_SUBMISSION],
  ['AcceptSubmission', ops.ACCEPT_SUBMISSION],
])('%s is the contract operation', (name, document) => {
  expect(print(parse(document.toString()))).toBe(contractOperation(name));
});

test.each([
  ['ReportSheet', ops.REPORT_SHEET],
  ['Consolidation', ops.CONSOLIDATION],
  // With what the request asks of the agency's leader (approval, signature) and where it stands.
  ['MyReportRequests', ops.MY_REPORT_REQUESTS],
])("%s asks for all the contract's fields", (name, document) => {
  const missing = [...paths(parse(contractOperation(name)))].filter(
    (p) => !paths(parse(document.toString())).has(p),
  );
  expect(missing).toEqual([]);
});

test('every operation the add-in sends is valid against the schema', () => {
  for (const [name, document] of Object.entries(ops)) {
    // Fragments travel inside the operations that spread them.
    if (document.toString().trimStart().startsWith('fragment')) continue;
    expect([name, validate(schema, parse(document.toString()))]).toEqual([name, []]);
  }
});
