import { describe, expect, it } from "vitest";
import { likelyFlows, MAX_LIKELY_FLOWS } from "./likely-flows.ts";

const LOCAL_ONLY = { storage: ["local"], gitPrefixes: [] };

/** A flow row as the agent's live query reads it; by default local storage and the group's labels ["test"]. */
function row(id: string, overrides: Record<string, unknown> = {}, groupLabels: unknown = ["test"]) {
  return {
    id,
    name: `flow-${id}`,
    storage: { type: "Local", path: `/flows/${id}.ts`, flow_name: `flow-${id}` },
    run_config: null,
    environment: null,
    flow_group: { labels: groupLabels, run_config: null },
    ...overrides,
  };
}

describe("the flows an agent expects to run", () => {
  it("are the newest whose runs it would claim: local storage, and labels its own include", () => {
    const rows = [
      row("a"),
      row("other-label", {}, ["gpu"]),
      row("unlabelled", {}, null),
      row("from-run-config", { run_config: { type: "UniversalRun", labels: ["test"] } }, null),
      row("b"),
    ];
    expect(likelyFlows(rows, ["test"], LOCAL_ONLY).map((f) => f.flowId)).toEqual(["a", "from-run-config", "b"]);
    // An agent without labels runs only unlabelled flows.
    expect(likelyFlows(rows, [], LOCAL_ONLY).map((f) => f.flowId)).toEqual(["unlabelled"]);
    expect(likelyFlows([row("a")], ["test"], LOCAL_ONLY)).toEqual([{ flowId: "a", name: "flow-a", storage: { type: "Local", path: "/flows/a.ts", flow_name: "flow-a" } }]);
  });

  it("never include a flow whose code the agent refuses to load, nor Git storage (no checkout on a guess)", () => {
    const rows = [
      row("python", { storage: { type: "Local", path: "/flows/hello.py" } }),
      row("prefect", { storage: { flows: { hello: "/x" }, type: "Local" } }),
      row("git", { storage: { type: "Git", repo: "https://example.invalid/org/flows.git", path: "f.ts" } }),
      row("no-storage", { storage: null }),
    ];
    expect(likelyFlows(rows, ["test"], { storage: ["local", "git"], gitPrefixes: ["https://example.invalid/org/"] })).toEqual([]);
    expect(likelyFlows([row("a")], ["test"], { storage: ["git"], gitPrefixes: [] })).toEqual([]);
  });

  it(`are at most ${MAX_LIKELY_FLOWS}`, () => {
    const rows = Array.from({ length: MAX_LIKELY_FLOWS + 3 }, (_, i) => row(String(i)));
    expect(likelyFlows(rows, ["test"], LOCAL_ONLY).map((f) => f.flowId)).toEqual(rows.slice(0, MAX_LIKELY_FLOWS).map((r) => r.id));
  });
});
