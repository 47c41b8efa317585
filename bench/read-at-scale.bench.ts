/**
 * The read API at scale: seeds 100,000 flow runs / 1,000,000 task runs / 1,000,000 log lines
 * straight into the database (`TERN_BENCH_SCALE`, default 1, shrinks it), then runs the
 * dashboard's own documents (imported from the generated contract, so they are exactly what the
 * SPA sends) through a real server over HTTP, on SQLite and, when reachable, PostgreSQL.
 * Each query is timed before and after the read indexes (migrations 0004 as 0007 left it, 0005, 0009)
 * to show what they buy.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import {
  Dashboard_FailuresDocument,
  Dashboard_FlowsDocument,
  Dashboard_HistoryDocument,
  Dashboard_InProgressDocument,
  Dashboard_ProjectsDocument,
  Dashboard_UpcomingDocument,
  Flow_RecentRunsDocument,
  Flow_RunCountDocument,
  Flow_RunsDocument,
  FlowRun_DetailDocument,
  FlowRun_LogsDocument,
  FlowRun_TaskRunsDocument,
  TaskRunCountsDocument,
} from "../src/core/gql/graphql.ts";
import { openDatabase } from "../src/server/db/database.ts";
import type { Kysely } from "kysely";
import * as upcomingIndex from "../src/server/db/migrations/0005_upcoming_runs_index.ts";
import * as mappedIndexes from "../src/server/db/migrations/0009_mapped_children_index.ts";
import { startServer } from "../src/server/main.ts";
import { ensureDefaultTenant } from "../src/server/services/tenants.ts";
import { percentile, report } from "./lib.ts";
import { postGraphql } from "./seed/api.ts";
import { benchDatabases, freshDatabase } from "./seed/databases.ts";
import { seedSize } from "./seed/shape.ts";
import { type SeedResult, seedPostgres, seedSqlite } from "./seed/write.ts";

/**
 * The run page's indexes of 0004, as they stand after 0007 (which replaced its log index by one
 * sorting on seq): 0004's own down would restore an index 0007 removed, so these are dropped and
 * built by name.
 */
const RUN_PAGE_INDEXES: [name: string, table: string, columns: string[]][] = [
  ["ix_task_run_flow_run_id_start_time_id", "task_run", ["flow_run_id", "start_time", "id"]],
  ["ix_log_flow_run_id_timestamp_seq", "log", ["flow_run_id", "timestamp", "seq"]],
];
const readIndexes = {
  async up(db: Kysely<any>) {
    for (const [name, table, columns] of RUN_PAGE_INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
  },
  async down(db: Kysely<any>) {
    for (const [name] of RUN_PAGE_INDEXES) await db.schema.dropIndex(name).execute();
  },
};
/** Every read index compared, dropped before seeding and built again on the loaded tables. */
const COMPARED = [readIndexes, upcomingIndex, mappedIndexes];

const SCALE = Number(process.env.TERN_BENCH_SCALE ?? 1);
const SAMPLES = Number(process.env.TERN_BENCH_SAMPLES ?? 20);

interface BenchQuery {
  name: string;
  document: TypedDocumentNode<any, any>;
  variables: Record<string, unknown>;
}

/** The dashboard, flow page and run page as a reader opens them (variables as the SPA builds them). */
function dashboardQueries(ids: SeedResult): BenchQuery[] {
  const project = ids.projectIds[3];
  const group = ids.flowGroupIds[5];
  const children = { task_id: { _eq: ids.bigRunTaskId }, map_index: { _gte: 0 } };
  const taskRunsPage = { where: { map_index: { _eq: -1 } }, orderBy: [{ start_time: "asc_nulls_last" }, { map_index: "asc" }, { id: "asc" }], limit: 50, offset: 0 };
  return [
    { name: "dashboard: projects", document: Dashboard_ProjectsDocument, variables: {} },
    { name: "dashboard: flows tile (all)", document: Dashboard_FlowsDocument, variables: { projectId: null } },
    { name: "dashboard: history tile (all)", document: Dashboard_HistoryDocument, variables: { projectId: null } },
    { name: "dashboard: upcoming tile (all)", document: Dashboard_UpcomingDocument, variables: { projectId: null } },
    { name: "dashboard: in-progress tile (all)", document: Dashboard_InProgressDocument, variables: { projectId: null } },
    { name: "dashboard: failures tile (all)", document: Dashboard_FailuresDocument, variables: { projectId: null } },
    { name: "dashboard: flows tile (project filter)", document: Dashboard_FlowsDocument, variables: { projectId: project } },
    { name: "dashboard: history tile (project filter)", document: Dashboard_HistoryDocument, variables: { projectId: project } },
    { name: "dashboard: upcoming tile (project filter)", document: Dashboard_UpcomingDocument, variables: { projectId: project } },
    { name: "dashboard: failures tile (project filter)", document: Dashboard_FailuresDocument, variables: { projectId: project } },
    { name: "flow page: recent runs", document: Flow_RecentRunsDocument, variables: { groupId: group } },
    { name: "flow page: run history, page 1", document: Flow_RunsDocument, variables: { groupId: group, limit: 25, offset: 0 } },
    { name: "flow page: run history, page 20", document: Flow_RunsDocument, variables: { groupId: group, limit: 25, offset: 475 } },
    { name: "flow page: run count", document: Flow_RunCountDocument, variables: { groupId: group } },
    { name: "run page: header and task runs, page 1", document: FlowRun_DetailDocument, variables: { id: ids.bigRunId, ...taskRunsPage } },
    { name: "run page (big): task runs, page 1", document: FlowRun_TaskRunsDocument, variables: { id: ids.bigRunId, ...taskRunsPage } },
    { name: "run page (big): task runs, Pending filter", document: FlowRun_TaskRunsDocument, variables: { id: ids.bigRunId, ...taskRunsPage, where: { state: { _in: ["Pending"] } } } },
    { name: "run page (big): per-state counts", document: TaskRunCountsDocument, variables: { runId: ids.bigRunId, where: {} } },
    { name: "run page (big): a mapped parent's child counts", document: TaskRunCountsDocument, variables: { runId: ids.bigRunId, where: children } },
    { name: "run page (big): children of a parent, page 1", document: FlowRun_TaskRunsDocument, variables: { id: ids.bigRunId, ...taskRunsPage, where: children } },
    { name: "run page (big): logs tail (1,000)", document: FlowRun_LogsDocument, variables: { id: ids.bigRunId, where: {}, limit: 1000 } },
    { name: "run page (big): log search", document: FlowRun_LogsDocument, variables: { id: ids.bigRunId, where: { message: { _ilike: `%${ids.needle}%` } }, limit: 1000 } },
    { name: "run page (big): logs, ERROR level", document: FlowRun_LogsDocument, variables: { id: ids.bigRunId, where: { level: { _in: ["ERROR", "CRITICAL"] } }, limit: 1000 } },
    { name: "run page (typical): task runs", document: FlowRun_TaskRunsDocument, variables: { id: ids.typicalRunId, ...taskRunsPage } },
    { name: "run page (typical): logs tail", document: FlowRun_LogsDocument, variables: { id: ids.typicalRunId, where: {}, limit: 1000 } },
  ];
}

const post = (url: string, query: BenchQuery) => postGraphql(url, query.document, query.variables, query.name);

/** p50 and p95 of each query, sequential requests after two warm-ups. */
async function measure(url: string, queries: BenchQuery[]): Promise<Map<string, { p50: number; p95: number }>> {
  const out = new Map<string, { p50: number; p95: number }>();
  for (const query of queries) {
    for (let i = 0; i < 2; i++) await post(url, query);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const start = performance.now();
      await post(url, query);
      samples.push(performance.now() - start);
    }
    out.set(query.name, { p50: percentile(samples, 50), p95: percentile(samples, 95) });
  }
  return out;
}

console.log(`scale ${SCALE}, ${SAMPLES} samples per query (2 cores shared with other work: figures are noisy)`);
for (const kind of await benchDatabases()) {
  const database = await freshDatabase(kind);
  try {
    const opened = await openDatabase(database.url);
    const tenantId = await ensureDefaultTenant(opened.db, opened.dialect);
    // Seed and take the "before" figures without the read indexes, then build them on the loaded
    // tables (what upgrading a live installation does) and take the "after" figures.
    for (const migration of COMPARED) await migration.down(opened.db);
    await opened.close();
    const size = seedSize(SCALE);
    const seeded = kind === "sqlite" ? await seedSqlite(database.url, tenantId, size) : await seedPostgres(database.url, tenantId, size);
    const c = seeded.counts;
    console.log(`\n--- ${kind}: seeded ${c.flow_run} flow runs, ${c.task_run} task runs, ${c.log} logs in ${(seeded.ms / 1000).toFixed(1)} s`);
    // Seeded Running runs have no engine: keep the zombie killer from rewriting them mid-measurement.
    const server = await startServer({ port: 0, databaseUrl: database.url, zombieTimeoutSeconds: 365 * 86400 });
    try {
      const queries = dashboardQueries(seeded);
      const before = await measure(server.graphqlUrl, queries);
      const indexing = performance.now();
      for (const migration of COMPARED) await migration.up(server.deps.db);
      report({ name: `${kind} building the read indexes (0004, 0005, 0009) on loaded tables`, value: performance.now() - indexing, unit: "ms" });
      const after = await measure(server.graphqlUrl, queries);
      for (const query of queries) {
        const [b, a] = [before.get(query.name)!, after.get(query.name)!];
        report({ name: `${kind} ${query.name} p50`, value: a.p50, unit: "ms", baseline: { name: "without 0004/5/9", value: b.p50 } });
        report({ name: `${kind} ${query.name} p95`, value: a.p95, unit: "ms", baseline: { name: "without 0004/5/9", value: b.p95 } });
      }
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
  }
}
process.exit(0);
