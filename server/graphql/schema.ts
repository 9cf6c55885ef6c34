// The whole GraphQL schema: each domain module registers its types and fields on the builder.
import { printSchema } from 'graphql';
import { builder } from './builder.ts';
import './enums.ts';
import '../auth/schema.ts';
import '../orgs/schema.ts';
import '../orgs/roster/schema.ts';
import '../plans/schema.ts';
import '../plans/import-schema.ts';
import '../reporting/schema.ts';
import '../targets/schema.ts';
import '../tasks/schema.ts';
import '../templates/schema.ts';
import '../requests/schema.ts';
import '../sheets/schema.ts';
import '../submissions/schema.ts';
import '../signatures/schema.ts';
import '../consolidation/schema.ts';
import '../reminders/schema.ts';
import '../dti/schema.ts';
import '../series/schema.ts';
import '../exchange/schema.ts';

export const schema = builder.toSchema({ sortSchema: true });

let printed: string | undefined;

/** The schema in SDL, as schema.graphql holds it and GET /schema.graphql serves it; printed once. */
export function schemaText(): string {
  return (printed ??= `${printSchema(schema)}\n`);
}
