// GraphQL over HTTP at /graphql: Apollo Server through its Express integration
// (@as-integrations/express5), with the body read by Express's JSON parser under a limit that a
// valid token raises, query limits, and errors that carry extensions.code but never a stack trace
// or SQL outside development. Refusals before GraphQL use the one error shape of server/http.
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { schema } from './schema.ts';
import { nestingRefusal, queryLimits } from './limits.ts';
import type { Context } from './context.ts';
import type { Database } from '../db/database.ts';
import { viewerFromHeader, type ViewerResult } from '../auth/viewer.ts';
import { CLIENT_CODES, HttpError } from '../http/errors.ts';
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

  /** Who is asking, found once per request (the body's limit depends on it). */
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

  const router = express.Router();
  // The token is read before the body: only someone signed in may send a large save.
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const found = req.method === 'POST' && req.headers.authorization ? await viewerOf(req) : null;
    res.locals.found = found;
    const limit = found?.viewer ? MAX_SIGNED_IN_BODY_BYTES : MAX_BODY_BYTES;
    // Every body is read as JSON whatever its content type: a form-encoded one is refused here
    // as not JSON, before Apollo's CSRF prevention would refuse it too.
    express.json({ limit, type: () => true, strict: false })(req, res, (error?: unknown) => {
      if (!error) return next();
      const e = error as { type?: string };
      if (e.type === 'entity.too.large') {
        return next(
          new HttpError(
            'PAYLOAD_TOO_LARGE',
            `Yêu cầu quá lớn (tối đa ${limit / 1024 / 1024} MB${found?.viewer ? '' : ' khi chưa đăng nhập'}).`,
          ),
        );
      }
      if (e.type === 'entity.parse.failed' || e.type === 'charset.unsupported') {
        return next(new HttpError('BAD_REQUEST', 'Nội dung yêu cầu không phải JSON hợp lệ.'));
      }
      next(error);
    });
  });
  router.use((req: Request, _res: Response, next: NextFunction) => {
    // A GET has no body; Apollo's integration wants one.
    if (req.body === undefined) req.body = {};
    const parsed: unknown = req.body;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const queries = [
      ...(Array.isArray(parsed) ? parsed : [parsed]).map((p) => (p as { query?: unknown })?.query),
      url.searchParams.get('query'),
    ];
    const tooDeep = queries.map(nestingRefusal).find((m) => m !== null);
    if (tooDeep) return next(new HttpError('BAD_USER_INPUT', tooDeep));
    if (hasInvalidText(parsed) || hasInvalidText([...url.searchParams.values()])) {
      return next(new HttpError('BAD_USER_INPUT', INVALID_TEXT_MESSAGE));
    }
    next();
  });
  router.use((_req: Request, res: Response, next: NextFunction) => {
    // Answers depend on who asks: never stored by a browser or proxy.
    res.setHeader('cache-control', 'no-store');
    next();
  });
  router.use(
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const who =
          (res.locals.found as ViewerResult | null) ??
          (await viewerFromHeader(db, req.headers.authorization).catch(contextFailure));
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
    }),
  );

  return { router, stop: () => apollo.stop() };
}
