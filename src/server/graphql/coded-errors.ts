import type { ExecutionResult, GraphQLError } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";

/**
 * graphql-js reports bad variable values (a wrong enum value, an Int out of range, a missing
 * required field) without an `extensions.code`; clients branch on codes only, so those errors get
 * BAD_USER_INPUT. Every other error already has one (parse, validation, service, masked).
 */
function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  return createGraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions: { ...error.extensions, code: "BAD_USER_INPUT" } });
}

export function codedErrorsPlugin(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const single = result as ExecutionResult;
          if (!single || !Array.isArray(single.errors) || single.errors.every((e) => e.extensions?.code)) return;
          setResult({ ...single, errors: single.errors.map(withCode) });
        },
      };
    },
  };
}
