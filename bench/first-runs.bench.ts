/**
 * The first Quick Runs after an agent starts, each timed apart (create_flow_run → Success seen through
 * a live query): with a fresh server, a fresh agent and its warm pool given time to start, run 1 should
 * cost what run 10 does. Prints every run split at its states' server timestamps (create request,
 * queue pickup → Submitted, handoff + flow load + start write → Running, tasks + final write →
 * Success, live query push), then the ratio of the first run to the median of runs 6–10.
 */
import { join } from "node:path";
import { LocalAgent } from "../src/agent/agent.ts";
import { startTestStack } from "../src/testing/stack.ts";
import { WarmPoolLauncher } from "../src/agent/warm-pool.ts";
import { TernClient } from "../src/client/client.ts";
import { must } from "../src/client/must.ts";
import { CreateRun, RunHistory } from "./documents.ts";
import { untilSuccess } from "./until-success.ts";
import { describeMachine, median, report } from "./lib.ts";

const RUNS = 10;
/** Long enough for a warm pool to have started its engines on a busy machine. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);


describeMachine();
const stack = await startTestStack();
process.env.TERN_HOME = stack.home;
process.env.TERN_QUIET = "1";
const { flowId } = await stack.register(join(import.meta.dirname, "../examples/hello-flow.ts"));
// As `tern agent local start` makes it: its engines warm up against the agent's server.
const launcher = new WarmPoolLauncher({ size: 2, api: stack.server.graphqlUrl });
const agent = new LocalAgent(new TernClient({ api: stack.server.graphqlUrl }), launcher, { labels: ["test"], print: () => {} });
await agent.start();
await new Promise((r) => setTimeout(r, SETTLE_MS));
/** Wall-clock ms, comparable with the server's state timestamps on the same machine. */
const wallNow = () => performance.timeOrigin + performance.now();
const times: number[] = [];
const splits: string[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = wallNow();
  const id = must((await stack.client.request(CreateRun, { flowId })).create_flow_run?.id, "flow run id");
  await untilSuccess(stack.client, id);
  const seen = wallNow();
  times.push(seen - start);
  const history = must((await stack.client.request(RunHistory, { id })).flow_run_by_pk, "run history");
  const at = (state: string) => Date.parse(must(history.states.find((s) => s.state === state), state).timestamp);
  const marks = [start, Date.parse(history.created), at("Submitted"), at("Running"), at("Success"), seen];
  splits.push(marks.slice(1).map((m, j) => (m - marks[j]!).toFixed(0).padStart(5)).join(" "));
  await new Promise((r) => setTimeout(r, 100));
}
console.log(`${"".padEnd(67)} create pickup  start  tasks   push (ms)`);
times.forEach((t, i) => report({ name: `run ${i + 1} after the agent started`, value: t, unit: `ms  ${splits[i]}` }));
const later = median(times.slice(5));
report({ name: "first run / median of runs 6–10", value: times[0]! / later, unit: "×", budget: 1.5 });
await agent.stop();
await stack.close();
process.exit(0);
