/**
 * Abusive reads: /healthz and create_flow_run (a Quick Run's server call) while clients keep the
 * server busy with heavy reads over 30,000 log lines: reads just inside the cost budget (each one
 * statement checking every line against 100 patterns) and abusive batches the budget refuses.
 * Through a real `tern server start`, on SQLite and, when one answers, PostgreSQL. Baseline: the
 * same calls on the idle server. Budget: 100 ms at p95 (issue "Nobody in, nothing lost").
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/server/db/database.ts";
import { createTestDatabase, testPostgresUrl } from "../src/server/db/testing.ts";
import { ensureDefaultTenant } from "../src/server/services/tenants.ts";
import { abusiveDocument, heavyRead } from "../src/server/testing/hostile-corpus.ts";
import { seedLogLines } from "../src/server/testing/log-seed.ts";
import { describeMachine, percentile, report } from "./lib.ts";
import { startServerProcess, ternMode } from "./processes.ts";

const LINES = 30_000;
const SAMPLES = 40;
/** Clients sending abusive requests back to back while the samples are taken. */
const ABUSERS = 4;
const BUDGET_MS = 100;

/** What the abusive clients send, back to back: reads the budget admits, or batches it refuses. */
const SCENARIOS = [
  { name: "heavy reads", request: () => heavyRead(100) },
  { name: "refused batches", request: () => Array.from({ length: 100 }, () => ({ query: abusiveDocument(300) })) },
];

const post = (url: string, body: unknown) =>
  fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);

async function sample(url: string, flowId: string) {
  const health: number[] = [];
  const run: number[] = [];
  for (let i = 0; i < SAMPLES + 2; i++) {
    let start = performance.now();
    const response = await fetch(`${url}/healthz`);
    if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
    const h = performance.now() - start;
    start = performance.now();
    const created = await post(url, { query: "mutation($id: UUID!) { create_flow_run(input: { flow_id: $id }) { id } }", variables: { id: flowId } });
    if (!created.data?.create_flow_run?.id) throw new Error(`create_flow_run failed: ${JSON.stringify(created.errors)}`);
    const r = performance.now() - start;
    // Two warm-ups.
    if (i >= 2) {
      health.push(h);
      run.push(r);
    }
  }
  return { health, run };
}

async function benchDatabase(label: string, databaseUrl: string, home: string) {
  const opened = await openDatabase(databaseUrl);
  const tenantId = await ensureDefaultTenant(opened.db, opened.dialect);
  const { flowId } = await seedLogLines({ db: opened.db, dialect: opened.dialect, tenantId }, LINES);
  await opened.close();
  const server = await startServerProcess(home, databaseUrl);
  try {
    const idle = await sample(server.url, flowId);
    for (const scenario of SCENARIOS) {
      let stop = false;
      const outcomes = new Map<string, number>();
      const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      const abusers = Array.from({ length: ABUSERS }, async () => {
        while (!stop) {
          const body = await post(server.url, scenario.request());
          for (const one of Array.isArray(body) ? body : [body]) count(one.errors?.[0]?.extensions?.code ?? "answered");
        }
      });
      const busy = await sample(server.url, flowId);
      stop = true;
      await Promise.all(abusers);
      console.log(`${label}, ${scenario.name}: outcomes while sampling ${JSON.stringify(Object.fromEntries(outcomes))}`);
      for (const [name, idleValues, busyValues] of [
        ["/healthz", idle.health, busy.health],
        ["create_flow_run", idle.run, busy.run],
      ] as const) {
        for (const p of [50, 95]) {
          report({ name: `${label} ${name}, ${scenario.name}, p${p}`, value: percentile(busyValues, p), unit: "ms", budget: BUDGET_MS, baseline: { name: "idle", value: percentile(idleValues, p) } });
        }
      }
    }
  } finally {
    await server.stop();
  }
}

describeMachine();
console.log(`(tern runs from its ${ternMode()})`);
const home = mkdtempSync(join(tmpdir(), "tern-bench-abusive-"));
try {
  await benchDatabase("SQLite", join(home, "tern.db"), home);
  const postgres = process.env.BENCH_SQLITE_ONLY ? undefined : testPostgresUrl();
  if (!postgres) console.log("PostgreSQL: skipped (set DATABASE_URL_TEST to include it)");
  else {
    const database = await createTestDatabase("postgres");
    try {
      await benchDatabase("PostgreSQL", database.url, home);
    } finally {
      await database.drop();
    }
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}
process.exit(0);
