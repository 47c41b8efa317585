import { type FragmentDefinitionNode, Kind, type SelectionSetNode, type ValidationRule } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * Refuses documents nested deeper than MAX_DEPTH fields before anything runs. Prefect Server used a
 * depth of 7 counted from zero; the UI's deepest query (the schematic: flow_run_by_pk → task_runs →
 * task → upstream_edges → upstream_task → id) is 6 fields deep, so 10 leaves room without letting
 * a query fan out through relationships indefinitely. Introspection is not counted.
 */
export const MAX_DEPTH = 10;

function depthOf(selectionSet: SelectionSetNode | undefined, fragment: (name: string) => FragmentDefinitionNode | undefined, seen: Set<string>): number {
  let deepest = 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragment, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragment, seen));
    } else {
      const name = selection.name.value;
      // A fragment cycle is reported by graphql's own rules; here it just stops the walk.
      if (seen.has(name)) continue;
      const def = fragment(name);
      deepest = Math.max(deepest, depthOf(def?.selectionSet, fragment, new Set([...seen, name])));
    }
  }
  return deepest;
}

export function depthLimitRule(max = MAX_DEPTH): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, (name) => context.getFragment(name) ?? undefined, new Set());
      if (depth > max) {
        context.reportError(
          createGraphQLError(`The query is ${depth} fields deep; the maximum is ${max}.`, {
            nodes: [node],
            extensions: { code: "DEPTH_LIMIT_EXCEEDED" },
          }),
        );
      }
    },
  });
}

export function depthLimitPlugin(max = MAX_DEPTH): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(max));
    },
  };
}
