// Preloaded into engine processes by quick-run.bench.ts (NODE_OPTIONS=--import): writes engine-side
// timing marks to BENCH_MARKS_FILE, one JSON line each, on the wall clock every process shares:
// when the run arrived over IPC (warm pool), and when each GraphQL request started and its answer
// was read. Plain JavaScript because it loads before tsx. The engine's code is left untouched.
import { appendFileSync } from "node:fs";

const file = process.env.BENCH_MARKS_FILE;
if (file) {
  const now = () => performance.timeOrigin + performance.now();
  const mark = (fields) => appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...fields })}\n`);
  mark({ what: "process", at: performance.timeOrigin, run: process.argv.at(-1) });
  process.on("message", (message) => {
    if (message?.type === "run") mark({ what: "ipc", at: now(), run: message.flowRunId });
  });

  // The run this engine runs, as the SDK's shared state (src/sdk/shared-state.ts) says.
  const currentRun = () => globalThis[Symbol.for("tern.sdk.shared")]?.flowRunId;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const start = now();
    let op = "?";
    let state;
    let run;
    try {
      const body = JSON.parse(typeof init?.body === "string" ? init.body : "{}");
      op = body.operationName ?? /(?:query|mutation|subscription)\s+(\w+)/.exec(body.query ?? "")?.[1] ?? "?";
      const input = body.variables?.input;
      // write_run_batch carries flow-run states under its own key; the first one names the moment.
      const first = input?.states?.[0] ?? input?.flow_run_states?.[0];
      state = first?.state?.type;
      run = body.variables?.id ?? first?.flow_run_id ?? body.variables?.input?.logs?.[0]?.flow_run_id;
    } catch {
      // not a JSON GraphQL body: timed under "?"
    }
    const response = await realFetch(input, init);
    // A live query's stream stays open; only the request/response calls are timed to their end.
    if ((response.headers.get("content-type") ?? "").includes("text/event-stream")) {
      mark({ what: "stream", op, run: run ?? currentRun(), start });
      return response;
    }
    const text = await response.text();
    mark({ what: "fetch", op, state, run: run ?? currentRun(), start, end: now() });
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
