/**
 * Log latency, the server's share of "write_run_logs → on screen < 250 ms": from sending one log
 * line to the moment a live `log` query (what the run page's log tail subscribes to) delivers it,
 * through a real `tern server start` process on SQLite. Baseline: the write_run_logs call alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { CreateRun, WatchLogs, WriteLog } from "./documents.ts";
import { describeMachine, median, percentile, report } from "./lib.ts";
import { registerFlowFile, startServerProcess, ternMode } from "./processes.ts";

const LINES = 30;

describeMachine();
console.log(`(tern runs from its ${ternMode()})`);
const home = mkdtempSync(join(tmpdir(), "tern-bench-logs-"));
const server = await startServerProcess(home);
try {
  const client = new TernClient({ api: server.graphqlUrl });
  // No agent has this label: the run stays Scheduled and only this bench writes its logs.
  const { flowId } = await registerFlowFile(server.graphqlUrl, join(import.meta.dirname, "flows/three-tasks.ts"), "bench", ["nobody"]);
  const runId = must((await client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id");

  const live = client.subscribe(WatchLogs, { runId });
  const results = live[Symbol.asyncIterator]();
  await results.next(); // the current (empty) result, sent at once
  const delivered: number[] = [];
  const written: number[] = [];
  for (let i = 0; i < LINES + 2; i++) {
    const message = `bench line ${i} ${Math.random()}`;
    const start = performance.now();
    const write = client.request(WriteLog, { runId, message }).then(() => performance.now() - start);
    for (;;) {
      const next = await results.next();
      if (next.done) throw new Error("the live log query ended");
      if (next.value.log.some((line) => line.message === message)) break;
    }
    const seen = performance.now() - start;
    const wrote = await write;
    if (i >= 2) {
      delivered.push(seen); // two warm-up lines
      written.push(wrote);
    }
  }
  live.close();
  report({ name: "write_run_logs → line delivered by live query (p50)", value: median(delivered), unit: "ms", budget: 250, baseline: { name: "write alone", value: median(written) } });
  report({ name: "write_run_logs → line delivered by live query (p95)", value: percentile(delivered, 95), unit: "ms", budget: 250 });
  report({ name: "write_run_logs call alone (p50)", value: median(written), unit: "ms" });
} finally {
  await server.stop();
  rmSync(home, { recursive: true, force: true });
}
process.exit(0);
