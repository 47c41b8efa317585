/**
 * The shape of a seeded installation, generated row by row (never held whole in memory): projects
 * with flows of ten tasks each, flow runs spread over the last 30 days with a realistic mix of
 * states, ten task runs and about ten log lines per run, and one "big" run (a mapped task with
 * many children and a long log) that the run-page queries and the browser bench look at.
 */

import { toTimestamp } from "../../src/core/timestamps.ts";

export interface SeedSize {
  projects: number;
  flowsPerProject: number;
  tasksPerFlow: number;
  flowRuns: number;
  taskRuns: number;
  logs: number;
  /** The big run's own task runs and log lines (counted inside the totals above). */
  bigRunTaskRuns: number;
  bigRunLogs: number;
}

/** Full size is 100,000 flow runs / 1,000,000 task runs / 1,000,000 logs; `scale` shrinks it. */
export function seedSize(scale: number): SeedSize {
  const n = (full: number, least: number) => Math.max(least, Math.round(full * scale));
  return {
    projects: 10,
    flowsPerProject: 20,
    tasksPerFlow: 10,
    flowRuns: n(100_000, 100),
    taskRuns: n(1_000_000, 1000),
    logs: n(1_000_000, 1000),
    bigRunTaskRuns: n(10_000, 100),
    bigRunLogs: n(100_000, 100),
  };
}

export type Row = Record<string, string | number | null>;

/** Every table the seed writes, in foreign-key order, with the columns it fills. */
export const SEED_COLUMNS = {
  project: ["id", "tenant_id", "created", "updated", "name", "description"],
  flow_group: ["id", "tenant_id", "created", "updated", "name", "settings", "default_parameters", "labels"],
  flow: ["id", "tenant_id", "created", "updated", "project_id", "flow_group_id", "name", "version", "parameters", "settings", "is_schedule_active", "archived", "storage"],
  task: ["id", "tenant_id", "created", "updated", "flow_id", "name", "slug", "type", "mapped", "auto_generated", "is_root_task", "is_terminal_task", "is_reference_task", "tags"],
  flow_run: ["id", "tenant_id", "created", "updated", "flow_id", "name", "parameters", "labels", "scheduled_start_time", "auto_scheduled", "times_resurrected", "version", "start_time", "end_time", "state", "state_timestamp", "state_message", "state_start_time"],
  task_run: ["id", "tenant_id", "created", "updated", "flow_run_id", "task_id", "map_index", "name", "version", "start_time", "end_time", "state", "state_timestamp", "state_message", "state_start_time"],
  log: ["id", "tenant_id", "created", "updated", "flow_run_id", "seq", "task_run_id", "timestamp", "name", "level", "message"],
} as const;
export type SeedTable = keyof typeof SEED_COLUMNS;
const TABLE_ORDER = Object.keys(SEED_COLUMNS) as SeedTable[];

/** What the benches need to find again: ids to put into the dashboard's query variables. */
export interface SeedIds {
  projectIds: string[];
  flowGroupIds: string[];
  bigRunId: string;
  /** The big run's one mapped task: its task runs are that task's children. */
  bigRunTaskId: string;
  /** A finished run of ordinary size (ten task runs). */
  typicalRunId: string;
  /** A word that appears in a few log lines of the big run, for the log search. */
  needle: string;
}

/** A small deterministic generator, so two runs of a bench seed the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** Stored timestamps are fixed-width with microseconds (core/timestamps.ts), so text order is time order. */
const iso = (ms: number) => toTimestamp(ms);

/** Finished states dominate, as on a real installation; a few runs are live or still scheduled. */
function pickRunState(r: number): string {
  if (r < 0.82) return "Success";
  if (r < 0.9) return "Failed";
  if (r < 0.93) return "Running";
  if (r < 0.95) return "Scheduled";
  if (r < 0.97) return "Cancelled";
  if (r < 0.98) return "Submitted";
  if (r < 0.99) return "TriggerFailed";
  return "Skipped";
}

const LEVELS = ["INFO", "INFO", "INFO", "INFO", "DEBUG", "WARNING", "ERROR"];
const WORDS = ["fetched", "rows", "from", "upstream", "wrote", "batch", "to", "warehouse", "retrying", "request", "parsed", "records", "checksum", "ok"];

/**
 * Streams the rows of every table to `sink`, table by table (foreign keys first). `sink` is called
 * with batches so writers can use multi-row statements; it returns when the batch is stored.
 */
export async function generate(size: SeedSize, tenantId: string, sink: (table: SeedTable, rows: Row[]) => Promise<void> | void, batchSize = 2000): Promise<SeedIds> {
  const rand = random(42);
  const now = Date.now();
  const pending = new Map<SeedTable, Row[]>();
  const push = async (table: SeedTable, row: Row) => {
    let rows = pending.get(table);
    if (!rows) pending.set(table, (rows = []));
    rows.push(row);
    // A full batch goes out after its parents' pending rows, so foreign keys always hold.
    if (rows.length >= batchSize) {
      for (const parent of TABLE_ORDER.slice(0, TABLE_ORDER.indexOf(table) + 1)) await flush(parent);
    }
  };
  async function flush(table: SeedTable) {
    const rows = pending.get(table);
    pending.set(table, []);
    if (rows?.length) await sink(table, rows);
  }
  const stamp = (ms: number) => ({ created: iso(ms), updated: iso(ms) });

  const projectIds: string[] = [];
  for (let p = 0; p < size.projects; p++) {
    const id = crypto.randomUUID();
    projectIds.push(id);
    await push("project", { id, tenant_id: tenantId, ...stamp(now - 60 * DAY), name: `project-${p}`, description: null });
  }
  await flush("project");

  const flows: { id: string; groupId: string; taskIds: string[] }[] = [];
  for (let f = 0; f < size.projects * size.flowsPerProject; f++) {
    const groupId = crypto.randomUUID();
    await push("flow_group", { id: groupId, tenant_id: tenantId, ...stamp(now - 60 * DAY), name: `flow-${f}`, settings: "{}", default_parameters: "{}", labels: '["bench"]' });
    flows.push({ id: crypto.randomUUID(), groupId, taskIds: [] });
  }
  await flush("flow_group");
  for (let i = 0; i < flows.length; i++) {
    const flow = flows[i];
    const projectId = projectIds[Math.floor(i / size.flowsPerProject)];
    const storage = JSON.stringify({ type: "local", path: "/srv/flows/etl.ts", flow: `flow-${i}` });
    await push("flow", { id: flow.id, tenant_id: tenantId, ...stamp(now - 60 * DAY), project_id: projectId, flow_group_id: flow.groupId, name: `flow-${i}`, version: 1, parameters: "[]", settings: "{}", is_schedule_active: 0, archived: 0, storage });
  }
  await flush("flow");
  for (const flow of flows) {
    for (let t = 0; t < size.tasksPerFlow; t++) {
      const id = crypto.randomUUID();
      flow.taskIds.push(id);
      await push("task", { id, tenant_id: tenantId, ...stamp(now - 60 * DAY), flow_id: flow.id, name: `task-${t}`, slug: `task-${t}-1`, type: "Task", mapped: t === 0 ? 1 : 0, auto_generated: 0, is_root_task: t === 0 ? 1 : 0, is_terminal_task: t === size.tasksPerFlow - 1 ? 1 : 0, is_reference_task: t === size.tasksPerFlow - 1 ? 1 : 0, tags: "[]" });
    }
  }
  await flush("task");

  // Flow runs and, run by run, their task runs and logs: the totals are spread evenly over the
  // ordinary runs once the big run has taken its share.
  const ordinaryRuns = size.flowRuns - 1;
  const taskRunsLeft = size.taskRuns - size.bigRunTaskRuns;
  const logsLeft = size.logs - size.bigRunLogs;
  let taskRunsDone = 0;
  let logsDone = 0;
  let bigRunId = "";
  let typicalRunId = "";
  const needle = "checksum-mismatch";
  for (let r = 0; r < size.flowRuns; r++) {
    const big = r === size.flowRuns - 1;
    // Newer flows in the list run more often (a skew like real usage), runs spread over 30 days.
    const flow = big ? flows[0] : flows[Math.floor(rand() ** 1.5 * flows.length)];
    const state = big ? "Running" : pickRunState(rand());
    const scheduled = state === "Scheduled" ? now + rand() * 2 * DAY : big ? now - 60_000 : now - rand() * 30 * DAY;
    const started = state === "Scheduled" ? null : scheduled + rand() * 2000;
    const live = state === "Running" || state === "Submitted";
    const ended = started === null || live ? null : started + 1000 + rand() * 120_000;
    const id = crypto.randomUUID();
    if (big) bigRunId = id;
    else if (!typicalRunId && state === "Success") typicalRunId = id;
    const stateAt = ended ?? started ?? scheduled;
    await push("flow_run", {
      id,
      tenant_id: tenantId,
      ...stamp(scheduled - 1000),
      flow_id: flow.id,
      name: `run-${r}`,
      parameters: "{}",
      labels: '["bench"]',
      scheduled_start_time: iso(scheduled),
      auto_scheduled: state === "Scheduled" ? 1 : 0,
      times_resurrected: 0,
      version: 3,
      start_time: started === null ? null : iso(started),
      end_time: ended === null ? null : iso(ended),
      state,
      state_timestamp: iso(stateAt),
      state_message: state === "Failed" ? "Some reference tasks failed." : null,
      state_start_time: null,
    });

    const taskRuns = big ? size.bigRunTaskRuns : Math.round(((r + 1) * taskRunsLeft) / ordinaryRuns) - taskRunsDone;
    // A scheduled run has no task runs yet; its share goes to the next run, so the total is exact.
    if (!big && state !== "Scheduled") taskRunsDone += taskRuns;
    const taskRunIds: string[] = [];
    if (state !== "Scheduled") {
      for (let t = 0; t < taskRuns; t++) {
        // The big run is one mapped task fanned out; ordinary runs have one task run per task.
        const taskId = big ? flow.taskIds[0] : flow.taskIds[t % flow.taskIds.length];
        const mapIndex = big ? t : t < flow.taskIds.length ? -1 : Math.floor(t / flow.taskIds.length);
        const taskState = big ? (t < taskRuns / 2 ? "Success" : "Pending") : state === "Failed" && t === taskRuns - 1 ? "Failed" : live ? (t < taskRuns / 2 ? "Success" : "Pending") : "Success";
        const tStart = started! + t * 10;
        const tEnd = taskState === "Success" || taskState === "Failed" ? tStart + 5 + rand() * 500 : null;
        const taskRunId = crypto.randomUUID();
        taskRunIds.push(taskRunId);
        await push("task_run", {
          id: taskRunId,
          tenant_id: tenantId,
          ...stamp(tStart),
          flow_run_id: id,
          task_id: taskId,
          map_index: mapIndex,
          name: null,
          version: 2,
          start_time: taskState === "Pending" ? null : iso(tStart),
          end_time: tEnd === null ? null : iso(tEnd),
          state: taskState,
          state_timestamp: iso(tEnd ?? tStart),
          state_message: null,
          state_start_time: null,
        });
      }
    }
    const logs = state === "Scheduled" ? 0 : big ? size.bigRunLogs : Math.round(((r + 1) * logsLeft) / ordinaryRuns) - logsDone;
    if (!big) logsDone += logs;
    for (let l = 0; l < logs; l++) {
      const level = LEVELS[Math.floor(rand() * LEVELS.length)];
      const words = Array.from({ length: 6 + Math.floor(rand() * 8) }, () => WORDS[Math.floor(rand() * WORDS.length)]);
      if (big && l % 997 === 0) words.push(needle);
      const at = started! + l * 3;
      await push("log", {
        id: crypto.randomUUID(),
        tenant_id: tenantId,
        ...stamp(at),
        flow_run_id: id,
        seq: l + 1,
        task_run_id: taskRunIds.length ? taskRunIds[l % taskRunIds.length] : null,
        timestamp: iso(at),
        name: "tern.task",
        level,
        message: `${words.join(" ")} #${l}`,
      });
    }
  }
  for (const table of ["flow_run", "task_run", "log"] as const) await flush(table);
  return { projectIds, flowGroupIds: flows.map((f) => f.groupId), bigRunId, bigRunTaskId: flows[0].taskIds[0], typicalRunId, needle };
}
