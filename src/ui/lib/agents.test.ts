import { describe, expect, it } from "vitest";
import { agentCanRun, agentHealth, agentsForFlows, flowRunLabels, runAgentHint, runAgentProblem, runsAgentCouldTake } from "./agents.ts";

const now = Date.parse("2026-01-01T12:00:00Z");
const ago = (min: number) => new Date(now - min * 60_000).toISOString();

describe("agentHealth", () => {
  it("healthy under 5 minutes", () => expect(agentHealth(ago(4), now)).toBe("healthy"));
  it("stale after 5 minutes", () => expect(agentHealth(ago(6), now)).toBe("stale"));
  it("unhealthy after 12 hours or never", () => {
    expect(agentHealth(ago(721), now)).toBe("unhealthy");
    expect(agentHealth(null, now)).toBe("unhealthy");
  });
});

describe("agentCanRun", () => {
  it("needs a superset of the run's labels", () => {
    expect(agentCanRun(["a", "b"], ["a"])).toBe(true);
    expect(agentCanRun(["a"], ["a", "b"])).toBe(false);
    expect(agentCanRun([], [])).toBe(true);
  });
  it("gives a run without labels only to an agent without labels, as the server claims", () => {
    expect(agentCanRun(["a"], [])).toBe(false);
    expect(agentCanRun(null, [])).toBe(true);
  });
});

describe("flowRunLabels", () => {
  it("follows the server's order: group labels, group run config, flow run config, environment", () => {
    expect(flowRunLabels({ flow_group: { labels: ["g", "a"] }, run_config: { labels: ["f"] } })).toEqual(["a", "g"]);
    expect(flowRunLabels({ flow_group: { labels: null, run_config: { labels: ["gc"] } }, run_config: { labels: ["f"] } })).toEqual(["gc"]);
    expect(flowRunLabels({ flow_group: { labels: null }, run_config: { labels: ["f", "f"] } })).toEqual(["f"]);
    expect(flowRunLabels({ environment: { labels: ["env"] } })).toEqual(["env"]);
    expect(flowRunLabels({})).toEqual([]);
  });
});

describe("agentsForFlows and runsAgentCouldTake", () => {
  const gpu = { labels: ["gpu", "vm"] };
  const cpu = { labels: ["cpu"] };
  it("keeps the agents some flow's runs could go to", () => {
    expect(agentsForFlows([gpu, cpu], [{ run_config: { labels: ["gpu"] } }])).toEqual([gpu]);
    expect(agentsForFlows([gpu, cpu], [])).toEqual([]);
  });
  it("lists the runs an agent matches", () => {
    const runs = [{ id: "1", labels: ["gpu"] }, { id: "2", labels: ["cpu"] }, { id: "3", labels: [] }];
    expect(runsAgentCouldTake(gpu, runs).map((r) => r.id)).toEqual(["1"]);
    expect(runsAgentCouldTake({ labels: [] }, runs).map((r) => r.id)).toEqual(["3"]);
  });
});

describe("runAgentProblem", () => {
  it("no healthy agent", () => expect(runAgentProblem([], [{ labels: [], last_queried: ago(10) }], now)).toBe("no-agent"));
  it("labels match nobody", () => expect(runAgentProblem(["gpu"], [{ labels: ["cpu"], last_queried: ago(1) }], now)).toBe("no-label-match"));
  it("fine", () => expect(runAgentProblem(["cpu"], [{ labels: ["cpu", "x"], last_queried: ago(1) }], now)).toBeNull());
  it("a run without labels and only labelled agents", () => {
    const problem = runAgentProblem([], [{ labels: ["cpu"], last_queried: ago(1) }], now);
    expect(problem).toBe("no-label-match");
    expect(runAgentHint(problem, [])).toMatch(/has no labels/);
  });
});

describe("runAgentProblem: which kind of agent a run needs", () => {
  const tern = { labels: ["vm"], last_queried: ago(1), core_version: null };
  const python = { labels: ["vm"], last_queried: ago(1), core_version: "1.4.1" };
  const prefectFlow = { storage: { type: "Local", directory: "~/.prefect/flows", flows: { hello: "/x" }, stored_as_script: false }, run_config: { type: "UniversalRun" } };
  const ternFlow = { storage: { type: "Local", path: "/flows/hello.ts" }, run_config: { type: "UniversalRun" } };
  const gitFlow = { storage: { type: "Git", repo: "https://example.invalid/org/flows.git", ref: "main", path: "a.ts" } };

  it("a Prefect 1 Python flow with only Tern agents: a Python agent is missing", () => {
    const problem = runAgentProblem(["vm"], [tern], now, prefectFlow);
    expect(problem).toEqual({ missing: "python" });
    expect(runAgentHint(problem, ["vm"])).toMatch(/Prefect 1 Python agent/);
  });
  it("a Tern flow with only Python agents: a Tern agent is missing", () => {
    const problem = runAgentProblem(["vm"], [python], now, ternFlow);
    expect(problem).toEqual({ missing: "tern" });
    expect(runAgentHint(problem, ["vm"])).toMatch(/needs a Tern agent/);
  });
  it("the right kind with the labels: fine", () => {
    expect(runAgentProblem(["vm"], [tern, python], now, prefectFlow)).toBeNull();
    expect(runAgentProblem(["vm"], [tern], now, ternFlow)).toBeNull();
  });
  it("a Git flow: names the repository a Tern agent must allow", () => {
    const problem = runAgentProblem(["vm"], [tern], now, gitFlow);
    expect(problem).toEqual({ gitRepository: "https://example.invalid/org/flows.git" });
    expect(runAgentHint(problem, ["vm"])).toMatch(/--allow-storage local,git --git-prefix/);
  });
});
