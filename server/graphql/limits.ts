// Bounds on what one GraphQL request may ask for: nesting depth and the number of fields after
// fragments are expanded (aliases count, so a thousand aliased copies of a field are refused).
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

function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  depth: number,
  seen: Set<string>,
): { depth: number; fields: number } {
  let maxDepth = depth;
  let fields = 0;
  for (const sel of selectionSet.selections) {
    if (sel.kind === Kind.FIELD) {
      fields += 1;
      if (sel.selectionSet) {
        const inner = measure(sel.selectionSet, fragments, depth + 1, seen);
        maxDepth = Math.max(maxDepth, inner.depth);
        fields += inner.fields;
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(sel.selectionSet, fragments, depth, seen);
      maxDepth = Math.max(maxDepth, inner.depth);
      fields += inner.fields;
    } else {
      const fragment = fragments[sel.name.value];
      // A fragment spread inside itself is reported by graphql's own NoFragmentCycles rule.
      if (!fragment || seen.has(sel.name.value)) continue;
      const inner = measure(
        fragment.selectionSet,
        fragments,
        depth,
        new Set([...seen, sel.name.value]),
      );
      maxDepth = Math.max(maxDepth, inner.depth);
      fields += inner.fields;
    }
    if (fields > MAX_FIELDS * 10) break; // stop counting a hostile document early
  }
  return { depth: maxDepth, fields };
}

export function queryLimits(context: ValidationContext): ASTVisitor {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  return {
    OperationDefinition(node) {
      const { depth, fields } = measure(node.selectionSet, fragments, 1, new Set());
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
