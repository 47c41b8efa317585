import { describe, expect, it } from "vitest";
import { agentCanRun, agentHealth, runAgentProblem } from "./agents.ts";

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
});

describe("runAgentProblem", () => {
  it("no healthy agent", () => expect(runAgentProblem([], [{ labels: [], last_queried: ago(10) }], now)).toBe("no-agent"));
  it("labels match nobody", () => expect(runAgentProblem(["gpu"], [{ labels: ["cpu"], last_queried: ago(1) }], now)).toBe("no-label-match"));
  it("fine", () => expect(runAgentProblem(["cpu"], [{ labels: ["cpu", "x"], last_queried: ago(1) }], now)).toBeNull());
});
