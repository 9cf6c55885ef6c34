// Rows read by hand-written SQL as JSON (row_to_json, json_build_object) turned into the values
// Prisma would have returned for the same columns, so they can stand in for Prisma rows (Pothos'
// Prisma objects read them). JSON is used because it reads the same on PGlite and on pg, where a
// `timestamp` column would otherwise be parsed in the machine's local time zone.
import { getDatamodel } from '../../generated/pothos-types.ts';

type Converter = (value: unknown) => unknown;

// A `timestamp` (Prisma's DateTime, stored in UTC) comes as "2025-07-15T08:30:00.123", a `date`
// as "2025-07-15"; both are UTC instants to Prisma.
const toDate: Converter = (v) =>
  typeof v === 'string' ? new Date(v.length === 10 ? `${v}T00:00:00Z` : `${v}Z`) : v;

const toBigInt: Converter = (v) => (typeof v === 'number' || typeof v === 'string' ? BigInt(v) : v);

const converters = new Map<string, Map<string, Converter>>();
for (const [model, { fields }] of Object.entries(getDatamodel().datamodel.models)) {
  const own = new Map<string, Converter>();
  for (const f of fields) {
    if (f.kind !== 'scalar' || f.isList) continue;
    if (f.type === 'DateTime') own.set(f.name, toDate);
    else if (f.type === 'BigInt') own.set(f.name, toBigInt);
  }
  converters.set(model, own);
}

/** The JSON of some or all of a model's columns, with its dates and big integers revived. */
export function prismaRow<T>(model: string, json: Record<string, unknown>): T {
  const own = converters.get(model);
  if (!own) throw new Error(`Unknown model ${model}`);
  const row: Record<string, unknown> = { ...json };
  for (const [name, convert] of own) {
    const value = row[name];
    if (value !== null && value !== undefined) row[name] = convert(value);
  }
  return row as T;
}
