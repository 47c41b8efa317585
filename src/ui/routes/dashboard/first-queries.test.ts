import { describe, expect, it } from "vitest";
import type { GqlMeta } from "../../lib/gql-query.ts";
import { RUN_WINDOWS } from "../../lib/run-window.ts";
import { dashboardFirstQueries, dashboardScope } from "./first-queries.ts";
import { loaderQueries } from "./route.tsx";

const NOW = Date.UTC(2026, 11, 7, 4, 30);

describe("the dashboard's first queries", () => {
  it("are the loader's, document for document and variable for variable, in every scope", () => {
    for (const project of [null, "0b8f4c1e-6a57-4c36-9d1e-2f3a4b5c6d7e"]) {
      for (const window of RUN_WINDOWS) {
        const { projects, tiles } = loaderQueries(project, window, NOW);
        const loader = [projects, ...tiles].map((options) => {
          const meta = options.meta as unknown as GqlMeta;
          return { document: meta.document, variables: meta.variables };
        });
        expect(dashboardFirstQueries(project, window, NOW)).toEqual(loader);
      }
    }
  });

  it("read the address as the page's search schema does", () => {
    const scope = (search: string) => dashboardScope(new URLSearchParams(search));
    expect(scope("")).toEqual({ project: null, window: "24h" });
    expect(scope("project=p1&window=7d")).toEqual({ project: "p1", window: "7d" });
    expect(scope("project=&window=1y")).toEqual({ project: null, window: "24h" });
    expect(scope("project=p1&project=p2&window=1h&window=7d")).toEqual({ project: null, window: "24h" });
    expect(scope("window=constructor")).toEqual({ project: null, window: "24h" });
  });
});
