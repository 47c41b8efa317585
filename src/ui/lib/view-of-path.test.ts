import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { viewOfPath } from "./view-of-path.ts";

describe("viewOfPath", () => {
  it("names the view of every address the router serves", () => {
    expect(viewOfPath("/")).toBe("dashboard");
    expect(viewOfPath("/settings/projects")).toBe("projects");
    expect(viewOfPath("/agents")).toBe("agents");
    expect(viewOfPath("/flow/7c0e6bbf-1d0e-4b8e-9d36-1f2a3b4c5d6e")).toBe("flow");
    expect(viewOfPath("/flow-run/7c0e6bbf-1d0e-4b8e-9d36-1f2a3b4c5d6e")).toBe("flow-run");
    expect(viewOfPath("/task-run/7c0e6bbf-1d0e-4b8e-9d36-1f2a3b4c5d6e")).toBe("task-run");
    expect(viewOfPath("/default/flow/7c0e6bbf-1d0e-4b8e-9d36-1f2a3b4c5d6e")).toBe("flow");
    expect(viewOfPath("/default/flow-run/7c0e6bbf-1d0e-4b8e-9d36-1f2a3b4c5d6e")).toBe("flow-run");
  });

  it("names no view for other addresses, including names an object inherits", () => {
    expect(viewOfPath("/nowhere")).toBeUndefined();
    expect(viewOfPath("/constructor")).toBeUndefined();
    expect(viewOfPath("/default/agents")).toBeUndefined();
  });

  it("covers every route folder", () => {
    const folders = readdirSync(join(import.meta.dirname, "../routes"));
    const named = new Set(["/", "/settings/projects", "/agents", "/flow/x", "/flow-run/x", "/task-run/x"].map(viewOfPath));
    for (const folder of folders) expect(named).toContain(folder);
  });

  it("is self-contained, since the page gets its source text", () => {
    const copied = new Function(`return ${viewOfPath.toString()}`)() as typeof viewOfPath;
    expect(copied("/flow-run/x")).toBe("flow-run");
  });
});
