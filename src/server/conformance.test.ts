import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type FieldNode, Kind, parse, type SelectionSetNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "./db/testing.ts";
import { type RunningServer, startServer } from "./main.ts";

/**
 * Wire conformance: replays, in order, every request the real Prefect 1.4.1 client sent on the tutorial
 * path (create project twice, register, create a run, local agent, flow-run process), exactly as sent:
 * `POST /`, variables as a JSON string, the recorded headers. Ids differ per server, so each id in a
 * recorded reply is mapped to the id Tern answered at the same place, and later requests are rewritten
 * with that mapping; timestamps are moved to "now" by each request's own offset, as the client computes
 * them. Each reply must carry every selected field of the recorded reply, with the same JSON type.
 */

interface Exchange {
  t: string;
  path: string;
  headers: Record<string, string>;
  query: string;
  variables: Record<string, unknown> | null;
  response: { data?: unknown; errors?: { message: string }[] | null };
}

const capture: Exchange[] = readFileSync(join(import.meta.dirname, "testing/fixtures/prefect1-wire-capture.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP_RE = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean";
const jsonType = (v: unknown): JsonType => (v === null || v === undefined ? "null" : Array.isArray(v) ? "array" : (typeof v as JsonType));

class Replay {
  readonly ids = new Map<string, string>();
  constructor(readonly server: RunningServer) {}

  private rewriteString(text: string, shiftMs: number): string {
    let out = text;
    for (const [recorded, ours] of this.ids) out = out.split(recorded).join(ours);
    return out.replace(TIMESTAMP_RE, (ts) => new Date(Date.parse(ts) + shiftMs).toISOString());
  }

  private rewrite(value: unknown, shiftMs: number): unknown {
    if (typeof value === "string") return this.rewriteString(value, shiftMs);
    if (Array.isArray(value)) return value.map((v) => this.rewrite(v, shiftMs));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewrite(v, shiftMs)]));
    return value;
  }

  async send(exchange: Exchange): Promise<{ status: number; body: { data?: any; errors?: { message: string }[] } }> {
    const shiftMs = Date.now() - Date.parse(exchange.t);
    const headers = Object.fromEntries(Object.entries(exchange.headers).map(([k, v]) => [k, this.rewriteString(v, shiftMs)]));
    const response = await fetch(`${this.server.url}${exchange.path}`, {
      method: "POST",
      headers,
      // The client always json.dumps its variables into a string ("null" when there are none).
      body: JSON.stringify({ query: this.rewriteString(exchange.query, shiftMs), variables: JSON.stringify(this.rewrite(exchange.variables, shiftMs)) }),
    });
    return { status: response.status, body: await response.json() };
  }

  /**
   * Walks the recorded reply along the query's selection set beside Tern's reply: reports missing
   * fields and type mismatches, and learns the recorded→Tern mapping of every id it passes.
   */
  compare(recorded: unknown, ours: unknown, selection: SelectionSetNode | undefined, path: string, problems: string[]): void {
    if (typeof recorded === "string" && UUID_RE.test(recorded) && typeof ours === "string") {
      const known = this.ids.get(recorded);
      if (known && known !== ours) problems.push(`${path}: id ${recorded} was ${known} before, now ${ours}`);
      this.ids.set(recorded, ours);
    }
    const type = jsonType(recorded);
    if (type === "null") return;
    if (jsonType(ours) !== type) {
      problems.push(`${path}: expected ${type}, got ${jsonType(ours)} (${JSON.stringify(ours)?.slice(0, 120)})`);
      return;
    }
    // JSON scalars (serialized_state, storage…) have no selection: their type is what the client needs.
    if (!selection) return;
    if (type === "array") {
      const r = recorded as unknown[];
      const o = ours as unknown[];
      if (r.length !== o.length) problems.push(`${path}: expected ${r.length} items, got ${o.length}`);
      for (let i = 0; i < Math.min(r.length, o.length); i++) this.compare(r[i], o[i], selection, `${path}[${i}]`, problems);
      return;
    }
    if (type === "object") {
      const r = recorded as Record<string, unknown>;
      const o = ours as Record<string, unknown>;
      for (const node of selection.selections) {
        if (node.kind !== Kind.FIELD) continue;
        const field = node as FieldNode;
        const key = field.alias?.value ?? field.name.value;
        if (!(key in r)) continue; // the recording server left it out: nothing to hold Tern to
        if (!(key in o)) {
          problems.push(`${path}.${key}: missing`);
          continue;
        }
        this.compare(r[key], o[key], field.selectionSet, `${path}.${key}`, problems);
      }
    }
  }
}

const describeRequest = (i: number, e: Exchange) => `#${i} ${e.query.replace(/\s+/g, " ").slice(0, 90)}`;

describe.each(testDialects())("Prefect 1.4.1 wire capture replayed on %s", (kind) => {
  let testDb: TestDatabase;
  let replay: Replay;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    const server = await startServer({ port: 0, host: "127.0.0.1", databaseUrl: testDb.url });
    replay = new Replay(server);
  });
  afterAll(async () => {
    await replay?.server.close();
    await testDb?.drop();
  });

  it("has the whole capture", () => {
    expect(capture.length).toBe(35);
  });

  for (const [i, exchange] of capture.entries()) {
    it(describeRequest(i, exchange), async () => {
      const { status, body } = await replay.send(exchange);
      expect(status).toBe(200);
      if (exchange.response.errors?.length) {
        // Only the duplicate project: the client recovers from exactly this message.
        expect(body.errors?.map((e) => e.message)).toEqual(exchange.response.errors.map((e) => e.message));
        return;
      }
      expect(body.errors).toBeUndefined();
      const operation = parse(exchange.query).definitions[0];
      const selection = operation.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
      const problems: string[] = [];
      replay.compare(exchange.response.data, body.data, selection, "data", problems);
      expect(problems).toEqual([]);
    });
  }

  it("left the run finished, with its task run, history and logs", async () => {
    const db = replay.server.deps.db;
    const runs = await db.selectFrom("flow_run").select(["id", "state", "version", "agent_id"]).execute();
    expect(runs).toHaveLength(1);
    expect(runs[0].state).toBe("Success");
    expect(runs[0].agent_id).not.toBeNull();
    const history = await db.selectFrom("flow_run_state").select("state").where("flow_run_id", "=", runs[0].id).orderBy("version").execute();
    expect(history.map((h) => h.state)).toEqual(["Scheduled", "Submitted", "Running", "Success"]);
    const taskRuns = await db.selectFrom("task_run").select("state").execute();
    expect(taskRuns.map((t) => t.state)).toEqual(["Success"]);
    const logs = await db.selectFrom("log").select("id").execute();
    expect(logs).toHaveLength(6);
    // tenant, project, flow, flow group, flow run, agent, task, task run: each learned from a reply.
    expect(replay.ids.size).toBe(8);
  });
});
