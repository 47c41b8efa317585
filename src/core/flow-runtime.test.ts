import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flowRuntime, storageRefusal } from "./flow-runtime.ts";

const prefectHello = JSON.parse(readFileSync(join(import.meta.dirname, "../server/testing/fixtures/prefect1-hello-flow.serialized.json"), "utf8"));
const localOnly = { storage: ["local"], gitPrefixes: [] };

describe("flowRuntime", () => {
  it("a flow the Prefect 1 Python client registered needs a Python agent", () => {
    expect(flowRuntime(prefectHello.storage, prefectHello.run_config)).toEqual({ runtime: "python" });
    expect(flowRuntime({ type: "Local", path: "/flows/hello.py", stored_as_script: true }, { type: "UniversalRun" }).runtime).toBe("python");
    expect(flowRuntime({ type: "Local", path: "/flows/hello.py" }, null).runtime).toBe("python");
    expect(flowRuntime({ type: "GitHub", repo: "org/flows", path: "flow.py" }, null).runtime).toBe("python");
    expect(flowRuntime({ type: "Git", repo: "org/flows", flow_path: "flow.py" }, null).runtime).toBe("python");
    expect(flowRuntime({ type: "Local", path: "/flows/a.ts" }, { type: "DockerRun" }).runtime).toBe("python");
  });

  it("a flow Tern's SDK registered needs a Tern agent that loads its storage kind", () => {
    expect(flowRuntime({ type: "Local", path: "/flows/a.ts", flow_name: "a" }, { type: "UniversalRun" })).toEqual({ runtime: "tern", storage: "local" });
    expect(flowRuntime({ type: "Git", repo: "https://example.invalid/org/flows.git", ref: "main", path: "a.ts" }, null)).toEqual({
      runtime: "tern",
      storage: "git",
      repo: "https://example.invalid/org/flows.git",
    });
  });

  it("no storage: either kind of agent", () => expect(flowRuntime(null, null)).toEqual({ runtime: null }));
});

describe("storageRefusal", () => {
  const git = flowRuntime({ type: "Git", repo: "https://example.invalid/other/flows.git", ref: "main", path: "a.ts" }, null);
  it("Local storage only by default", () => {
    expect(storageRefusal({ runtime: "tern", storage: "local" }, localOnly)).toBeNull();
    expect(storageRefusal(git, localOnly)).toMatch(/--allow-storage git/);
  });
  it("Git only from the given repository prefixes", () => {
    expect(storageRefusal(git, { storage: ["local", "git"], gitPrefixes: ["https://example.invalid/org/"] })).toMatch(/--git-prefix/);
    expect(storageRefusal(git, { storage: ["local", "git"], gitPrefixes: ["https://example.invalid/other/"] })).toBeNull();
  });
  it("never a Python flow", () => expect(storageRefusal({ runtime: "python" }, { storage: ["local", "git"], gitPrefixes: [""] })).not.toBeNull());
});
