// The contract operations (docs/contract) as the explorer's saved examples, each with the comment
// written above it, which says what it does.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print } from 'graphql';

export interface Example {
  name: string;
  file: string;
  comment: string;
  query: string;
}

const contractDir = fileURLToPath(new URL('../../docs/contract/', import.meta.url));

export function loadExamples(dir = contractDir): Example[] {
  const examples: Example[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const text = readFileSync(dir + file, 'utf8');
    for (const def of parse(text).definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION || !def.name || !def.loc) continue;
      const before = text.slice(0, def.loc.start).split('\n');
      const comment: string[] = [];
      for (let i = before.length - 2; i >= 0 && before[i]!.startsWith('#'); i--) {
        comment.unshift(before[i]!.replace(/^#\s?/, ''));
      }
      examples.push({ name: def.name.value, file, comment: comment.join('\n'), query: print(def) });
    }
  }
  return examples;
}
