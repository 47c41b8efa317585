import { type ASTNode, type FragmentDefinitionNode, Kind, type SelectionSetNode, type ValidationRule } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { TEXT_PROBLEM_MESSAGES, textProblem } from "../../core/text.ts";

/**
 * Size limits on the GraphQL document itself, checked before anything runs, so one request cannot
 * make the server parse, validate or plan without bound. The depth limit lives with the read API
 * (`read/limits.ts`); these cover width (aliases, fragment fan-out) and literal nesting.
 */

/** Lexer tokens per document. The SPA's and the Prefect client's largest documents use a few hundred. */
export const MAX_TOKENS = 20_000;
/** Field selections per operation, fragments counted each time they are spread. */
export const MAX_FIELDS = 1_000;
/** Nesting of object/list values, in the document and in `variables` (see request-guards.ts). */
export const MAX_INPUT_DEPTH = 64;

type FragmentLookup = (name: string) => FragmentDefinitionNode | undefined;

/** Counts fields with fragments expanded, stopping as soon as the count passes `budget`. */
function countFields(selectionSet: SelectionSetNode | undefined, fragment: FragmentLookup, budget: number, seen: ReadonlySet<string>): number {
  let count = 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (count > budget) break;
    if (selection.kind === Kind.FIELD) {
      count += 1 + countFields(selection.selectionSet, fragment, budget - count, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, fragment, budget - count, seen);
    } else {
      const name = selection.name.value;
      // graphql's own NoFragmentCycles rule reports cycles; here a cycle just ends the walk.
      if (seen.has(name)) continue;
      count += countFields(fragment(name)?.selectionSet, fragment, budget - count, new Set([...seen, name]));
    }
  }
  return count;
}

export function fieldCountRule(max = MAX_FIELDS): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      const count = countFields(node.selectionSet, (name) => context.getFragment(name) ?? undefined, max, new Set());
      if (count > max) {
        context.reportError(
          createGraphQLError(`The query selects more than ${max} fields (aliases and fragment spreads included); split it into smaller queries.`, {
            nodes: [node],
            extensions: { code: "FIELD_LIMIT_EXCEEDED" },
          }),
        );
      }
    },
  });
}

/** Object and list literals nested deeper than `max` (e.g. a `where` of 5,000 nested `_and`s). */
export function inputDepthRule(max = MAX_INPUT_DEPTH): ValidationRule {
  return (context) => {
    let depth = 0;
    let reported = false;
    const enter = (node: ASTNode) => {
      depth++;
      if (depth > max && !reported) {
        reported = true;
        context.reportError(createGraphQLError(`An argument value is nested more than ${max} levels deep.`, { nodes: [node], extensions: { code: "BAD_USER_INPUT" } }));
      }
    };
    const leave = () => {
      depth--;
    };
    return { ObjectValue: { enter, leave }, ListValue: { enter, leave } };
  };
}

/**
 * Literal text that cannot be stored as sent (see core/text.ts), refused on both databases alike.
 * graphql-js's lexer already refuses lone surrogates in literals; U+0000 it accepts.
 */
export function noNulInLiteralsRule(): ValidationRule {
  return (context) => ({
    StringValue(node) {
      const problem = textProblem(node.value);
      if (problem) context.reportError(createGraphQLError(TEXT_PROBLEM_MESSAGES[problem], { nodes: [node], extensions: { code: "BAD_USER_INPUT" } }));
    },
  });
}

export function documentLimitsPlugin(): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      // Wrapping yoga's own parse (not importing graphql's) keeps its syntax errors recognisable to yoga.
      setParseFn((source, options) => parseFn(source, { ...options, maxTokens: MAX_TOKENS }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(fieldCountRule());
      addValidationRule(inputDepthRule());
      addValidationRule(noNulInLiteralsRule());
    },
  };
}
