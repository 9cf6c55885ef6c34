// Hostile inputs for every argument of every root field, read from the schema itself (so a new
// operation is fuzzed without anyone listing it): each input starts from a plausible call and
// replaces one value, anywhere in the arguments, with something hostile — a boundary number, a
// wrong type, a huge or strange string, an injection attempt — or drops a required argument.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** A deterministic generator (mulberry32), so a failing input can be found again by its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T =>
  list[Math.floor(rnd() * list.length)]!;

/** Strings people and attackers type. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  'x'.repeat(100_000),
  'Sở Y tế tỉnh Nghệ An'.normalize('NFD'),
  'Báo cáo'.normalize('NFD').repeat(5000),
  "' OR '1'='1",
  '\'; DROP TABLE "Org"; --',
  '1; SELECT pg_sleep(5)',
  '") { __typename } #',
  '=HYPERLINK("http://example.invalid","bấm vào")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u202eoctet',
  '\u200b\ufeff',
  '🇻🇳🏳️‍🌈'.repeat(100),
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%27%22',
  '1e309',
  'NaN',
  '-0',
  '2023-02-30',
  '9999-99-99',
  '0000-00-00T00:00:00Z',
  '2024-01-20T17:00:00+99:99',
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '1.234,5',
  '314.400.000 đ',
  '80%',
  'có',
  'th_' + 'A'.repeat(43),
];

const hostileNumbers: readonly number[] = [
  0,
  -1,
  1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  0.5,
  -0.000001,
];

function hostileValue(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.5) return pick(rnd, hostileStrings);
  if (r < 0.7) return pick(rnd, hostileNumbers);
  if (r < 0.75) return pick(rnd, [true, false]);
  if (r < 0.8) return null;
  if (r < 0.85) return pick(rnd, [[], {}, { a: 1 }, [null], [[[['x']]]]]);
  if (r < 0.9) return Array.from({ length: 10_000 }, (_, i) => `x${i}`);
  if (r < 0.95) {
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = i % 2 ? { a: deep } : [deep];
    return deep;
  }
  return Array.from({ length: 2000 }, () => ({ key: 'pl03', rows: [] }));
}

/** Real ids of the database, by what they name; arguments called …Id or id draw from them. */
export type IdPool = Record<string, string[]>;

function idFor(argName: string, ids: IdPool, rnd: () => number): string {
  const wanted = argName.replace(/Ids?$/, '').toLowerCase();
  const named = Object.entries(ids).find(([k]) => wanted && k.toLowerCase().includes(wanted));
  return pick(rnd, named?.[1]?.length ? named[1] : Object.values(ids).flat());
}

/** A plausible value of a type: what a well-behaved client might send. */
export function plausible(
  type: GraphQLInputType,
  name: string,
  ids: IdPool,
  rnd: () => number,
  depth = 0,
): unknown {
  if (isNonNullType(type)) return plausible(type.ofType, name, ids, rnd, depth);
  if (isListType(type)) {
    return depth > 4 ? [] : [plausible(type.ofType as GraphQLInputType, name, ids, rnd, depth + 1)];
  }
  if (isEnumType(type)) return pick(rnd, type.getValues()).name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) || rnd() < 0.5)
        out[f.name] = plausible(f.type, f.name, ids, rnd, depth + 1);
    }
    return out;
  }
  switch (isScalarType(type) ? type.name : '') {
    case 'ID':
      return idFor(name, ids, rnd);
    case 'Int':
      return name === 'first' ? 10 : name === 'year' ? 2024 : 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return name === 'dryRun' ? true : false;
    case 'Date':
      return '2024-01-15';
    case 'DateTime':
      return '2024-01-20T17:00:00+07:00';
    case 'Money':
      return 1_000_000;
    default:
      return name === 'email' ? 'syte.nghean@demo.vn' : 'Báo cáo thử nghiệm';
  }
}

/** Replaces one value somewhere inside `value` (or the whole of it) with a hostile one. */
function mutate(value: unknown, rnd: () => number): unknown {
  if (rnd() < 0.35 || value === null || typeof value !== 'object') return hostileValue(rnd);
  if (Array.isArray(value)) {
    if (!value.length) return [hostileValue(rnd)];
    const copy = [...value];
    const i = Math.floor(rnd() * copy.length);
    copy[i] = mutate(copy[i], rnd);
    return copy;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length || rnd() < 0.1) return { ...value, unexpected: hostileValue(rnd) };
  const [k, v] = pick(rnd, entries);
  if (rnd() < 0.1) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    delete copy[k]; // a required field missing
    return copy;
  }
  return { ...value, [k]: mutate(v, rnd) };
}

/** The scalar fields of the returned type, so resolvers below the root run too. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const scalars = Object.values(type.getFields())
    .filter((f) => !f.args.some((a) => isNonNullType(a.type)))
    .filter((f) => !isObjectType(getNamedType(f.type)))
    .map((f) => f.name);
  return `{ __typename ${scalars.join(' ')} }`;
}

function typeName(type: GraphQLInputType): string {
  return String(type);
}

export interface FuzzInput {
  operation: 'query' | 'mutation';
  field: string;
  query: string;
  variables: Record<string, unknown>;
  /** What was done, to read in a failure message. */
  description: string;
}

export interface RootField {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  return [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({
      operation: 'query' as const,
      field,
    })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({
      operation: 'mutation' as const,
      field,
    })),
  ];
}

/** One hostile call of a root field: plausible arguments with one of them spoiled. */
export function fuzzInput(root: RootField, ids: IdPool, rnd: () => number): FuzzInput {
  const { field, operation } = root;
  const args: readonly GraphQLArgument[] = field.args;
  const variables: Record<string, unknown> = {};
  for (const a of args) {
    if (isNonNullType(a.type) || rnd() < 0.5)
      variables[a.name] = plausible(a.type, a.name, ids, rnd);
  }
  let description = 'plausible arguments';
  if (args.length && rnd() < 0.9) {
    const target = pick(rnd, args);
    if (rnd() < 0.05) {
      delete variables[target.name];
      description = `${target.name} left out`;
    } else {
      variables[target.name] = mutate(variables[target.name] ?? null, rnd);
      description = `${target.name} spoiled`;
    }
  }
  const declared = args.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const query = `${operation}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} ${selectionOf(field)} }`;
  return { operation, field: field.name, query, variables, description };
}

/** What a response must never show: a stack trace, a file of ours, SQL or the ORM's words. */
export const LEAK =
  /stacktrace|node_modules|\.ts:\d+|at [\w$.<>]+ \(|Invalid `|prisma|PrismaClient|syntax error at or near|violates [\w -]*constraint|duplicate key value|relation "[^"]*" does not exist|invalid byte sequence|invalid input syntax|ERROR: |"public"\."/i;
