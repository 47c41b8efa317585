import { decodeRow, decodeValue, toIso } from "../db/codec.ts";
import { runFixed } from "../db/plain-sql.ts";
import { labelsMatch } from "../../core/run-labels.ts";
import { flowRuntime, type StoragePolicy, storageRefusal, TERN_STORAGE_KINDS } from "../../core/flow-runtime.ts";
import type { AppDeps } from "../deps.ts";
import type { GraphQLError } from "graphql";
import { badInput, notFound } from "./errors.ts";
import { decodeAll, insertRows, nowIso, updateById } from "./rows.ts";
import { type RunRow, writeRunState } from "./states.ts";

/**
 * Agents: registration (idempotent for an unchanged agent) and the run queue an agent polls, with
 * Prefect Server's label rule. Liveness is `last_queried`, refreshed whenever the agent asks for work.
 */

/** States a run waits in until its start time (Prefect Server's queue query). */
const QUEUED_STATES = ["Scheduled", "Paused", "Resume", "Retrying", "Queued"];
const MAX_RUNS_PER_POLL = 25;
/**
 * Due runs read per page before the label filter: the first page a few times what is wanted, each
 * next one four times larger up to CANDIDATES, and at most MAX_DUE_READ in all. A full first page of
 * 500 made every poll read, decode and sort the whole queue (the agent's claim cost grew with the
 * backlog) when the first few due runs were nearly always the ones taken.
 */
const CANDIDATES = 500;
const FIRST_PAGE_PER_WANTED = 4;
const MIN_FIRST_PAGE = 32;
const MAX_DUE_READ = 20 * CANDIDATES;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sortedLabels = (labels: readonly unknown[] | null | undefined) => [...new Set((labels ?? []).map(String))].sort();

export interface RegisterAgentInput {
  labels?: string[] | null;
  agent_config_id?: string | null;
  type?: string | null;
  name?: string | null;
}

export async function registerAgent(deps: AppDeps, input: RegisterAgentInput, coreVersion: string | null): Promise<string> {
  const labels = sortedLabels(input.labels);
  const now = nowIso();
  const id = await deps.db.transaction().execute(async (tx) => {
    let query = tx.selectFrom("agent").selectAll().where("tenant_id", "=", deps.tenantId);
    query = input.name == null ? query.where("name", "is", null) : query.where("name", "=", input.name);
    query = input.type == null ? query.where("type", "is", null) : query.where("type", "=", input.type);
    query = coreVersion == null ? query.where("core_version", "is", null) : query.where("core_version", "=", coreVersion);
    const same = decodeAll("agent", await query.execute()).find((a) => JSON.stringify(sortedLabels(a.labels as unknown[])) === JSON.stringify(labels));
    if (same) {
      await updateById(tx, deps.dialect, "agent", same.id, { last_queried: now, updated: now });
      return same.id;
    }
    const id = crypto.randomUUID();
    await insertRows(tx, deps.dialect, "agent", [
      {
        id,
        tenant_id: deps.tenantId,
        name: input.name ?? null,
        type: input.type ?? null,
        core_version: coreVersion,
        labels,
        agent_config_id: input.agent_config_id ?? null,
        last_queried: now,
        created: now,
        updated: now,
      },
    ]);
    return id;
  });
  deps.events.publish(["agent"]);
  return id;
}

/** Marks an agent alive. Unknown or malformed ids are ignored: a stale header must not break polling. */
async function touchAgent(deps: AppDeps, agentId: string | null): Promise<boolean> {
  if (!agentId || !UUID_RE.test(agentId)) return false;
  const changed = await updateById(deps.db, deps.dialect, "agent", agentId.toLowerCase(), { last_queried: nowIso() });
  if (changed) deps.events.publish(["agent"]);
  return changed > 0;
}

export async function updateAgentHeartbeat(deps: AppDeps, agentId: string): Promise<boolean> {
  if (!(await touchAgent(deps, agentId))) throw notFound(`Agent ${agentId} not found.`);
  return true;
}

/** A due run as the queue reads it: enough to match labels and to know which kind of agent can run it. */
interface DueRun {
  id: string;
  labels: string[];
  state_start_time: string | null;
  version: number;
  /** The run's own run config, else its flow's. */
  run_config: unknown;
  storage: unknown;
  /** What a state write reads of the run: a claim starts from it instead of reading the run again. */
  row: RunRow;
}

/** What the queue reads of a flow run joined to its flow (`dueRun` decodes it). */
const DUE_RUN_COLUMNS = [
  "flow_run.id",
  "flow_run.labels",
  "flow_run.state_start_time",
  "flow_run.version",
  "flow_run.run_config",
  "flow.run_config as flow_run_config",
  "flow.storage",
  "flow_run.tenant_id",
  "flow_run.state",
  "flow_run.state_timestamp",
  "flow_run.start_time",
  "flow_run.end_time",
] as const;

interface DueRunRow {
  id: string;
  labels: unknown;
  state_start_time: unknown;
  version: unknown;
  run_config: unknown;
  flow_run_config: unknown;
  storage: unknown;
  tenant_id: unknown;
  state: unknown;
  state_timestamp: unknown;
  start_time: unknown;
  end_time: unknown;
}

function dueRun(row: DueRunRow): DueRun {
  return {
    id: row.id,
    labels: sortedLabels(decodeValue("jsonb", row.labels) as unknown[]),
    state_start_time: decodeValue("timestamptz", row.state_start_time) as string | null,
    version: Number(row.version),
    run_config: decodeValue("jsonb", row.run_config) ?? decodeValue("jsonb", row.flow_run_config),
    storage: decodeValue("jsonb", row.storage),
    row: decodeRow("flow_run", { id: row.id, tenant_id: row.tenant_id, version: row.version, state: row.state, state_timestamp: row.state_timestamp, start_time: row.start_time, end_time: row.end_time }),
  };
}

/**
 * The queue's page of due runs (see `dueRuns`), written out once: every poll of every agent runs it,
 * and building it through Kysely each time cost more than SQLite's work on it. Besides what `dueRun`
 * reads, it reads the columns a state write needs (states.ts's RunRow), so a claim needs no second read.
 */
const DUE_RUNS = `select "flow_run"."id", "flow_run"."labels", "flow_run"."state_start_time", "flow_run"."version", "flow_run"."run_config", "flow"."run_config" as "flow_run_config", "flow"."storage",
  "flow_run"."tenant_id", "flow_run"."state", "flow_run"."state_timestamp", "flow_run"."start_time", "flow_run"."end_time"
  from "flow_run" left join "flow" on "flow"."id" = "flow_run"."flow_id"
  where "flow_run"."tenant_id" = ? and "flow_run"."state" in (${QUEUED_STATES.map(() => "?").join(", ")}) and "flow_run"."state_start_time" <= ?
  order by "flow_run"."state_start_time" asc, "flow_run"."id" asc limit ? offset ?`;

/**
 * Flow runs waiting in a queued state, due by `before`, oldest first, that `accept` takes (labels,
 * and for claims the agent's kind and storage policy); pages are read until `wanted` are found.
 */
async function dueRuns(deps: AppDeps, before: string, accept: (run: DueRun) => boolean, wanted: number): Promise<DueRun[]> {
  // Matched here, not in SQL, so page through due runs until enough match: runs queued for other
  // agents must not hide this agent's.
  const taken: DueRun[] = [];
  let pageSize = Math.min(CANDIDATES, Math.max(MIN_FIRST_PAGE, wanted * FIRST_PAGE_PER_WANTED));
  for (let read = 0; read < MAX_DUE_READ && taken.length < wanted; read += pageSize, pageSize = Math.min(CANDIDATES, pageSize * 4)) {
    const limit = Math.min(pageSize, MAX_DUE_READ - read);
    const { rows } = await runFixed<DueRunRow>(deps.db, deps.dialect, DUE_RUNS, [deps.tenantId, ...QUEUED_STATES, before, limit, read]);
    for (const run of rows.map(dueRun)) if (accept(run)) taken.push(run);
    if (rows.length < pageSize) break;
  }
  return taken;
}

/** A Prefect 1 Python agent executes any flow but one Tern's SDK registered (TypeScript code it cannot load). */
const pythonAgentCanRun = (run: { storage: unknown; run_config: unknown }) => flowRuntime(run.storage, run.run_config).runtime !== "tern";

/**
 * Prefect's queue query, as the Prefect 1 Python agent polls it: due runs for these labels that a
 * Python agent can execute (Tern's flows wait for a Tern agent, which claims through `claimFlowRuns`).
 */
export async function getRunsInQueue(deps: AppDeps, input: { before?: string | null; labels?: string[] | null }, agentId: string | null): Promise<string[]> {
  const before = input.before ? toIso(input.before)! : nowIso();
  const agentLabels = sortedLabels(input.labels);
  const waiting = await dueRuns(deps, before, (run) => labelsMatch(run.labels, agentLabels) && pythonAgentCanRun(run), MAX_RUNS_PER_POLL);
  // A Running flow run with a task run waiting to retry needs an agent again.
  const retrying = await deps.db
    .selectFrom("flow_run")
    .leftJoin("flow", "flow.id", "flow_run.flow_id")
    .select(DUE_RUN_COLUMNS)
    .where("flow_run.tenant_id", "=", deps.tenantId)
    .where("flow_run.state", "=", "Running")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("task_run")
          .select("task_run.id")
          .whereRef("task_run.flow_run_id", "=", "flow_run.id")
          .where("task_run.state", "in", QUEUED_STATES)
          .where("task_run.state_start_time", "<=", before),
      ),
    )
    .orderBy("flow_run.state_start_time", "asc")
    .limit(CANDIDATES)
    .execute();
  const retryingRuns = retrying.map(dueRun).filter(pythonAgentCanRun);
  const candidates = [...waiting, ...retryingRuns].sort((a, b) => (a.state_start_time ?? "").localeCompare(b.state_start_time ?? ""));
  const ids = candidates
    .filter((run) => labelsMatch(run.labels, agentLabels))
    .slice(0, MAX_RUNS_PER_POLL)
    .map((run) => run.id);
  await touchAgent(deps, agentId);
  return ids;
}

export interface ClaimedRuns {
  /** The runs this agent now owns (Submitted), with their version after the claim. */
  claimed: { id: string; version: number }[];
  /** Runs another agent claimed between the read and the write. */
  lost: number;
}

export interface ClaimFlowRunsInput {
  before?: string | null;
  labels?: string[] | null;
  limit?: number | null;
  /** Storage kinds the agent loads code from (default: every kind a Tern agent knows). */
  storage?: string[] | null;
  /** For Git storage, the repository URL prefixes the agent accepts (default: any). */
  git_prefixes?: string[] | null;
  /** How many of the claimed runs also get Running right after their Submitted (same transaction). */
  start?: number | null;
}

/** What the claiming Tern agent executes: never a Python client's flow; the storage it allows. */
function claimPolicy(input: ClaimFlowRunsInput): StoragePolicy {
  const storage = input.storage ?? [...TERN_STORAGE_KINDS];
  const unknown = storage.filter((kind) => !(TERN_STORAGE_KINDS as readonly string[]).includes(kind));
  if (unknown.length) throw badInput(`Unknown storage kind ${unknown.join(", ")}: expected ${TERN_STORAGE_KINDS.join(", ")}.`);
  return { storage, gitPrefixes: input.git_prefixes ?? [""] };
}

/** The message of the Running a claim with `start` writes (an engine's own Running says "Running flow."). */
export const STARTED_BY_CLAIM = "Running flow.";

/** Codes a claim fails with when another agent (or a cancel) changed the run first. */
const LOST_CLAIM_CODES = new Set(["VERSION_LOCKING_ERROR", "ALREADY_SUBMITTED", "INVALID_TRANSITION"]);

/**
 * The agent's whole pickup in one request: finds up to `limit` due runs for these labels that this
 * agent can execute (a Tern agent: not a Prefect 1 Python client's flow, and only the storage kinds
 * and Git repositories it allows; the rest wait for an agent that can), and claims
 * each with a version-checked Submitted state (the same compare-and-swap as `set_flow_run_states`
 * with a version), so of several agents racing for a run exactly one gets it. Each claim is its own
 * short transaction: a lost race skips that run without undoing the others. For up to `start` of the
 * won claims, the same transaction also writes Running: the run is the agent's and started at once,
 * so its engine (handed the answer) needs no version-checked Running request of its own.
 */
export async function claimFlowRuns(
  deps: AppDeps,
  input: ClaimFlowRunsInput,
  agentId: string | null,
): Promise<ClaimedRuns> {
  const limit = input.limit ?? MAX_RUNS_PER_POLL;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNS_PER_POLL) throw badInput(`limit must be a whole number from 1 to ${MAX_RUNS_PER_POLL}.`);
  const before = input.before ? toIso(input.before)! : nowIso();
  const agentLabels = sortedLabels(input.labels);
  const policy = claimPolicy(input);
  const candidates = await dueRuns(deps, before, (run) => labelsMatch(run.labels, agentLabels) && !storageRefusal(flowRuntime(run.storage, run.run_config), policy), limit);
  const result: ClaimedRuns = { claimed: [], lost: 0 };
  const startLimit = input.start ?? 0;
  if (!Number.isInteger(startLimit) || startLimit < 0 || startLimit > limit) throw badInput(`start must be a whole number from 0 to the limit (${limit}).`);
  // Refreshed first: an agent this server knows is then also known to the claims below, which take
  // it as the runs' agent without looking it up once a run.
  const agentKnown = await touchAgent(deps, agentId);
  let starting = 0;
  const claim = (run: DueRun) =>
    deps.db.transaction().execute(async (tx) => {
      // Each write starts from the row the queue read (a copy: a transaction run again starts over);
      // the compare-and-swap on its version decides the race, as a read here would have.
      const known = { ...run.row };
      const submitted = await writeRunState(tx, deps.dialect, "flow_run", run.id, {
        state: { type: "Submitted", message: "Submitted for execution" },
        version: run.version,
        agentId: agentKnown ? agentId : null,
        agentKnown,
        known,
      });
      if (starting >= startLimit) return submitted;
      // Counted once the claim is won (a transaction run again only starts fewer). Version-checked on
      // the Submitted this transaction just wrote.
      starting++;
      return writeRunState(tx, deps.dialect, "flow_run", run.id, { state: { type: "Running", message: STARTED_BY_CLAIM }, version: submitted.version, known });
    });
  // The claims still wanted go out together (on SQLite they then share one commit, each in its own
  // savepoint); runs lost to another agent are made up from the next candidates.
  let next = 0;
  while (result.claimed.length < limit && next < candidates.length) {
    const round = candidates.slice(next, next + limit - result.claimed.length);
    next += round.length;
    const outcomes = await Promise.allSettled(round.map(claim));
    let failure: unknown;
    outcomes.forEach((outcome, i) => {
      if (outcome.status === "fulfilled") result.claimed.push({ id: round[i]!.id, version: outcome.value.version });
      else if (LOST_CLAIM_CODES.has(String((outcome.reason as GraphQLError).extensions?.code))) result.lost++;
      else failure ??= outcome.reason;
    });
    if (failure) throw failure;
  }
  if (result.claimed.length) deps.events.publish(["flow_run", "flow_run_state"]);
  return result;
}
