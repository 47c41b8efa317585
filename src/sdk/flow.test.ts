import { describe, expect, it } from "vitest";
import { Flow } from "./flow.ts";
import { Parameter } from "./parameter.ts";
import { findFlow } from "./registry.ts";
import { stableStringify } from "./serialize.ts";
import { Git } from "./storage.ts";
import { task } from "./task.ts";
import { triggers } from "./triggers.ts";

const extract = task(() => [1, 2, 3], { name: "extract" });
const double = task((rows: number[]) => rows.map((r) => r * 2), { name: "double" });
const sum = task((values: number[], offset: number) => values.reduce((a, b) => a + b, 0) + offset, { name: "sum" });

describe("graph building", () => {
  it("records calls as tasks with <name>-<n> slugs instead of running them", () => {
    let ran = false;
    const spy = task(() => {
      ran = true;
    }, { name: "spy" });
    const flow = new Flow("build-only", () => {
      spy();
      spy();
    });
    expect(ran).toBe(false);
    expect(flow.nodes.map((n) => n.slug)).toEqual(["spy-1", "spy-2"]);
  });

  it("makes edges from argument references, keyed by argument name", () => {
    const flow = new Flow("edges", () => {
      const rows = extract();
      sum(double(rows), Parameter("offset", { default: 10 }));
    });
    const edges = flow.serialize().edges.map((e) => `${e.upstream_task.slug}->${e.downstream_task.slug}:${e.key}`);
    expect(edges).toEqual(["extract-1->double-1:rows", "double-1->sum-1:values", "offset->sum-1:offset"]);
  });

  it("makes edges from references nested in arrays (fan-in) and from upstream", () => {
    const combine = task((parts: number[][]) => parts.flat(), { name: "combine" });
    const flow = new Flow("fan", () => {
      const a = extract();
      const b = extract();
      const c = combine([a, b]);
      double.with({ upstream: [c] })([0]);
    });
    const edges = flow.edges.map((e) => `${e.upstream.slug}->${e.downstream.slug}:${e.key}`);
    expect(edges).toEqual(["extract-1->combine-1:parts", "extract-2->combine-1:parts", "combine-1->double-1:null"]);
  });

  it("registers flows globally so the engine can find them by name", () => {
    const flow = new Flow("findable-flow", () => extract());
    expect(findFlow("findable-flow")).toBe(flow);
    expect(flow.sourceFile).toBe(import.meta.filename);
  });
});

describe("validate", () => {
  it("accepts a well-formed flow", () => {
    const flow = new Flow("ok", () => sum(double(extract()), 1));
    expect(flow.validate()).toEqual({ errors: [], warnings: [] });
  });

  it("finds cycles", () => {
    let a: any;
    let b: any;
    const flow = new Flow("cyclic", () => {
      a = extract();
      b = double(a);
    });
    flow.addEdge(b, a);
    expect(flow.validate().errors).toEqual(["The flow has a cycle: extract-1 → double-1 → extract-1. Tasks must form a DAG."]);
  });

  it("reports tasks called outside any flow", () => {
    const orphan = extract();
    const flow = new Flow("uses-orphan", () => double(orphan));
    expect(flow.validate().errors[0]).toMatch(/Task "extract" \(used by "double-1"\) was called outside any flow/);
  });

  it("reports tasks taken from another flow", () => {
    let shared: any;
    new Flow("first", () => {
      shared = extract();
    });
    const second = new Flow("second", () => double(shared));
    expect(second.validate().errors[0]).toMatch(/belongs to another flow/);
  });

  it("reports colliding slugs and duplicate parameters", () => {
    const flow = new Flow("dupes", () => {
      Parameter("x", { default: 1 });
      Parameter("x", { default: 2 });
      Parameter("extract-1", { default: 0 });
      extract();
    });
    expect(flow.validate().errors).toEqual([
      'Parameter "x" is declared 2 times; declare it once and pass the same reference to every task.',
      'Two tasks would both have the slug "extract-1"; rename the task or the parameter.',
    ]);
  });

  it("warns at register time and fails at run time for a required parameter without a default", async () => {
    const flow = new Flow("needs-param", () => double(Parameter<number[]>("rows")));
    expect(flow.validate()).toEqual({ errors: [], warnings: ['Parameter "rows" is required and has no default; give it a value when creating a run.'] });
    expect(flow.validate({ parameters: {} }).errors).toHaveLength(1);
    await expect(flow.run()).rejects.toThrow(/Parameter "rows" is required/);
    expect((await flow.run({ parameters: { rows: [1] } })).tasks["double-1"].result).toEqual([2]);
  });

  it("rejects parameter defaults that JSON cannot hold", () => {
    const flow = new Flow("bad-default", () => {
      Parameter("when", { default: new Date(0) });
      Parameter("fn", { default: { nested: [() => 1] } });
    });
    expect(flow.validate().errors).toEqual([
      "The default of parameter \"when\" is a Date, which cannot be serialized to JSON; use plain data (strings, numbers, arrays, objects).",
      "The default of parameter \"fn\" at nested[0] is a function, which cannot be serialized to JSON; use plain data (strings, numbers, arrays, objects).",
    ]);
  });

  it("rejects asynchronous build functions", () => {
    expect(() => new Flow("async-build", (async () => {}) as never)).toThrow(/must be synchronous/);
  });
});

describe("serialize", () => {
  it("produces the create_flow shape with tasks, edges, parameters, run_config and Local storage", () => {
    const flow = new Flow("hello-flow", () => {
      task(() => {}, { name: "say_hello", maxRetries: 2, retryDelay: 1500, timeout: 2500, trigger: triggers.allFinished, tags: ["t"] })();
      Parameter("who", { default: "Cloud" });
    });
    const s = flow.serialize({ labels: ["box"] });
    expect(s).toMatchObject({
      type: "tern.Flow",
      name: "hello-flow",
      parameters: [{ name: "who", slug: "who", required: false, default: "Cloud" }],
      reference_tasks: [],
      run_config: { type: "UniversalRun", labels: ["box"] },
      storage: { type: "Local", path: import.meta.filename, flow_name: "hello-flow" },
      edges: [],
    });
    expect(s.tasks[0]).toMatchObject({
      slug: "say_hello-1",
      name: "say_hello",
      type: "tern.FunctionTask",
      max_retries: 2,
      retry_delay: 1.5,
      timeout: 3,
      trigger: { fn: "tern.triggers.all_finished", kwargs: {} },
      tags: ["t"],
    });
    expect(s.tasks[1]).toMatchObject({ slug: "who", type: "tern.Parameter" });
    expect(JSON.stringify(s)).not.toContain("=>");
  });

  it("writes explicit reference tasks and Git storage", () => {
    const flow = new Flow(
      "git-flow",
      (f) => {
        const rows = extract();
        double(rows);
        f.setReferenceTasks(rows);
      },
      { storage: Git({ repo: "/tmp/repo.git", ref: "main", path: "flows/x.ts" }) },
    );
    const s = flow.serialize();
    expect(s.reference_tasks).toEqual([{ slug: "extract-1" }]);
    expect(s.storage).toMatchObject({ type: "Git", repo: "/tmp/repo.git", ref: "main", path: "flows/x.ts", flow_name: "git-flow" });
  });

  it("hashes equal flows equally (stable key order)", () => {
    expect(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stableStringify({ a: [{ c: 3, d: 2 }], b: 1 }));
  });
});
