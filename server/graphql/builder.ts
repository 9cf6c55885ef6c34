// The Pothos schema builder shared by every domain module. Access is declared on fields with
// authScopes (scope-auth plugin); resolvers stay thin and call the modules' plain functions.
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type PrismaTypes from '../../generated/pothos-types.ts';
import { getDatamodel } from '../../generated/pothos-types.ts';
import type { Context } from './context.ts';
import { hasRole, type Role } from '../auth/access.ts';
import { forbidden, unauthenticated } from './errors.ts';
import { isoDate as calendarDate } from '../../shared/cells/parse.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  AuthScopes: {
    /** Any signed-in user. */
    authenticated: boolean;
    /** Holds the role somewhere in the org tree; per-object checks narrow it further. */
    role: Role;
    /** Holds one of the roles somewhere (the leader or an administrator, say). */
    anyRole: readonly Role[];
  };
  Scalars: {
    ID: { Input: string; Output: string };
    Date: { Input: string; Output: Date | string };
    DateTime: { Input: string; Output: Date | string };
    Money: { Input: number; Output: bigint | number };
  };
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: Boolean(ctx.viewer),
      role: (role) => hasRole(ctx.viewer, role),
      anyRole: (roles) => roles.some((role) => hasRole(ctx.viewer, role)),
    }),
    unauthorizedError: (_parent, ctx, _info, result): GraphQLError =>
      ctx.viewer
        ? forbidden(result.message === 'Not authorized' ? undefined : result.message)
        : unauthenticated(),
  },
});

const isoDate = (value: Date | string): string =>
  typeof value === 'string' ? value : value.toISOString().slice(0, 10);

builder.scalarType('Date', {
  description: 'Ngày dạng ISO YYYY-MM-DD / a calendar date, ISO YYYY-MM-DD',
  serialize: isoDate,
  parseValue: (value) => {
    const parts = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    // A real day of the calendar: "9999-99-99" has the shape but no date, and reached the query.
    if (!parts || !calendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]))) {
      throw new GraphQLError(
        'Ngày phải có dạng YYYY-MM-DD và là một ngày có thật (năm 1900–2200).',
        {
          extensions: { code: 'BAD_USER_INPUT' },
        },
      );
    }
    return value as string;
  },
});

builder.scalarType('DateTime', {
  description: 'Thời điểm ISO 8601 có múi giờ / an instant, ISO 8601 with offset',
  serialize: (value) => (typeof value === 'string' ? value : value.toISOString()),
  parseValue: (value) => {
    if (
      typeof value !== 'string' ||
      Number.isNaN(Date.parse(value)) ||
      !/[T ]\d{2}:\d{2}/.test(value)
    ) {
      throw new GraphQLError('Thời điểm phải theo ISO 8601, ví dụ 2023-08-20T17:00:00+07:00.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  },
});

builder.scalarType('Money', {
  description: 'Số tiền nguyên, đơn vị đồng / an amount in whole đồng',
  serialize: (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error('Money value out of the safe integer range');
    return n;
  },
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new GraphQLError('Số tiền phải là số nguyên đồng.', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  },
});

builder.queryType({});
builder.mutationType({});
