import type { DocumentNode, ExecutionArgs, GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { isTransientDatabaseError } from "../../db/transient.ts";
import { databaseUnavailable } from "../../services/errors.ts";
import type { AppDeps } from "../../deps.ts";
import type { GraphQLContext } from "../context.ts";
import { estimateReadCost, operationOf } from "./cost.ts";
import { queryTooCostly } from "./errors.ts";
import { type TableSizes, tableSizes } from "./table-sizes.ts";

/**
 * Gives every request a read budget (`config.readCostBudget`, see cost.ts) and a time limit
 * (`config.readTimeoutMs`). The operations of one batched request draw on one budget, so a batch
 * cannot multiply it (an operation refused spends none of it). An operation over budget is refused with QUERY_TOO_COSTLY before anything
 * runs; one within it gets its estimated cost (which sends heavy reads off the event loop) and a
 * deadline on its context. A live query is checked once, when it starts; each of its re-runs then
 * has the time limit per statement.
 */
export function readCostPlugin(deps: AppDeps): Plugin {
  const sizes = tableSizes(deps.db, deps.dialect);
  const spentByRequest = new WeakMap<Request, number>();

  // A batch repeats one document many times: its estimate is kept beside the parsed document
  // (which yoga caches by text), for the same variables and table sizes.
  const estimates = new WeakMap<DocumentNode, { key: string; sizes: TableSizes; cost: number }>();
  const estimate = (args: ExecutionArgs, current: TableSizes): number => {
    const key = `${args.operationName ?? ""}\u0000${JSON.stringify(args.variableValues ?? null)}`;
    const known = estimates.get(args.document);
    if (known && known.key === key && known.sizes === current) return known.cost;
    const cost = estimateReadCost(args.document, args.operationName, args.variableValues, current);
    estimates.set(args.document, { key, sizes: current, cost });
    return cost;
  };

  const admit = async (args: ExecutionArgs, refuse: (message: string) => void, live: boolean) => {
    const context = args.contextValue as GraphQLContext;
    // A mutation reads nothing this budget counts (estimateReadCost answers 0): skip the variables' JSON and table sizes.
    if (operationOf(args.document, args.operationName)?.operation === "mutation") return;
    const budget = deps.config.readCostBudget;
    const cost = estimate(args, await sizes());
    if (cost === 0) return;
    const before = spentByRequest.get(context.request) ?? 0;
    if (before + cost > budget) {
      const what = before === 0 ? `This query's estimated cost, ${Math.round(cost)}, is` : `This operation's estimated cost, ${Math.round(cost)}, on top of the ${Math.round(before)} its batch already spends, is`;
      refuse(`${what} over the budget of ${budget} (rows read × work per row). Ask for fewer aliases or rows, filter on an id, or split the request.`);
      return;
    }
    // Only admitted operations spend the budget: a refused one reads nothing.
    spentByRequest.set(context.request, before + cost);
    context.readCost = cost;
    if (!live) context.readDeadline = Date.now() + deps.config.readTimeoutMs;
  };

  /** Measuring table sizes reads the database: when it is out of reach, the client is told to retry. */
  const admitOrTellToRetry = async (args: ExecutionArgs, stop: (result: { errors: GraphQLError[] }) => void, live: boolean) => {
    try {
      await admit(args, (message) => stop({ errors: [queryTooCostly(message)] }), live);
    } catch (error) {
      if (!isTransientDatabaseError(error)) throw error;
      stop({ errors: [databaseUnavailable()] });
    }
  };

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      await admitOrTellToRetry(args, setResultAndStopExecution, false);
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      await admitOrTellToRetry(args, setResultAndStopExecution, true);
    },
  };
}
