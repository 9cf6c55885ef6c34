// The exchange payloads over HTTP, for a person handing data to another system or a system
// pulling it:
//   GET /files/exchange/:scheme/submissions/:submissionId.json|.adx.xml[?version=N]
//       (a sent version of a report: the newest, or version N; for whoever may read the report)
//   GET /files/exchange/:scheme/requests/:requestId.json|.adx.xml   (the consolidated totals,
//       under the province; for those who oversee the consolidating department)
//   GET /files/exchange/:scheme/templates/:templateCode.dsd.xml   (the SDMX DSD the ADX schema is
//       generated from; for those who oversee the scheme's province)
import { canReadSubmission } from '../auth/access.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, notFound, unauthenticated } from '../graphql/errors.ts';
import { fileSafe } from '../files/file-names.ts';
import { templateShape } from '../sheets/template-shape.ts';
import { AdxValueError } from './adx.ts';
import { UnmappedError } from './data-value-set.ts';
import { dataStructureDefinition } from './dsd.ts';
import { renderPayload, type PayloadFormat } from './payload.ts';
import { PeriodNameError } from './periods.ts';
import { consolidatedValues, sentVersion } from './report-values.ts';
import { loadCodeBook, schemeFor } from './schemes.ts';

export const EXCHANGE_ROUTE =
  /^\/files\/exchange\/([^/]+)\/(submissions|requests|templates)\/([^/]+?)\.(json|adx\.xml|dsd\.xml)$/;

const TYPES = { json: 'application/json; charset=utf-8', xml: 'application/xml; charset=utf-8' };

/** The payload rules' refusals as the user's bad input, with their Vietnamese messages. */
function asBadInput(error: unknown): never {
  if (
    error instanceof UnmappedError ||
    error instanceof PeriodNameError ||
    error instanceof AdxValueError
  ) {
    throw badInput(error.message);
  }
  throw error;
}

export async function exchangeFile(
  ctx: Context,
  match: RegExpExecArray,
  params: URLSearchParams,
): Promise<{ name: string; body: Buffer; type: string }> {
  const [, schemeCode, what, id, extension] = match as unknown as [
    string,
    string,
    'submissions' | 'requests' | 'templates',
    string,
    'json' | 'adx.xml' | 'dsd.xml',
  ];
  if (!ctx.viewer) throw unauthenticated();
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw badInput('Đường dẫn không hợp lệ.');
    }
  };
  const scheme = decode(schemeCode);
  if (what === 'templates') {
    if (extension !== 'dsd.xml') throw badInput('Mẫu báo cáo chỉ có tệp .dsd.xml.');
    return dsdFile(ctx, scheme, decode(id));
  }
  if (extension === 'dsd.xml') throw badInput('Tệp .dsd.xml là của mẫu báo cáo (templates/…).');
  const format: PayloadFormat = extension === 'json' ? 'DHIS2_JSON' : 'ADX_XML';
  const { book } = await loadCodeBook(ctx.prisma, scheme);
  let values;
  if (what === 'submissions') {
    const raw = params.get('version');
    const version = raw === null ? null : Number(raw);
    if (version !== null && (!Number.isInteger(version) || version < 1)) {
      throw badInput('version phải là số nguyên dương.');
    }
    const sent = await sentVersion(ctx.prisma, id, version);
    // As elsewhere: a report one may not read is one that is not there.
    if (!canReadSubmission(ctx.viewer, { orgPath: sent.orgPath, status: sent.status })) {
      throw notFound('bản đã gửi của báo cáo');
    }
    values = sent.values;
  } else {
    values = await consolidatedValues(ctx, id);
  }
  let body: string;
  try {
    body = renderPayload(format, [values], book, new Date());
  } catch (error) {
    asBadInput(error);
  }
  const name = fileSafe(`${values.templateCode} ${values.orgCode} ${values.period.label}`);
  return {
    name: `${name}.${extension}`,
    body: Buffer.from(body, 'utf8'),
    type: format === 'DHIS2_JSON' ? TYPES.json : TYPES.xml,
  };
}

async function dsdFile(ctx: Context, schemeCode: string, templateCode: string) {
  const { scheme, book } = await schemeFor(ctx, schemeCode, 'READ');
  const template = await ctx.prisma.reportTemplate.findFirst({
    where: { code: templateCode },
    orderBy: { version: 'desc' },
    select: { id: true, name: true },
  });
  if (!template || !book.dataSet(templateCode)) {
    throw badInput(`Bảng mã ${schemeCode} chưa có mã cho mẫu ${templateCode}.`);
  }
  const names = await dsdNames(ctx, template.id, book);
  const body = dataStructureDefinition(
    book,
    templateCode,
    { template: template.name, ...names },
    scheme.updatedAt,
  );
  return { name: `${templateCode}.dsd.xml`, body: Buffer.from(body, 'utf8'), type: TYPES.xml };
}

/** The names a DSD gives its codes: the row and column of a data element, the agency's name. */
export async function dsdNames(
  ctx: Pick<Context, 'prisma'>,
  templateId: string,
  book: Awaited<ReturnType<typeof loadCodeBook>>['book'],
) {
  const shape = (await templateShape(ctx.prisma, templateId))!;
  const elementNames = new Map<string, string>();
  for (const { cell, code } of book.elementsOf(shape.code)) {
    const table = shape.tables.find((t) => t.key === cell.tableKey);
    const row = table?.rows.find((r) => r.key === cell.rowKey)?.label ?? cell.rowKey;
    const column = table?.columns.find((c) => c.key === cell.columnKey)?.label ?? cell.columnKey;
    if (!elementNames.has(code.dataElement))
      elementNames.set(code.dataElement, `${row} – ${column}`);
  }
  const orgCodes = book.orgUnits().map((u) => book.orgOf(u)!);
  const orgs = new Map(
    (
      await ctx.prisma.org.findMany({
        where: { code: { in: orgCodes } },
        select: { code: true, name: true },
      })
    ).map((o) => [o.code, o.name]),
  );
  return {
    element: (code: string) => elementNames.get(code) ?? code,
    orgUnit: (code: string) => orgs.get(book.orgOf(code) ?? '') ?? code,
  };
}
