// GraphQL over HTTP at /graphql: Apollo Server driven from Node's own http server, with a request
// body limit, query limits, and errors that carry extensions.code but never a stack trace or SQL
// outside development.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { schema } from './schema.ts';
import { nestingRefusal, queryLimits } from './limits.ts';
import type { Context } from './context.ts';
import type { Database } from '../db/database.ts';
import { viewerFromHeader, type ViewerResult } from '../auth/viewer.ts';
import {
  MAX_REQUEST_BYTES,
  MAX_SIGNED_IN_REQUEST_BYTES,
} from '../../shared/reporting/save-size.ts';
import { addressReader, type AddressOf } from '../auth/client-address.ts';
import { hasInvalidText, INVALID_TEXT_MESSAGE, libraryInputMessage } from './input-check.ts';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
  RETRY_AFTER_SECONDS,
} from '../db/unavailable.ts';

/** A request body without a valid token; a signed-in one may carry a large save (save-size.ts). */
export const MAX_BODY_BYTES = MAX_REQUEST_BYTES;
export const MAX_SIGNED_IN_BODY_BYTES = MAX_SIGNED_IN_REQUEST_BYTES;

const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function formatError(
  formatted: GraphQLFormattedError,
  development: boolean,
  error?: unknown,
): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (CLIENT_CODES.has(code)) {
    if (development) return formatted;
    const extensions = { ...formatted.extensions };
    delete extensions.stacktrace;
    return { ...formatted, extensions };
  }
  // The database is restarting or unreachable: say so, so the client retries (same key).
  if (isDatabaseUnavailable(error)) {
    return {
      message: DATABASE_UNAVAILABLE_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }
  const inputMessage = libraryInputMessage(unwrapResolverError(error));
  if (inputMessage) {
    return {
      message: inputMessage,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  if (development) return formatted;
  // Anything unexpected (a database error, a bug) is masked: no message, stack or SQL leaks.
  return {
    message: 'Lỗi máy chủ nội bộ. Vui lòng thử lại sau / Internal server error.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super();
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** HTTP 503 with Retry-After when a resolver found the database unreachable. */
const unavailableStatus: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, response }) {
        if (errors.some((e) => isDatabaseUnavailable(e.originalError))) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        }
      },
    };
  },
};

/**
 * What the client sees as INTERNAL_SERVER_ERROR (a bug, a failure nobody foresaw) goes to the
 * server's log with its cause, since the answer says nothing about it.
 */
function logUnexpected(log: (message: string) => void): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            const said = formatError({ message: e.message, extensions: e.extensions }, false, e);
            if (said.extensions?.code !== 'INTERNAL_SERVER_ERROR') continue;
            const cause = e.originalError ?? e;
            const code = (cause as { code?: unknown }).code;
            log(
              `Lỗi không lường trước${e.path ? ` ở ${e.path.join('.')}` : ''}: ${cause.name}` +
                `${typeof code === 'string' ? ` ${code}` : ''}: ${cause.message.trim()}`,
            );
          }
        },
      };
    },
  };
}

/** The database failed while finding who is asking: 503 when it is unreachable. */
function contextFailure(error: unknown): never {
  if (!isDatabaseUnavailable(error)) throw error;
  throw new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: {
        status: 503,
        headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]),
      },
    },
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function createGraphqlHandler(
  db: Database,
  options: { development?: boolean; log?: (message: string) => void; addressOf?: AddressOf } = {},
) {
  const addressOf = options.addressOf ?? addressReader();
  const development = options.development ?? process.env.NODE_ENV === 'development';
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: [queryLimits],
    includeStacktraceInErrorResponses: development,
    formatError: (formatted, error) => formatError(formatted, development, error),
    // No cache hints are set, yet the default cache-control plugin hooks every field resolved;
    // the one header it would add (no-store) is set below.
    plugins: [
      unavailableStatus,
      logUnexpected(options.log ?? console.error),
      ApolloServerPluginCacheControlDisabled(),
    ],
    introspection: true,
    csrfPrevention: true,
    // server/main.ts stops everything in order on SIGTERM/SIGINT (the database last); Apollo's
    // own handlers would re-raise the signal and end the process before the database is closed.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The token is read before the body: only someone signed in may send a large save.
    let found: ViewerResult | null = null;
    if (req.method === 'POST' && req.headers.authorization) {
      try {
        found = await viewerFromHeader(db, req.headers.authorization);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        sendJson(res, 503, {
          errors: [
            {
              message: DATABASE_UNAVAILABLE_MESSAGE,
              extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
            },
          ],
        });
        return;
      }
    }
    const limit = found?.viewer ? MAX_SIGNED_IN_BODY_BYTES : MAX_BODY_BYTES;
    let body: string;
    try {
      body = req.method === 'POST' ? await readBody(req, limit) : '';
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, {
          errors: [
            {
              message: `Yêu cầu quá lớn (tối đa ${error.limit / 1024 / 1024} MB${found?.viewer ? '' : ' khi chưa đăng nhập'}).`,
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        });
        return;
      }
      throw error;
    }
    let parsed: unknown = undefined;
    if (body) {
      try {
        parsed = JSON.parse(body);
      } catch {
        sendJson(res, 400, {
          errors: [
            {
              message: 'Nội dung yêu cầu không phải JSON hợp lệ.',
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        });
        return;
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const queries = [
      ...(Array.isArray(parsed) ? parsed : [parsed]).map((p) => (p as { query?: unknown })?.query),
      url.searchParams.get('query'),
    ];
    const tooDeep = queries.map(nestingRefusal).find((m) => m !== null);
    if (tooDeep) {
      sendJson(res, 400, {
        errors: [{ message: tooDeep, extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    if (hasInvalidText(parsed) || hasInvalidText([...url.searchParams.values()])) {
      sendJson(res, 400, {
        errors: [{ message: INVALID_TEXT_MESSAGE, extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method ?? 'GET',
        headers,
        search: url.search,
        body: parsed,
      },
      context: async () => {
        const who =
          found ?? (await viewerFromHeader(db, req.headers.authorization).catch(contextFailure));
        if (!who.viewer && who.problem) {
          throw new GraphQLError(who.problem, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        return {
          db,
          prisma: db.prisma,
          viewer: who.viewer,
          address: addressOf(req),
        };
      },
    });
    // Answers depend on who asks: never stored by a browser or proxy.
    const outHeaders: Record<string, string> = { 'cache-control': 'no-store' };
    for (const [key, value] of result.headers) outHeaders[key] = value;
    res.writeHead(result.status ?? 200, outHeaders);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  return { handle, stop: () => apollo.stop() };
}
