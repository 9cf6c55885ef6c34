// One story for errors over HTTP, whatever the path (/graphql, /files, the rest): one table from
// error code to HTTP status, and one JSON shape, GraphQL's own, so a client reads every refusal
// the same way:
//   { "errors": [{ "message": "…", "extensions": { "code": "…", … } }] }
// Codes a client may see are those of the contract README plus the HTTP-level ones below;
// anything else is INTERNAL_SERVER_ERROR, with no detail.
import type { ServerResponse } from 'node:http';

export const ERROR_STATUS = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type HttpErrorCode = keyof typeof ERROR_STATUS;

/** The codes a client is told as they are (GraphQL's validation codes besides). */
export const CLIENT_CODES: ReadonlySet<string> = new Set<string>([
  ...Object.keys(ERROR_STATUS).filter((c) => c !== 'INTERNAL_SERVER_ERROR'),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** A refusal at the HTTP level, before or beside GraphQL. */
export class HttpError extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * Answers with an error in the one shape. A retryAfterSeconds extension (429, 503) also goes in
 * Retry-After; after a refused upload the connection is closed, its body being unread.
 */
export function sendError(res: ServerResponse, error: HttpError): void {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  const retry = error.extensions.retryAfterSeconds;
  if (typeof retry === 'number') headers['retry-after'] = String(retry);
  if (error.code === 'PAYLOAD_TOO_LARGE') headers.connection = 'close';
  res.writeHead(error.status, headers);
  res.end(JSON.stringify(errorBody(error.code, error.message, error.extensions)));
}
