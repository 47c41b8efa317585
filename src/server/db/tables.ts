/**
 * The one description of Tern's tables that the read API, the row codecs and the live queries are
 * generated from. Columns and relationships follow Prefect Server 1.x (Hasura metadata); the SQL that
 * creates them lives in the frozen migrations, and a test checks the two agree.
 */

import type { ColumnType as KyselyColumnType } from "kysely";

export type ColumnType = "uuid" | "text" | "int" | "bool" | "timestamptz" | "jsonb";

export interface ColumnMeta {
  type: ColumnType;
  nullable: boolean;
}

export interface ObjectRelationship {
  /** The table the relationship points to. */
  table: TableName;
  /** Column on this table holding the key. */
  column: string;
  /** Column on the remote table it matches (usually `id`). */
  remoteColumn: string;
}

export interface ArrayRelationship {
  table: TableName;
  /** Column on this table (usually `id`). */
  column: string;
  /** Column on the remote table that points back here. */
  remoteColumn: string;
}

export interface TableMeta {
  name: TableName;
  columns: Record<string, ColumnMeta>;
  objectRelationships: Record<string, ObjectRelationship>;
  arrayRelationships: Record<string, ArrayRelationship>;
}

const c = <T extends ColumnType, N extends boolean = true>(type: T, nullable?: N) =>
  ({ type, nullable: (nullable ?? true) as N }) as { type: T; nullable: N };
const obj = (table: TableName, column: string, remoteColumn = "id"): ObjectRelationship => ({ table, column, remoteColumn });
const arr = (table: TableName, remoteColumn: string, column = "id"): ArrayRelationship => ({ table, column, remoteColumn });

/** Columns every table has. */
const base = { id: c("uuid", false), created: c("timestamptz", false), updated: c("timestamptz", false) };
const tenantScoped = { ...base, tenant_id: c("uuid", false) };

/** The run-state columns copied from the newest state row onto flow_run and task_run. */
const runStateColumns = {
  version: c("int", false),
  heartbeat: c("timestamptz"),
  start_time: c("timestamptz"),
  end_time: c("timestamptz"),
  state: c("text"),
  state_timestamp: c("timestamptz"),
  state_message: c("text"),
  state_result: c("jsonb"),
  state_start_time: c("timestamptz"),
  serialized_state: c("jsonb"),
};

const stateHistoryColumns = {
  timestamp: c("timestamptz", false),
  state: c("text", false),
  message: c("text"),
  result: c("jsonb"),
  start_time: c("timestamptz"),
  serialized_state: c("jsonb", false),
  version: c("int"),
  /** Client-chosen; a retried write with a stored key is recognised, not applied twice (0003). */
  idempotency_key: c("text"),
};

export const TABLE_NAMES = [
  "tenant",
  "project",
  "flow_group",
  "flow",
  "task",
  "edge",
  "flow_run",
  "task_run",
  "flow_run_state",
  "task_run_state",
  "log",
  "agent",
  "agent_config",
  "notification_rule",
  "notification_delivery",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const TABLES = {
  tenant: {
    name: "tenant",
    columns: { ...base, name: c("text", false), slug: c("text", false), info: c("jsonb"), settings: c("jsonb", false) },
    objectRelationships: {},
    arrayRelationships: { projects: arr("project", "tenant_id"), flows: arr("flow", "tenant_id"), flow_groups: arr("flow_group", "tenant_id") },
  },
  project: {
    name: "project",
    columns: { ...tenantScoped, name: c("text", false), description: c("text") },
    objectRelationships: { tenant: obj("tenant", "tenant_id") },
    arrayRelationships: { flows: arr("flow", "project_id") },
  },
  flow_group: {
    name: "flow_group",
    columns: {
      ...tenantScoped,
      name: c("text"),
      labels: c("jsonb"),
      schedule: c("jsonb"),
      settings: c("jsonb", false),
      default_parameters: c("jsonb", false),
      run_config: c("jsonb"),
      description: c("text"),
    },
    objectRelationships: { tenant: obj("tenant", "tenant_id") },
    arrayRelationships: { flows: arr("flow", "flow_group_id") },
  },
  flow: {
    name: "flow",
    columns: {
      ...tenantScoped,
      project_id: c("uuid", false),
      flow_group_id: c("uuid", false),
      name: c("text", false),
      version: c("int"),
      version_group_id: c("text"),
      description: c("text"),
      environment: c("jsonb"),
      run_config: c("jsonb"),
      storage: c("jsonb"),
      parameters: c("jsonb"),
      serialized_flow: c("jsonb"),
      schedule: c("jsonb"),
      is_schedule_active: c("bool", false),
      archived: c("bool", false),
      core_version: c("text"),
      settings: c("jsonb", false),
      idempotency_key: c("text"),
    },
    objectRelationships: { project: obj("project", "project_id"), flow_group: obj("flow_group", "flow_group_id"), tenant: obj("tenant", "tenant_id") },
    arrayRelationships: { tasks: arr("task", "flow_id"), edges: arr("edge", "flow_id"), flow_runs: arr("flow_run", "flow_id") },
  },
  task: {
    name: "task",
    columns: {
      ...tenantScoped,
      flow_id: c("uuid", false),
      name: c("text"),
      slug: c("text"),
      description: c("text"),
      type: c("text"),
      max_retries: c("int"),
      retry_delay: c("text"),
      timeout: c("int"),
      trigger: c("text"),
      mapped: c("bool", false),
      auto_generated: c("bool", false),
      cache_key: c("text"),
      is_root_task: c("bool", false),
      is_terminal_task: c("bool", false),
      is_reference_task: c("bool", false),
      tags: c("jsonb", false),
    },
    objectRelationships: { flow: obj("flow", "flow_id") },
    arrayRelationships: {
      task_runs: arr("task_run", "task_id"),
      upstream_edges: arr("edge", "downstream_task_id"),
      downstream_edges: arr("edge", "upstream_task_id"),
    },
  },
  edge: {
    name: "edge",
    columns: {
      ...tenantScoped,
      flow_id: c("uuid", false),
      upstream_task_id: c("uuid", false),
      downstream_task_id: c("uuid", false),
      key: c("text"),
      mapped: c("bool", false),
    },
    objectRelationships: {
      flow: obj("flow", "flow_id"),
      upstream_task: obj("task", "upstream_task_id"),
      downstream_task: obj("task", "downstream_task_id"),
    },
    arrayRelationships: {},
  },
  flow_run: {
    name: "flow_run",
    columns: {
      ...tenantScoped,
      flow_id: c("uuid", false),
      name: c("text"),
      parameters: c("jsonb"),
      context: c("jsonb"),
      labels: c("jsonb", false),
      run_config: c("jsonb"),
      scheduled_start_time: c("timestamptz", false),
      auto_scheduled: c("bool", false),
      times_resurrected: c("int", false),
      idempotency_key: c("text"),
      agent_id: c("uuid"),
      ...runStateColumns,
    },
    objectRelationships: { flow: obj("flow", "flow_id"), agent: obj("agent", "agent_id"), tenant: obj("tenant", "tenant_id") },
    arrayRelationships: { task_runs: arr("task_run", "flow_run_id"), states: arr("flow_run_state", "flow_run_id"), logs: arr("log", "flow_run_id") },
  },
  task_run: {
    name: "task_run",
    columns: {
      ...tenantScoped,
      flow_run_id: c("uuid", false),
      task_id: c("uuid", false),
      map_index: c("int", false),
      name: c("text"),
      cache_key: c("text"),
      ...runStateColumns,
    },
    objectRelationships: { flow_run: obj("flow_run", "flow_run_id"), task: obj("task", "task_id"), tenant: obj("tenant", "tenant_id") },
    arrayRelationships: { states: arr("task_run_state", "task_run_id"), logs: arr("log", "task_run_id") },
  },
  flow_run_state: {
    name: "flow_run_state",
    columns: { ...tenantScoped, flow_run_id: c("uuid", false), ...stateHistoryColumns },
    objectRelationships: { flow_run: obj("flow_run", "flow_run_id") },
    arrayRelationships: {},
  },
  task_run_state: {
    name: "task_run_state",
    columns: { ...tenantScoped, task_run_id: c("uuid", false), ...stateHistoryColumns },
    objectRelationships: { task_run: obj("task_run", "task_run_id") },
    arrayRelationships: {},
  },
  log: {
    name: "log",
    columns: {
      ...tenantScoped,
      flow_run_id: c("uuid"),
      task_run_id: c("uuid"),
      timestamp: c("timestamptz", false),
      name: c("text"),
      level: c("text"),
      message: c("text"),
      info: c("jsonb"),
      is_loaded_from_archive: c("bool"),
      /** Client-chosen, unique per flow run: a re-sent batch does not store a line twice (0003). */
      idempotency_key: c("text"),
      /** The line's place in its flow run's log, from 1 in write order: it orders equal timestamps (0007). */
      seq: c("int", false),
    },
    objectRelationships: {},
    arrayRelationships: {},
  },
  agent: {
    name: "agent",
    columns: {
      ...tenantScoped,
      agent_config_id: c("uuid"),
      name: c("text"),
      type: c("text"),
      core_version: c("text"),
      labels: c("jsonb", false),
      last_queried: c("timestamptz"),
    },
    objectRelationships: { agent_config: obj("agent_config", "agent_config_id") },
    arrayRelationships: { flow_runs: arr("flow_run", "agent_id") },
  },
  agent_config: {
    name: "agent_config",
    columns: { ...tenantScoped, name: c("text"), settings: c("jsonb", false) },
    objectRelationships: {},
    arrayRelationships: { agents: arr("agent", "agent_config_id") },
  },
  /** A project's webhook for chosen flow-run states (0008); `flow_group_id` narrows it to one flow. */
  notification_rule: {
    name: "notification_rule",
    columns: { ...tenantScoped, project_id: c("uuid", false), flow_group_id: c("uuid"), states: c("jsonb", false), webhook_url: c("text", false) },
    objectRelationships: { project: obj("project", "project_id"), flow_group: obj("flow_group", "flow_group_id") },
    arrayRelationships: { deliveries: arr("notification_delivery", "rule_id") },
  },
  /** One POST owed to a rule's webhook for one flow-run state: Pending, then Delivered or Failed (0008). */
  notification_delivery: {
    name: "notification_delivery",
    columns: {
      ...tenantScoped,
      rule_id: c("uuid", false),
      flow_run_id: c("uuid", false),
      state: c("text", false),
      message: c("text"),
      status: c("text", false),
      attempts: c("int", false),
      next_attempt: c("timestamptz"),
      last_error: c("text"),
      response_status: c("int"),
    },
    objectRelationships: { rule: obj("notification_rule", "rule_id"), flow_run: obj("flow_run", "flow_run_id") },
    arrayRelationships: {},
  },
} as const satisfies Record<TableName, TableMeta>;

/** The metadata of one table, widened for code that walks tables generically. */
export function tableMeta(name: TableName): TableMeta {
  return TABLES[name];
}

/** The decoded value of each column type: what `decodeRow` returns and `encodeRow` takes. */
interface ColumnTypes {
  uuid: string;
  text: string;
  int: number;
  bool: boolean;
  /** ISO-8601 UTC with microseconds, fixed width, e.g. `2026-11-26T22:44:10.083369Z` (core/timestamps.ts). */
  timestamptz: string;
  jsonb: unknown;
}

/** A boolean as the drivers hand it over: SQLite stores 0/1, PostgreSQL has a native boolean. */
export type StoredBool = number | boolean;

/** JSON encoded as text by `encodeValue`: the only thing bound to a jsonb column (pg would send a JS array as a PostgreSQL array). */
export type JsonText = string & { readonly __json: true };

/**
 * What the database hands back (`read`) and takes (`write`) for each column type, on either dialect.
 * Timestamps are text on both (database.ts reads timestamptz as text); JSON comes back as text from
 * SQLite and parsed from PostgreSQL, so a read value is `unknown` until `decodeValue`.
 */
interface StoredTypes {
  uuid: { read: string; write: string };
  text: { read: string; write: string };
  int: { read: number; write: number };
  bool: { read: StoredBool; write: StoredBool };
  timestamptz: { read: string; write: string };
  jsonb: { read: unknown; write: JsonText };
}

type TypeOf<Col> = Col extends { type: infer T extends ColumnType } ? T : never;
type NullOf<Col> = Col extends { nullable: false } ? never : null;

type RowOf<Cols> = { -readonly [K in keyof Cols]: ColumnTypes[TypeOf<Cols[K]>] | NullOf<Cols[K]> };

/**
 * One stored column for Kysely. Inserts may leave any column out: the migrations give most NOT NULL
 * columns a default, and the database refuses a row that misses one of the others.
 */
type StoredColumn<Col> = KyselyColumnType<
  StoredTypes[TypeOf<Col>]["read"] | NullOf<Col>,
  StoredTypes[TypeOf<Col>]["write"] | NullOf<Col> | undefined,
  StoredTypes[TypeOf<Col>]["write"] | NullOf<Col>
>;

type DatabaseRowOf<Cols> = { -readonly [K in keyof Cols]: StoredColumn<Cols[K]> };

/**
 * The decoded shape of each table's rows (what `decodeRow` returns and `encodeRow` takes), derived
 * from the metadata so the two cannot drift.
 */
export type Rows = { [K in TableName]: RowOf<(typeof TABLES)[K]["columns"]> };
export type Row<T extends TableName> = Rows[T];

/**
 * What Kysely is typed with: each column as the drivers store it (see StoredTypes), so a raw select
 * shows what it really holds and a write only type-checks with values that went through the codec.
 */
export type Database = { [K in TableName]: DatabaseRowOf<(typeof TABLES)[K]["columns"]> };

/** The stored value of one column type, as `encodeValue` returns it for a non-null value. */
export type StoredValue<T extends ColumnType> = StoredTypes[T]["write"];

/** A row (or part of one) ready to insert or set: what `encodeRow` returns. */
export type StoredRow<T extends TableName> = StoredRowOf<(typeof TABLES)[T]["columns"]>;
type StoredRowOf<Cols> = { -readonly [K in keyof Cols]?: StoredValue<TypeOf<Cols[K]>> | NullOf<Cols[K]> };
