import type { ExecutionArgs } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { AppDeps, GraphQLContext } from "../context.ts";
import { estimateReadCost } from "./cost.ts";
import { queryTooCostly } from "./errors.ts";
import { tableSizes } from "./table-sizes.ts";

/**
 * Gives every request a read budget (`config.readCostBudget`, see cost.ts) and a time limit
 * (`config.readTimeoutMs`). The operations of one batched request draw on one budget, so a batch
 * cannot multiply it. An operation over budget is refused with QUERY_TOO_COSTLY before anything
 * runs; one within it gets its estimated cost (which sends heavy reads off the event loop) and a
 * deadline on its context. A live query is checked once, when it starts; each of its re-runs then
 * has the time limit per statement.
 */
export function readCostPlugin(deps: AppDeps): Plugin {
  const sizes = tableSizes(deps.db, deps.dialect);
  const spentByRequest = new WeakMap<Request, number>();

  const admit = async (args: ExecutionArgs, refuse: (message: string) => void, live: boolean) => {
    const cost = estimateReadCost(args.document, args.operationName, args.variableValues, await sizes());
    if (cost === 0) return;
    const context = args.contextValue as GraphQLContext;
    const spent = (spentByRequest.get(context.request) ?? 0) + cost;
    spentByRequest.set(context.request, spent);
    const budget = deps.config.readCostBudget;
    if (spent > budget) {
      const what = spent === cost ? `This query's estimated cost is ${Math.round(cost)}` : `The operations of this request cost an estimated ${Math.round(spent)}`;
      refuse(`${what}, over the budget of ${budget} (rows read × fields). Ask for fewer aliases or rows, filter on an id, or split the request.`);
      return;
    }
    context.readCost = cost;
    if (!live) context.readDeadline = Date.now() + deps.config.readTimeoutMs;
  };

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      await admit(args, (message) => setResultAndStopExecution({ errors: [queryTooCostly(message)] }), false);
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      await admit(args, (message) => setResultAndStopExecution({ errors: [queryTooCostly(message)] }), true);
    },
  };
}
