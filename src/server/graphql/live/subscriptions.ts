import type { GraphQLResolveInfo } from "graphql";
import { TABLE_NAMES, type TableName } from "../../db/tables.ts";
import type { FeedTopic } from "../../events.ts";
import type { GraphQLContext } from "../context.ts";
import { rootResolvers } from "../read/resolvers.ts";
import { LiveTicker } from "./ticker.ts";
import { tablesRead } from "./tables-read.ts";

/**
 * Live queries: each read root field is also a Subscription field. `subscribe` yields a tick at once
 * and after each relevant change; `resolve` then runs the very same root resolver as the query, so
 * relationships, batching and limits behave identically. Unchanged results are dropped by the
 * live-query plugin (`plugin.ts`), which sees the whole completed result.
 */

/**
 * Trailing throttle while changes keep coming: at least this many milliseconds between re-runs, more
 * for a query that costs more to re-run (see LiveTicker: 10 × its cost, which bounds its share of the
 * server). Kept low because a run's states come close together: at 10 ms, a short run's Success
 * written 5-10 ms after its Running waited out the window that Running's push opened, though its
 * re-run costs well under a millisecond.
 */
export const LIVE_THROTTLE_MS = 2;

type Resolve = (parent: unknown, args: any, ctx: GraphQLContext, info: GraphQLResolveInfo) => unknown;

function liveField(table: TableName, resolve: Resolve) {
  return {
    subscribe: (_root: unknown, _args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
      const tables: ReadonlySet<FeedTopic> = tablesRead(info, table);
      const ticker = new LiveTicker(LIVE_THROTTLE_MS);
      const unsubscribe = ctx.events.subscribe((changed) => {
        for (const t of changed) {
          if (tables.has(t)) {
            ticker.poke();
            return;
          }
        }
      });
      ticker.onClose(unsubscribe);
      return ticker;
    },
    resolve: (_tick: unknown, args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) => resolve(undefined, args, ctx, info),
  };
}

export function liveResolvers(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const table of TABLE_NAMES) {
    for (const [field, resolve] of Object.entries(rootResolvers(table))) out[field] = liveField(table, resolve as Resolve);
  }
  return out;
}
