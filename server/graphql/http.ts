// GraphQL over HTTP at /graphql: Apollo Server through its own integration API
// (executeHTTPGraphQLRequest), on Node's request and response, with the body read by body-parser
// under a limit that a valid token raises, query limits, and errors that carry extensions.code
// but never a stack trace or SQL outside development. Refusals before GraphQL use the one error
// shape of server/http.
//
// Why not Apollo's Express integration, when Express routes every other path: measured under load
// on PostgreSQL, Express's handling of a request (its req/res prototypes, router, send) cost
// 0.15–0.2 ms of server CPU per request — a third of a light query, and ReportSheet fell from
// 1.13× PostGraphile's rate to 0.96×. This is the one hot path; it stays on Node's objects.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import bodyParser from 'body-parser';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { schema } from './schema.ts';
import { compiledGateway } from './compiled.ts';
import { nestingRefusal, queryLimits } from './limits.ts';
import type { Context } from './context.ts';
import type { MessagingConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { viewerFromHeader, type ViewerResult } from '../auth/viewer.ts';
import { CLIENT_CODES, HttpError, sendError } from '../http/errors.ts';
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

export async function createGraphqlHandler(
  db: Database,
  options: {
    development?: boolean;
    log?: (message: string) => void;
    addressOf?: AddressOf;
    /** TRUST_ANCHORS and TRUST_CRLS: where signatures are verified against. */
    trust?: { anchors: string[]; crls: string[] };
    /** SMTP_URL, MAIL_FROM, PUBLIC_URL: invitations and password resets by email. */
    messaging?: MessagingConfig;
  } = {},
) {
  const signing = { trust: options.trust ?? { anchors: [], crls: [] } };
  const addressOf = options.addressOf ?? addressReader();
  const development = options.development ?? process.env.NODE_ENV === 'development';
  const apollo = new ApolloServer<Context>({
    // The schema, executed by compiled code for the queries sent again and again (compiled.ts).
    gateway: compiledGateway(schema),
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

  /**
   * Who is asking, found once per request, before its body (whose limit depends on it); 503 when
   * the database is unreachable.
   */
  const viewerOf = async (req: IncomingMessage): Promise<ViewerResult> => {
    try {
      return await viewerFromHeader(db, req.headers.authorization);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw new HttpError('SERVICE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE, {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
  };

  // body-parser's JSON reader, one per limit. Every body is read as JSON whatever its content
  // type: a form-encoded one is refused here as not JSON, before Apollo's CSRF prevention would.
  const parsers = {
    anonymous: bodyParser.json({ limit: MAX_BODY_BYTES, type: () => true, strict: false }),
    signedIn: bodyParser.json({ limit: MAX_SIGNED_IN_BODY_BYTES, type: () => true, strict: false }),
  };
  type Parsed = IncomingMessage & { body?: unknown };

  /** What is checked before GraphQL sees the request: its size, its JSON, its nesting, its text. */
  function checked(req: Parsed, url: URL, found: ViewerResult, error: unknown): HttpError | null {
    if (error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        const limit = found.viewer ? MAX_SIGNED_IN_BODY_BYTES : MAX_BODY_BYTES;
        return new HttpError(
          'PAYLOAD_TOO_LARGE',
          `Yêu cầu quá lớn (tối đa ${limit / 1024 / 1024} MB${found.viewer ? '' : ' khi chưa đăng nhập'}).`,
        );
      }
      if (type === 'entity.parse.failed' || type === 'charset.unsupported') {
        return new HttpError('BAD_REQUEST', 'Nội dung yêu cầu không phải JSON hợp lệ.');
      }
      throw error;
    }
    const parsed = req.body;
    const queries = [
      ...(Array.isArray(parsed) ? parsed : [parsed]).map((p) => (p as { query?: unknown })?.query),
      url.searchParams.get('query'),
    ];
    const tooDeep = queries.map(nestingRefusal).find((m) => m !== null);
    if (tooDeep) return new HttpError('BAD_USER_INPUT', tooDeep);
    if (hasInvalidText(parsed) || hasInvalidText([...url.searchParams.values()])) {
      return new HttpError('BAD_USER_INPUT', INVALID_TEXT_MESSAGE);
    }
    return null;
  }

  /**
   * Answers one GraphQL request. A refusal before GraphQL is answered here in the one error shape;
   * anything unforeseen is thrown to the caller, which logs it and answers 500.
   */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // The token is read before the body: only someone signed in may send a large save.
      const found = await viewerOf(req);
      const parse = found.viewer ? parsers.signedIn : parsers.anonymous;
      const error = await new Promise<unknown>((resolve) => parse(req, res, resolve));
      const url = new URL(req.url ?? '/', 'http://localhost');
      const refusal = checked(req, url, found, error);
      if (refusal) throw refusal;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method ?? 'GET',
          headers,
          search: url.search,
          body: (req as Parsed).body ?? {},
        },
        context: async () => {
          if (!found.viewer && found.problem) {
            throw new GraphQLError(found.problem, {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          return {
            db,
            prisma: db.prisma,
            viewer: found.viewer,
            address: addressOf(req),
            signing,
            messaging: options.messaging,
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
    } catch (error) {
      if (!(error instanceof HttpError) || res.headersSent) throw error;
      sendError(res, error);
    }
  }

  return { handle, stop: () => apollo.stop() };
}
