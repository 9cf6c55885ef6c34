// Bounds on what one GraphQL request may ask for: nesting depth and the number of fields after
// fragments are expanded (aliases count, so a thousand aliased copies of a field are refused).
// Introspection (__schema, __type) is measured on its own scale: the query every standard tool
// sends (graphql-js's getIntrospectionQuery: GraphiQL, Apollo Sandbox, codegen, Postman) nests 15
// levels through its TypeRef fragment, deeper than any query of data needs, yet an introspection
// query nested thousands of levels deep is refused like any other.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export const MAX_DEPTH = 12;
export const MAX_FIELDS = 2000;
/** Levels below __schema or __type: getIntrospectionQuery needs 14. */
export const MAX_INTROSPECTION_DEPTH = 20;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

interface Measure {
  /** Deepest level of data fields. */
  depth: number;
  /** Deepest level below an introspection root. */
  introspectionDepth: number;
  fields: number;
}

function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
  /** Levels below the introspection root this selection sits under, or null for data. */
  introspection: number | null = null,
): Measure {
  let maxDepth = introspection === null ? depth : 0;
  let maxIntrospection = introspection ?? 0;
  let fields = 0;
  const add = (inner: Measure) => {
    maxDepth = Math.max(maxDepth, inner.depth);
    maxIntrospection = Math.max(maxIntrospection, inner.introspectionDepth);
    fields += inner.fields;
  };
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      fields += 1;
      if (sel.selectionSet) {
        const below =
          introspection !== null
            ? introspection + 1
            : INTROSPECTION_ROOTS.has(sel.name.value)
              ? 1
              : null;
        add(measure(sel.selectionSet, fragments, depth + 1, seen, below));
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      add(measure(sel.selectionSet, fragments, depth, seen, introspection));
    } else {
      const fragment = fragments[sel.name.value];
      // A fragment spread inside itself is reported by graphql's own NoFragmentCycles rule.
      if (!fragment || seen.has(sel.name.value)) continue;
      add(
        measure(
          fragment.selectionSet,
          fragments,
          depth,
          new Set([...seen, sel.name.value]),
          introspection,
        ),
      );
    }
    if (fields > MAX_FIELDS * 10) break; // stop counting a hostile document early
  }
  return { depth: maxDepth, introspectionDepth: maxIntrospection, fields };
}

export function queryLimits(context: ValidationContext): ASTVisitor {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  return {
    OperationDefinition(node) {
      const { depth, introspectionDepth, fields } = measure(
        node.selectionSet,
        fragments,
        1,
        new Set(),
      );
      if (introspectionDepth > MAX_INTROSPECTION_DEPTH) {
        context.reportError(
          new GraphQLError(
            `Truy vấn lược đồ lồng quá sâu (${introspectionDepth} tầng, tối đa ${MAX_INTROSPECTION_DEPTH}).`,
            { nodes: [node], extensions: { code: 'BAD_USER_INPUT', limit: 'depth' } },
          ),
        );
      }
      if (depth > MAX_DEPTH) {
        context.reportError(
          new GraphQLError(`Truy vấn lồng quá sâu (${depth} tầng, tối đa ${MAX_DEPTH}).`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', limit: 'depth' },
          }),
        );
      }
      if (fields > MAX_FIELDS) {
        context.reportError(
          new GraphQLError(`Truy vấn có quá nhiều trường (${fields}, tối đa ${MAX_FIELDS}).`, {
            nodes: [node],
            extensions: { code: 'BAD_USER_INPUT', limit: 'fields' },
          }),
        );
      }
    },
  };
}

/** Brackets open at once in a query's text: far beyond MAX_DEPTH and any introspection. */
export const MAX_SYNTAX_NESTING = 64;

/**
 * How deep a query's text nests ({ } ( ) [ ]), outside strings and comments, read in one pass
 * before it is parsed: graphql-js parses recursively and a query thousands of levels deep would
 * exhaust the stack ("Maximum call stack size exceeded") instead of being refused by name.
 */
export function syntaxNesting(query: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n') i++;
    } else if (c === '"') {
      const block = query.startsWith('"""', i);
      i += block ? 3 : 1;
      while (i < query.length) {
        if (block && query.startsWith('\\"""', i)) {
          i += 4; // an escaped triple quote inside a block string
          continue;
        }
        if (block && query.startsWith('"""', i)) {
          i += 2;
          break;
        }
        if (!block && query[i] === '\\') i++;
        else if (!block && (query[i] === '"' || query[i] === '\n')) break;
        i++;
      }
    } else if (c === '{' || c === '(' || c === '[') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** The refusal of a query nested beyond MAX_SYNTAX_NESTING, or null. */
export function nestingRefusal(query: unknown): string | null {
  if (typeof query !== 'string') return null;
  const nesting = syntaxNesting(query);
  return nesting > MAX_SYNTAX_NESTING
    ? `Truy vấn lồng quá sâu (${nesting} tầng ngoặc, tối đa ${MAX_SYNTAX_NESTING}).`
    : null;
}
