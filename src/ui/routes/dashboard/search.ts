import { isStateName, type StateName } from "../../../core/states.ts";
import { RUN_WINDOWS, type RunWindow } from "../../lib/run-window.ts";

/** The dashboard's state in its address. */
export interface DashboardSearch {
  project: string | null;
  window: RunWindow;
  runState: StateName | null;
  runsPage: number;
}

/** What an absent, repeated or unreadable parameter reads as (and what a link leaves out). */
export const DASHBOARD_DEFAULTS: DashboardSearch = { project: null, window: "24h", runState: null, runsPage: 1 };

/**
 * Reads the dashboard's address. Written out rather than as a zod schema like the other views': zod is
 * ~85 KB that the dashboard's first paint would wait for, and this reading is four fields. A repeated
 * parameter reads as its default, as a schema reads the array it gets (search.test.ts holds the two
 * side by side).
 */
export function dashboardSearch(params: URLSearchParams): DashboardSearch {
  const one = (key: string) => {
    const all = params.getAll(key);
    return all.length === 1 ? all[0] : undefined;
  };
  const window = one("window");
  const runState = one("runState");
  const runsPage = Number(one("runsPage"));
  return {
    project: one("project") || DASHBOARD_DEFAULTS.project,
    window: (RUN_WINDOWS as readonly string[]).includes(window ?? "") ? (window as RunWindow) : DASHBOARD_DEFAULTS.window,
    runState: isStateName(runState) ? runState : DASHBOARD_DEFAULTS.runState,
    runsPage: Number.isInteger(runsPage) && runsPage >= 1 ? runsPage : DASHBOARD_DEFAULTS.runsPage,
  };
}
