// Compiled execution of the queries clients send again and again (graphql-jit). The add-in opens
// ReportSheet all day, and graphql-js walks its ~1,000 fields generically each time: in a profile
// under load that was 12–19 % of the server's CPU. A query document seen COMPILE_AFTER_RUNS times
// is compiled once into plain JavaScript for this schema, and later runs of the same document
// (Apollo keeps one parsed, validated document per query text) execute the compiled code.
//
// Everything around execution stays Apollo's: parsing, validation (the query limits included),
// the context, error formatting and the plugins. What could tell the two executions apart is kept
// on graphql-js: mutations (rare, and their order of effects matters), documents with several
// operations, and variables graphql-js would refuse (its messages and BAD_USER_INPUT code are the
// ones clients know). test/server/graphql/compiled.test.ts checks answers and errors are the same
// byte for byte; GRAPHQL_COMPILE_AFTER_RUNS=0 compiles every query, to run any suite through it.
import type { CompiledQuery } from 'graphql-jit';
import { loadGraphqlJit } from '../libraries.ts';
import {
  execute,
  getVariableValues,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
// Types only, from the package @apollo/server itself depends on for its gateway option.
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import type { Context } from './context.ts';
/**
 * Runs of one document on graphql-js before it is compiled: a query sent once or twice (an
 * explorer session, a hostile client varying its text) never costs a compilation.
 */
export const COMPILE_AFTER_RUNS = readRuns(process.env.GRAPHQL_COMPILE_AFTER_RUNS, 3);

function readRuns(value: string | undefined, fallback: number): number {
  const runs = Number(value);
  return value !== undefined && Number.isInteger(runs) && runs >= 0 ? runs : fallback;
}

interface DocumentRuns {
  runs: number;
  /** The compiled operation once made; null: graphql-jit could not compile it. */
  compiled?: CompiledQuery | null;
}

/**
 * The executor: graphql-js for a document's first runs and for what stays on it, the compiled
 * query afterwards. Documents are weakly held: one Apollo drops from its cache is forgotten here.
 */
export function compiledExecutor(schema: GraphQLSchema, compileAfterRuns = COMPILE_AFTER_RUNS) {
  const byDocument = new WeakMap<DocumentNode, DocumentRuns>();

  async function compiledFor(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): Promise<CompiledQuery | null> {
    if (operation.operation !== 'query') return null;
    if (document.definitions.filter((d) => d.kind === 'OperationDefinition').length !== 1)
      return null;
    let entry = byDocument.get(document);
    if (!entry) byDocument.set(document, (entry = { runs: 0 }));
    entry.runs += 1;
    if (entry.runs <= compileAfterRuns) return null;
    if (entry.compiled === undefined) {
      const { compileQuery, isCompiledQuery } = await loadGraphqlJit();
      const made = compileQuery(schema, document, operation.name?.value);
      entry.compiled = isCompiledQuery(made) ? made : null;
    }
    const compiled = entry.compiled;
    if (!compiled) return null;
    // Variables graphql-js refuses get its answer, word for word.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    return coerced.errors ? null : compiled;
  }

  // Apollo types a gateway's context loosely; ours is the Context its context function made.
  const executor: GatewayExecutor = async (request: GatewayGraphQLRequestContext) => {
    const { document, operation } = request;
    const context = request.context as Context;
    const variables = request.request.variables ?? {};
    const compiled = operation ? await compiledFor(document, operation, variables) : null;
    if (compiled) return compiled.query(undefined, context, variables) as Promise<ExecutionResult>;
    return execute({
      schema,
      document,
      contextValue: context,
      variableValues: variables,
      // The name the client asked for: Apollo's own is null when no operation has it, and
      // graphql-js then says so ("Unknown operation named …") instead of running another.
      operationName: request.request.operationName,
    });
  };
  return executor;
}

/**
 * Apollo Server lets its execution be replaced only through the gateway interface: a gateway
 * that serves this one schema and executes with compiledExecutor.
 */
export function compiledGateway(schema: GraphQLSchema): GatewayInterface {
  const executor = compiledExecutor(schema);
  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}
