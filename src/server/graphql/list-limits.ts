import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode, type TypeNode } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * Caps the length of every typed list in `variables` before graphql-js coerces them. Coercion costs
 * tens of microseconds an item, so 100,000 logs would burn seconds of CPU only to be refused by the
 * service's own limit (10,000 a call). The cap is twice the largest such limit: a request just over
 * a service limit still gets that service's own error code; one far over it is refused here.
 * JSON-typed values (serialized flows, parameters) are not walked: they are not coerced item by item.
 */
export const MAX_LIST_ITEMS = 20_000;

/** The runtime input types, seen through their shape only (graphql's instanceof checks can split across module copies). */
interface InputTypeLike {
  ofType?: InputTypeLike;
  parseValue?: unknown;
  getFields?: () => Record<string, { type: InputTypeLike }>;
  toString(): string;
}

interface Overflow {
  /** Where the long list is, innermost step first (joined only when one is found). */
  steps: string[];
  length: number;
}

/** Whether a wrapper type is a list (`[T]`), worked out once per type object rather than per value. */
const listWrappers = new WeakMap<object, boolean>();
function isListType(type: InputTypeLike): boolean {
  let list = listWrappers.get(type);
  if (list === undefined) listWrappers.set(type, (list = type.toString().startsWith("[")));
  return list;
}

/**
 * Whether a value of `type` can hold a list at all, once per type: most inputs of the hot
 * mutations (a state, a log line) hold none, and their values are then not walked.
 */
const listHolders = new WeakMap<object, boolean>();
function holdsLists(type: InputTypeLike): boolean {
  let holds = listHolders.get(type);
  if (holds === undefined) listHolders.set(type, (holds = reachesList(type, new Set())));
  return holds;
}

function reachesList(type: InputTypeLike, seen: Set<object>): boolean {
  if (type.ofType) return isListType(type) || reachesList(type.ofType, seen);
  if (type.parseValue || !type.getFields || seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => reachesList(field.type, seen));
}

function overflowInType(type: InputTypeLike, value: unknown): Overflow | null {
  if (value === null || value === undefined || !holdsLists(type)) return null;
  if (type.ofType) return isListType(type) ? overflowInList(type.ofType, value) : overflowInType(type.ofType, value);
  // Scalars (JSON included) and enums end the walk; only input objects go on.
  if (type.parseValue || !type.getFields || typeof value !== "object") return null;
  const fields = type.getFields();
  for (const name in fields) {
    const found = overflowInType(fields[name]!.type, (value as Record<string, unknown>)[name]);
    if (found) {
      found.steps.push(`.${name}`);
      return found;
    }
  }
  return null;
}

function overflowInList(itemType: InputTypeLike, value: unknown): Overflow | null {
  // GraphQL accepts a single value where a list is expected.
  if (!Array.isArray(value)) return overflowInType(itemType, value);
  if (value.length > MAX_LIST_ITEMS) return { steps: [], length: value.length };
  if (!holdsLists(itemType)) return null;
  for (let i = 0; i < value.length; i++) {
    const found = overflowInType(itemType, value[i]);
    if (found) {
      found.steps.push(`[${i}]`);
      return found;
    }
  }
  return null;
}

function overflowInTypeNode(schema: GraphQLSchema, node: TypeNode, value: unknown): Overflow | null {
  if (value === null || value === undefined) return null;
  switch (node.kind) {
    case Kind.NON_NULL_TYPE:
      return overflowInTypeNode(schema, node.type, value);
    case Kind.LIST_TYPE: {
      if (!Array.isArray(value)) return overflowInTypeNode(schema, node.type, value);
      if (value.length > MAX_LIST_ITEMS) return { steps: [], length: value.length };
      for (let i = 0; i < value.length; i++) {
        const found = overflowInTypeNode(schema, node.type, value[i]);
        if (found) {
          found.steps.push(`[${i}]`);
          return found;
        }
      }
      return null;
    }
    case Kind.NAMED_TYPE: {
      const type = schema.getType(node.name.value) as InputTypeLike | undefined;
      return type ? overflowInType(type, value) : null;
    }
  }
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}

export function listLimitPlugin(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = args.variableValues as Record<string, unknown> | null | undefined;
      if (!variables) return;
      const operation = operationOf(args.document, args.operationName);
      for (const definition of operation?.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        const found = overflowInTypeNode(args.schema, definition.type, variables[name]);
        if (found) {
          const path = `$${name}${found.steps.reverse().join("")}`;
          const message = `${path} has ${found.length} items; no list may hold more than ${MAX_LIST_ITEMS}. Send it in smaller batches.`;
          setResultAndStopExecution({ errors: [createGraphQLError(message, { extensions: { code: "LIST_TOO_LONG" } })] });
          return;
        }
      }
    },
  };
}
