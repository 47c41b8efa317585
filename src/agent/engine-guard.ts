/**
 * Preloaded into every engine the agent starts (`node --import <this>`). Engines run in their own
 * process group, so a Ctrl-C in the agent's terminal reaches only the agent, which then decides
 * whether runs may finish; the other half of that bargain is here: an engine whose agent is gone
 * (killed outright, so the IPC channel closes) exits instead of running on as an orphan.
 */
import { setFlagsFromString } from "node:v8";

if (process.channel) process.on("disconnect", () => process.exit(70));
// What the launcher added to this process's environment for the process itself (engineProcessEnv
// in launcher.ts) is read at start; a flow's code and the processes it starts see the agent's.
for (const name of process.env.TERN_ENGINE_ADDED_ENV?.split(",") ?? []) delete process.env[name];
delete process.env.TERN_ENGINE_ADDED_ENV;
// The flag the launcher set for tsx's loader thread (LOADER_THREAD_HEAP) ends with it: a worker
// thread a flow starts gets V8's default young generation.
setFlagsFromString("--max-semi-space-size=0");
