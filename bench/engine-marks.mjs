// Preloaded into engine processes by quick-run.bench.ts (NODE_OPTIONS=--import): writes engine-side
// timing marks to BENCH_MARKS_FILE, one JSON line each, on the wall clock every process shares:
// when the run arrived over IPC (warm pool), and when each GraphQL request started and its answer
// was read (node:http for requests, fetch for live queries). Plain JavaScript because it loads before
// tsx. The engine's code is left untouched.
import { appendFileSync } from "node:fs";
import http from "node:http";
import { syncBuiltinESMExports } from "node:module";

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

  /** What a GraphQL request body says: its operation, the first flow-run state it writes, its run. */
  const describe = (text) => {
    try {
      const body = JSON.parse(text || "{}");
      const op = body.operationName ?? /(?:query|mutation|subscription)\s+(\w+)/.exec(body.query ?? "")?.[1] ?? "?";
      const input = body.variables?.input;
      // write_run_batch carries flow-run states under its own key; the first one names the moment.
      const first = input?.states?.[0] ?? input?.flow_run_states?.[0];
      return { op, state: first?.state?.type, run: body.variables?.id ?? first?.flow_run_id ?? input?.logs?.[0]?.flow_run_id };
    } catch {
      return { op: "?" }; // not a JSON GraphQL body: timed under "?"
    }
  };

  // Queries and mutations go over node:http (src/client/transport.ts): its request function is
  // wrapped, and the wrap made visible to ES module imports of node:http, before the engine loads.
  const realRequest = http.request;
  http.request = (...args) => {
    const start = now();
    const req = realRequest(...args);
    const end = req.end;
    req.end = (body, ...rest) => {
      const sent = describe(Buffer.isBuffer(body) || typeof body === "string" ? body.toString() : "");
      req.on("response", (res) => res.on("end", () => mark({ what: "fetch", ...sent, run: sent.run ?? currentRun(), start, end: now() })));
      return end.call(req, body, ...rest);
    };
    return req;
  };
  syncBuiltinESMExports();

  // A run's cancel watch is a live query over fetch: its stream is marked when it opens.
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const start = now();
    const sent = describe(typeof init?.body === "string" ? init.body : "");
    const response = await realFetch(input, init);
    if ((response.headers.get("content-type") ?? "").includes("text/event-stream")) mark({ what: "stream", ...sent, run: sent.run ?? currentRun(), start });
    return response;
  };
}
