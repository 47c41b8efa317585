import { describe, expect, it } from "vitest";
import { z } from "zod";
import { STATE_NAMES } from "../../../core/states.ts";
import { parseSearch } from "../../lib/search-state.ts";
import { RUN_WINDOWS } from "../../lib/run-window.ts";
import { DASHBOARD_DEFAULTS, dashboardSearch } from "./search.ts";

/** The schema the dashboard read its address with before it dropped zod: the reading must not change. */
const schema = z.object({
  project: z.string().min(1).nullable().catch(null),
  window: z.enum(RUN_WINDOWS).catch("24h"),
  runState: z.enum(STATE_NAMES).nullable().catch(null),
  runsPage: z.coerce.number().int().min(1).catch(1),
});

describe("the dashboard's address", () => {
  it("reads as the zod schema read it, field for field", () => {
    const addresses = [
      "",
      "project=p1&window=7d&runState=Failed&runsPage=3",
      "project=&window=1y&runState=failed&runsPage=0",
      "project=p1&project=p2&window=1h&window=7d&runState=Failed&runState=Running&runsPage=2&runsPage=3",
      "window=constructor&runState=toString&runsPage=1.5",
      "runsPage=-2",
      "runsPage=abc",
      "runsPage=",
      "runsPage=%202%20",
      "runsPage=1e3",
      "runsPage=Infinity",
      "project=%20&runState=Scheduled",
    ];
    for (const address of addresses) {
      const params = new URLSearchParams(address);
      expect(dashboardSearch(params), address).toEqual(parseSearch(schema, params));
    }
  });

  it("has the defaults of an empty address", () => {
    expect(dashboardSearch(new URLSearchParams())).toEqual(DASHBOARD_DEFAULTS);
  });
});
