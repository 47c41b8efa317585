import { type FlowBuilder, withBuilder } from "./building.ts";
import { callerFile } from "./caller.ts";
import { collectRefs, type GraphEdge, type GraphNode, isRef, type TaskRef } from "./graph.ts";
import { reportRegisterFailuresInOneLine } from "./one-line-failures.ts";
import { recordFlow } from "./registry.ts";
import type { Schedule } from "./schedules.ts";
import { serializeFlow, type SerializedFlow } from "./serialize.ts";
import { inFlowRun } from "./shared-state.ts";
import type { Storage } from "./storage.ts";
import { type ValidationResult, validateFlow } from "./validate.ts";

export interface FlowOptions {
  /** Where the engine finds this flow's code (default: Local, the file that called `new Flow`). */
  storage?: Storage;
  /** Extra agent labels a run needs (the hostname is added for Local storage). */
  labels?: string[];
  description?: string;
  /** When the server starts runs by itself: `interval({ minutes: 5 })` or `cron("0 9 * * *")`. */
  schedule?: Schedule;
}

export interface RunOptions {
  parameters?: Record<string, unknown>;
}

export interface RegisterOptions {
  projectName: string;
  /** Agent labels (default: this machine's hostname). */
  labels?: string[];
  /** Default: a hash of the serialized flow, so an unchanged flow makes no new version. */
  idempotencyKey?: string;
  /** GraphQL endpoint (default `TERN_API` or http://127.0.0.1:4200/graphql). */
  api?: string;
}

/**
 * A flow: a named graph of tasks. The build function calls tasks (which records them, it does not
 * run them); the flow can then run locally, or be registered with a Tern server for agents to run.
 *
 * @example
 * ```ts
 * import { task, Flow, context } from "tern";
 * const sayHello = task(() => context.logger.info("Hello, Cloud!"), { name: "say_hello" });
 * const flow = new Flow("hello-flow", () => {
 *   sayHello();
 * });
 * flow.register({ projectName: "tutorial" });
 * ```
 */
export class Flow {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  /** Refs used by this flow's tasks that belong to no flow or to another flow. */
  readonly foreignNodes: { node: GraphNode; usedBy: GraphNode }[] = [];
  /** File that constructed the flow (the default Local storage path). */
  readonly sourceFile: string | undefined;
  readonly storage: Storage | undefined;
  readonly labels: string[];
  readonly description: string | undefined;
  readonly schedule: Schedule | undefined;
  private referenceNodes: GraphNode[] | undefined;
  private counters = new Map<string, number>();

  constructor(
    readonly name: string,
    build?: (flow: Flow) => void,
    options: FlowOptions = {},
  ) {
    if (typeof name !== "string" || !name.trim()) throw new TypeError("new Flow(name): name must be a non-empty string");
    this.sourceFile = callerFile();
    this.storage = options.storage;
    this.labels = options.labels ?? [];
    this.description = options.description;
    this.schedule = options.schedule;
    if (build) {
      const result = withBuilder(this.builder(), () => build(this)) as unknown;
      if (result instanceof Promise) throw new TypeError(`Flow "${name}": the build function must be synchronous (it only wires tasks; they run later)`);
    }
    recordFlow(this);
  }

  private builder(): FlowBuilder {
    return {
      addNode: (spec) => {
        let slug: string;
        if (spec.kind === "parameter") slug = spec.name;
        else {
          const n = (this.counters.get(spec.name) ?? 0) + 1;
          this.counters.set(spec.name, n);
          slug = `${spec.name}-${n}`;
        }
        const node: GraphNode = { ...spec, slug, flow: this };
        this.nodes.push(node);
        node.args.forEach((arg, i) => {
          const key = node.task?.argNames[i] ?? String(i);
          for (const ref of collectRefs(arg)) this.link(ref.node, node, key);
        });
        for (const up of node.upstream) this.link(up, node, null);
        return node;
      },
      adopt: (node) => this.adopt(node),
    };
  }

  private adopt(node: GraphNode) {
    if (node.flow === this) return;
    if (node.kind === "parameter" && node.flow === undefined) {
      node.flow = this;
      this.nodes.push(node);
    }
  }

  private link(upstream: GraphNode, downstream: GraphNode, key: string | null) {
    this.adopt(upstream);
    if (upstream.flow !== this) this.foreignNodes.push({ node: upstream, usedBy: downstream });
    if (this.edges.some((e) => e.upstream === upstream && e.downstream === downstream)) return;
    this.edges.push({ upstream, downstream, key });
  }

  /**
   * Adds an ordering edge between two tasks of this flow (for wiring outside the build function).
   *
   * @example
   * ```ts
   * const flow = new Flow("f", () => { a = first(); b = second(); });
   * flow.addEdge(a, b); // second waits for first
   * ```
   */
  addEdge(upstream: TaskRef, downstream: TaskRef, key: string | null = null): this {
    if (!isRef(upstream) || !isRef(downstream)) throw new TypeError("addEdge takes two task references");
    if (downstream.node.flow !== this) this.foreignNodes.push({ node: downstream.node, usedBy: upstream.node });
    this.link(upstream.node, downstream.node, key);
    return this;
  }

  /**
   * The tasks whose states decide the flow's final state (default: tasks with no downstream task).
   *
   * @example
   * ```ts
   * new Flow("f", (flow) => { const r = load(transform(extract())); flow.setReferenceTasks(r); });
   * ```
   */
  setReferenceTasks(...refs: TaskRef[]): this {
    for (const r of refs) if (r.node.flow !== this) throw new TypeError(`setReferenceTasks: "${r.node.name}" is not a task of flow "${this.name}"`);
    this.referenceNodes = refs.map((r) => r.node);
    return this;
  }

  /** True when `setReferenceTasks` chose them (serialized explicitly); otherwise terminal tasks count. */
  get hasExplicitReferenceTasks(): boolean {
    return this.referenceNodes !== undefined;
  }

  /** The reference tasks: the explicit ones, or every task with no downstream edge. */
  referenceTasks(): GraphNode[] {
    if (this.referenceNodes) return this.referenceNodes;
    return this.nodes.filter((n) => !this.edges.some((e) => e.upstream === n));
  }

  /** Parameters declared in this flow. */
  parameters(): GraphNode[] {
    return this.nodes.filter((n) => n.kind === "parameter");
  }

  /** The node with this slug (e.g. `say_hello-1`). */
  node(slug: string): GraphNode | undefined {
    return this.nodes.find((n) => n.slug === slug);
  }

  /**
   * Checks the flow: cycles, colliding names, tasks from outside the flow, unserializable parameter
   * defaults, and required parameters without a value (an error when `parameters` are given for a
   * run, a warning otherwise).
   *
   * @example
   * ```ts
   * const { errors, warnings } = flow.validate();
   * if (errors.length) console.error(errors.join("\n"));
   * ```
   */
  validate(options: { parameters?: Record<string, unknown> } = {}): ValidationResult {
    return validateFlow(this, options);
  }

  /**
   * The JSON the server's `create_flow` accepts: metadata, tasks, edges, storage. Never code.
   *
   * @example
   * ```ts
   * const json = flow.serialize({ labels: ["my-laptop"] });
   * console.log(json.tasks.map((t) => t.slug)); // ["say_hello-1"]
   * ```
   */
  serialize(options: { labels?: string[] } = {}): SerializedFlow {
    return serializeFlow(this, options);
  }

  /**
   * Runs the flow in this process, without a server, and returns the final state and each task's.
   *
   * @example
   * ```ts
   * const result = await flow.run({ parameters: { who: "you" } });
   * console.log(result.state, result.tasks["greet-1"].result);
   * ```
   */
  async run(options: RunOptions = {}) {
    const { runLocally } = await import("./local-run.ts");
    return runLocally(this, options.parameters ?? {});
  }

  /**
   * Registers the flow with a Tern server in project `projectName` and prints its URL. Does nothing
   * inside a flow-run process (the engine imports the same file to find the flow).
   *
   * @example
   * ```ts
   * flow.register({ projectName: "tutorial" }); // Flow URL: http://127.0.0.1:4200/flow/…
   * ```
   */
  register(options: RegisterOptions): Promise<string | undefined> {
    // Settled here, not in register.ts: loading that module (the client and every generated GraphQL
    // document) cost an engine's first run of such a file 20-200 ms and ~10 MiB it kept for good.
    if (inFlowRun()) return Promise.resolve(undefined);
    reportRegisterFailuresInOneLine();
    return import("./register.ts").then(({ registerFlow }) => registerFlow(this, options));
  }
}
