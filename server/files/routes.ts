// .xlsx over HTTP, beside GraphQL: an agency downloads its sheet and uploads it filled (the
// upload goes through SaveReport itself, so the same checks and problems apply); the
// consolidating department downloads the consolidated report.
//   GET  /files/requests/:requestId/sheet.xlsx?orgId=…
//   POST /files/requests/:requestId/sheet.xlsx?orgId=…&submit=1   (body: the .xlsx; header
//        Idempotency-Key; the base version is the one the file was downloaded at)
//   GET  /files/requests/:requestId/consolidated.xlsx
//   GET  /files/submissions/:submissionId/signed.pdf   (the leader's signed PDF copy of a report,
//        for whoever may read the report: server/signatures/)
//   GET  /files/orgs/:rootOrgId/roster.xlsx   (the roster template of a province, for its
//        administrators; uploaded through importOrgsAndUsers: server/orgs/roster/)
//   GET  /files/series.csv?… and /files/series.xlsx?…   (an indicator across periods and agencies,
//        for pivoting in Excel: server/series/files.ts)
//   GET  /files/dti/:assessmentId/export.xlsx   (a province's DTI self-assessment in the layout of
//        the national collection: server/dti/export-xlsx.ts)
//   GET  /files/exchange/:scheme/…   (DHIS2 dataValueSets JSON, ADX XML and the SDMX DSD of sent
//        reports and consolidations, through the Sở's mapping table: server/exchange/files.ts)
//   GET  /files/requests/:requestId/bao-cao-tong-hop.docx and …/cong-van-don-doc.docx   (the
//        consolidator's báo cáo tổng hợp and công văn đôn đốc: server/documents/)
import type http from 'node:http';
import contentDisposition from 'content-disposition';
import type { Database } from '../db/database.ts';
import { viewerFromHeader } from '../auth/viewer.ts';
import { addressReader, type AddressOf } from '../auth/client-address.ts';
import type { Context } from '../graphql/context.ts';
import { AppError } from '../graphql/errors.ts';
import { ERROR_STATUS, HttpError, sendError, type HttpErrorCode } from '../http/errors.ts';
import { openSheet } from '../sheets/sheet.ts';
import { saveReport } from '../submissions/save.ts';
import { openStanding } from '../consolidation/consolidate.ts';
import {
  everyAnswer,
  everyTable,
  openPagedConsolidation,
  outlineSections,
  tableRowsInSheetOrder,
} from '../consolidation/pages.ts';
import { writeConsolidatedXlsx } from './consolidated-xlsx.ts';
import { sheetToXlsx, xlsxToSaveInput } from './sheet-xlsx.ts';
import { sheetSnapshot } from './report-record.ts';
import { ADDIN_ID } from '../addin/manifest.ts';
import { FileError, MAX_UPLOAD_BYTES } from './workbook.ts';
import { asciiName, fileSafe } from './file-names.ts';
import { loadSigning } from '../libraries.ts';
import { administeredRoot, readTree } from '../orgs/roster/apply.ts';
import { rosterFileName, rosterTemplate } from '../orgs/roster/workbook.ts';
import { DOCUMENT_ROUTE, DOCX, requestDocument } from '../documents/files.ts';
import { DTI_EXPORT_ROUTE, dtiExport } from '../dti/export-xlsx.ts';
import { SERIES_ROUTE, seriesFile } from '../series/files.ts';
import { EXCHANGE_ROUTE, exchangeFile } from '../exchange/files.ts';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
} from '../db/unavailable.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** A Vietnamese file name, with an ASCII fallback for old clients (RFC 6266 / 5987). */
function sendFile(res: http.ServerResponse, name: string, body: Buffer, type = XLSX): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'content-disposition': contentDisposition(name, { fallback: asciiName(name) }),
    'cache-control': 'no-store',
  });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) {
      throw new HttpError('PAYLOAD_TOO_LARGE', `Tệp lớn quá ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function downloadSheet(
  ctx: Context,
  requestId: string,
  orgId: string | null,
  res: http.ServerResponse,
) {
  const opened = await openSheet(ctx, requestId, orgId);
  const body = await sheetToXlsx(
    {
      requestId: opened.request.id,
      requestTitle: opened.request.title,
      periodLabel: opened.request.periodLabel,
      deadline: opened.request.deadline,
      orgId: opened.org.id,
      orgName: opened.org.name,
      templateCode: opened.template.code,
      templateName: opened.template.name,
      templateVersion: opened.template.version,
      submissionVersion: opened.submission?.version ?? 0,
      status: opened.submission?.status ?? 'NOT_STARTED',
    },
    opened.sheet,
    // The file opens with the add-in, which recognises it like a report it pulled.
    { addinId: ADDIN_ID, snapshot: sheetSnapshot(opened) },
  );
  sendFile(
    res,
    `${fileSafe(opened.org.name)} - ${fileSafe(opened.request.periodLabel)}.xlsx`,
    body,
  );
}

async function uploadSheet(
  ctx: Context,
  requestId: string,
  orgId: string | null,
  req: http.IncomingMessage,
  url: URL,
  res: http.ServerResponse,
) {
  const idempotencyKey = req.headers['idempotency-key'];
  if (typeof idempotencyKey !== 'string' || !idempotencyKey) {
    throw new HttpError(
      'BAD_USER_INPUT',
      'Thiếu tiêu đề Idempotency-Key (mỗi lần tải lên một khóa mới).',
    );
  }
  const body = await readBody(req);
  const opened = await openSheet(ctx, requestId, orgId);
  const uploaded = await xlsxToSaveInput(body, opened.sheet);
  if (uploaded.requestId !== opened.request.id || uploaded.orgId !== opened.org.id) {
    throw new FileError('Tệp này là biểu của một yêu cầu hoặc đơn vị khác.');
  }
  if (uploaded.problems.length) {
    sendJson(res, 200, { submission: opened.submission, problems: uploaded.problems });
    return;
  }
  const base = url.searchParams.get('baseVersion');
  const result = await saveReport(ctx, {
    requestId: opened.request.id,
    orgId: opened.org.id,
    baseVersion: base === null ? uploaded.submissionVersion : Number(base),
    idempotencyKey,
    submit: ['1', 'true'].includes(url.searchParams.get('submit') ?? ''),
    ...uploaded.input,
  });
  const s = result.submission;
  sendJson(res, 200, {
    submission: s && {
      id: s.id,
      status: s.status,
      version: s.version,
      submittedAt: s.submittedAt,
      late: s.late,
    },
    problems: result.problems,
  });
}

async function downloadConsolidated(ctx: Context, requestId: string, res: http.ServerResponse) {
  // Everything that can refuse (access, a missing request) before the first byte is sent.
  const paged = await openPagedConsolidation(ctx, requestId, 'AS_REPORTED');
  const standing = await openStanding(ctx, paged.frame);
  res.writeHead(200, {
    'content-type': XLSX,
    'content-disposition': contentDisposition(
      `Tong hop - ${fileSafe(standing.request.title)}.xlsx`,
      { fallback: asciiName(`Tong hop - ${fileSafe(standing.request.title)}.xlsx`) },
    ),
    'cache-control': 'no-store',
  });
  await writeConsolidatedXlsx(
    res,
    {
      requestTitle: standing.request.title,
      periodLabel: standing.request.periodLabel,
      deadline: standing.request.deadline,
      consolidatorName: standing.request.consolidatorName,
      generatedAt: new Date(),
    },
    standing.recipients,
    standing.completeness,
    everyTable(paged).map((piece) => ({
      title: piece.table.title,
      description: piece.table.description,
      columns: piece.columns,
      rows: () => tableRowsInSheetOrder(ctx, piece),
    })),
    outlineSections(paged).map((piece) => ({
      ...piece.section,
      answers: () => everyAnswer(ctx, piece),
    })),
  );
}

async function downloadRoster(ctx: Context, rootOrgId: string, res: http.ServerResponse) {
  const root = await administeredRoot(ctx, rootOrgId);
  const body = await rosterTemplate({ root, ...(await readTree(ctx.prisma, root)) });
  sendFile(res, rosterFileName('Danh sách đơn vị và tài khoản', root.name), body);
}

/** A failure of a file route in the one error shape; anything unforeseen goes on, to be logged. */
function asHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof FileError) return new HttpError('BAD_USER_INPUT', error.message);
  if (error instanceof AppError) {
    const { code, ...extensions } = error.extensions;
    const known = String(code) in ERROR_STATUS ? (String(code) as HttpErrorCode) : 'BAD_USER_INPUT';
    delete extensions.http;
    return new HttpError(known, error.message, extensions);
  }
  if (isDatabaseUnavailable(error)) {
    return new HttpError('SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  throw error;
}

const ROUTE = /^\/files\/requests\/([^/]+)\/(sheet|consolidated)\.xlsx$/;
const ROSTER_ROUTE = /^\/files\/orgs\/([^/]+)\/roster\.xlsx$/;
const SIGNED_COPY_ROUTE = /^\/files\/submissions\/([^/]+)\/signed\.pdf$/;

/** Handles /files/… requests; false when the path is not one of these. */
export async function handleFileRequest(
  db: Database,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  addressOf: AddressOf = addressReader(),
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = ROUTE.exec(url.pathname);
  const roster = ROSTER_ROUTE.exec(url.pathname);
  const signed = SIGNED_COPY_ROUTE.exec(url.pathname);
  const document = DOCUMENT_ROUTE.exec(url.pathname);
  const dti = DTI_EXPORT_ROUTE.exec(url.pathname);
  const series = SERIES_ROUTE.exec(url.pathname);
  const exchange = EXCHANGE_ROUTE.exec(url.pathname);
  if (!match && !roster && !signed && !document && !dti && !series && !exchange) return false;
  const [, requestId, what] = (match ?? []) as unknown as [
    string,
    string,
    'sheet' | 'consolidated',
  ];
  try {
    const found = await viewerFromHeader(db, req.headers.authorization);
    if (!found.viewer) {
      throw new HttpError(
        'UNAUTHENTICATED',
        found.problem ?? 'Cần đăng nhập (Authorization: Bearer <token>).',
      );
    }
    const ctx: Context = {
      db,
      prisma: db.prisma,
      viewer: found.viewer,
      address: addressOf(req),
    };
    const orgId = url.searchParams.get('orgId');
    if (exchange) {
      if (req.method !== 'GET') {
        throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
      }
      const file = await exchangeFile(ctx, exchange, url.searchParams);
      sendFile(res, file.name, file.body, file.type);
    } else if (series) {
      if (req.method !== 'GET') {
        throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
      }
      const file = await seriesFile(ctx, series[1] as 'csv' | 'xlsx', url.searchParams);
      sendFile(res, file.name, file.body, file.type);
    } else if (dti) {
      if (req.method !== 'GET') {
        throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
      }
      const file = await dtiExport(ctx, dti[1]!);
      sendFile(res, file.name, file.xlsx);
    } else if (document) {
      if (req.method !== 'GET') {
        throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
      }
      const file = await requestDocument(ctx, document[1]!, document[2]!);
      sendFile(res, `${file.name} - ${fileSafe(file.requestTitle)}.docx`, file.docx, DOCX);
    } else if (signed) {
      if (req.method !== 'GET') {
        throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
      }
      const copy = await (await loadSigning()).signedCopy(ctx, signed[1]!);
      if (!copy) throw new HttpError('NOT_FOUND', 'Báo cáo chưa có bản PDF đã ký số.');
      sendFile(res, copy.fileName, copy.pdf, 'application/pdf');
    } else if (roster) {
      if (req.method !== 'GET') {
        throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
      }
      await downloadRoster(ctx, roster[1]!, res);
    } else if (req.method === 'GET' && what === 'sheet')
      await downloadSheet(ctx, requestId, orgId, res);
    else if (req.method === 'POST' && what === 'sheet')
      await uploadSheet(ctx, requestId, orgId, req, url, res);
    else if (req.method === 'GET' && what === 'consolidated')
      await downloadConsolidated(ctx, requestId, res);
    else throw new HttpError('METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.');
  } catch (error) {
    if (res.headersSent) res.destroy();
    else sendError(res, asHttpError(error));
  }
  return true;
}
