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

/**
 * Brackets (`{ [ (`) open at once anywhere in a document. graphql-js parses recursively and runs out
 * of stack near 1,000 nested literal levels, so deeper text is refused before it is parsed. A real
 * document stays far below: the read API's depth limit (10 fields) plus MAX_INPUT_DEPTH literal levels.
 */
export const MAX_DOCUMENT_NESTING = 256;

/**
 * The deepest bracket nesting in GraphQL source, stopping once it passes `max`. Brackets inside
 * strings, block strings and comments do not count. Linear and allocation-free: it runs on every
 * document before the parser.
 */
export function bracketNesting(source: string, max = MAX_DOCUMENT_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < source.length && source.charCodeAt(i) !== 0x0a && source.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x22 /* " */) {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        // Inside a block string only \""" escapes; skip those until the real end.
        let close = end;
        while (close !== -1 && source.charCodeAt(close - 1) === 0x5c) close = source.indexOf('"""', close + 3);
        if (close === -1) return deepest;
        i = close + 2;
      } else {
        for (i++; i < source.length; i++) {
          const s = source.charCodeAt(i);
          if (s === 0x5c /* \ */) i++;
          else if (s === 0x22 || s === 0x0a || s === 0x0d) break;
        }
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

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

/**
 * Documents already found within the nesting limit: the engine and agent send the same few documents
 * thousands of times, and a set lookup (native hashing) is cheaper than scanning each character again.
 * Bounded in count and size: when full it starts over, and a large document is scanned every time.
 */
const shallowDocuments = new Set<string>();
const SHALLOW_DOCUMENTS_KEPT = 500;
const SHALLOW_DOCUMENT_MAX_CHARS = 16_384;

function refuseDeepNesting(query: string) {
  if (shallowDocuments.has(query)) return;
  if (bracketNesting(query) > MAX_DOCUMENT_NESTING) {
    throw createGraphQLError(`The document nests brackets more than ${MAX_DOCUMENT_NESTING} levels deep.`, { extensions: { code: "NESTING_LIMIT_EXCEEDED", http: { status: 400 } } });
  }
  if (query.length > SHALLOW_DOCUMENT_MAX_CHARS) return;
  if (shallowDocuments.size >= SHALLOW_DOCUMENTS_KEPT) shallowDocuments.clear();
  shallowDocuments.add(query);
}

export function documentLimitsPlugin(): Plugin {
  return {
    // Checked on the request too, where an error keeps its HTTP status (a parse error answers 200).
    onParams({ params }) {
      if (typeof params.query === "string") refuseDeepNesting(params.query);
    },
    onParse({ parseFn, setParseFn }) {
      // Wrapping yoga's own parse (not importing graphql's) keeps its syntax errors recognisable to yoga.
      // The nesting check here covers every path to the parser (the live stream route has no onParams).
      setParseFn((source, options) => {
        refuseDeepNesting(typeof source === "string" ? source : source.body);
        return parseFn(source, { ...options, maxTokens: MAX_TOKENS });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(fieldCountRule());
      addValidationRule(inputDepthRule());
      addValidationRule(noNulInLiteralsRule());
    },
  };
}
