// The contract's operations (docs/contract/*.graphql), by name, exactly as written there.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, print, Kind } from 'graphql';

export const contractDir = fileURLToPath(new URL('../../docs/contract/', import.meta.url));

export function contractOperations(): Map<string, { file: string; text: string }> {
  const ops = new Map<string, { file: string; text: string }>();
  for (const file of readdirSync(contractDir).filter((f) => f.endsWith('.graphql'))) {
    const doc = parse(readFileSync(contractDir + file, 'utf8'));
    for (const def of doc.definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION && def.name) {
        ops.set(def.name.value, { file, text: print(def) });
      }
    }
  }
  return ops;
}

export function contractOperation(name: string): string {
  const op = contractOperations().get(name);
  if (!op) throw new Error(`No operation ${name} in docs/contract`);
  return op.text;
}
