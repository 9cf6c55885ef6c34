// How the outbox reads a receiver's answer beyond its HTTP status: DHIS2's import summary (a
// WebMessage with an ImportSummary, as DHIS2's WebMessageUtils and ImportSummary write it) whose
// status is ERROR imported nothing, even when an older DHIS2 answers it with 200; WARNING
// imported part of it and counts as delivered; ADX receivers and non-JSON answers go by status.
import { exchangeRetryDelayMs, headerOf, refusedInBody } from '../../../server/exchange/outbox.ts';

const summary = (status: string) =>
  JSON.stringify({
    httpStatus: status === 'ERROR' ? 'Conflict' : 'OK',
    httpStatusCode: status === 'ERROR' ? 409 : 200,
    status: status === 'ERROR' ? 'ERROR' : 'OK',
    response: {
      responseType: 'ImportSummary',
      status,
      importCount: { imported: status === 'ERROR' ? 0 : 3, updated: 0, ignored: 0, deleted: 0 },
      conflicts: status === 'SUCCESS' ? [] : [{ object: 'CDS_QUY', value: 'Data set not found' }],
    },
  });

test('DHIS2’s ERROR summary is a refusal; SUCCESS and WARNING are delivered', () => {
  expect(refusedInBody('DHIS2_JSON', summary('ERROR'))).toBe(true);
  expect(refusedInBody('DHIS2_JSON', '{"status":"ERROR"}')).toBe(true);
  expect(refusedInBody('DHIS2_JSON', summary('SUCCESS'))).toBe(false);
  expect(refusedInBody('DHIS2_JSON', summary('WARNING'))).toBe(false);
  expect(refusedInBody('DHIS2_JSON', 'OK')).toBe(false);
  expect(refusedInBody('ADX_XML', summary('ERROR'))).toBe(false);
});

test('an authentication line: its name and value; a bare value is an Authorization', () => {
  expect(headerOf('Authorization: ApiToken d2p_abc')).toEqual([
    'Authorization',
    'ApiToken d2p_abc',
  ]);
  expect(headerOf('X-Api-Key:abc')).toEqual(['X-Api-Key', 'abc']);
  expect(headerOf('Basic YWRtaW46ZGlzdHJpY3Q=')).toEqual([
    'Authorization',
    'Basic YWRtaW46ZGlzdHJpY3Q=',
  ]);
});

test('the wait between attempts doubles from the receiver’s base, at most 6 hours', () => {
  expect([1, 2, 3, 4].map((n) => exchangeRetryDelayMs(n, 60_000))).toEqual([
    60_000, 120_000, 240_000, 480_000,
  ]);
  expect(exchangeRetryDelayMs(30, 60_000)).toBe(6 * 3_600_000);
});
