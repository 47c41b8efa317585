import { type Kysely, PostgresAdapter, sql } from "kysely";

/**
 * The initial schema: Prefect Server 1.x's tables (see tables.ts for the live description).
 * Frozen: later changes go in new migrations. SQLite stores uuids and timestamps as text (ISO-8601 UTC,
 * millisecond precision, so text order is time order), JSON as text and booleans as 0/1.
 */

type Col = [name: string, type: "uuid" | "text" | "int" | "bool" | "ts" | "json", opts?: { notNull?: boolean; default?: string }];

function sqlType(type: Col[1], pg: boolean): string {
  switch (type) {
    case "uuid":
      return pg ? "uuid" : "text";
    case "text":
      return pg ? "text" : "text";
    case "int":
      return "integer";
    case "bool":
      return pg ? "boolean" : "integer";
    case "ts":
      return pg ? "timestamptz" : "text";
    case "json":
      return pg ? "jsonb" : "text";
  }
}

function defaultLiteral(value: string, type: Col[1], pg: boolean): string {
  if (value === "now") return pg ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";
  if (type === "bool") return pg ? value : value === "true" ? "1" : "0";
  if (type === "json") return pg ? `'${value}'::jsonb` : `'${value}'`;
  return value;
}

const STATE_COLS: Col[] = [
  ["version", "int", { notNull: true, default: "0" }],
  ["heartbeat", "ts"],
  ["start_time", "ts"],
  ["end_time", "ts"],
  ["state", "text"],
  ["state_timestamp", "ts"],
  ["state_message", "text"],
  ["state_result", "json"],
  ["state_start_time", "ts"],
  ["serialized_state", "json"],
];

const HISTORY_COLS: Col[] = [
  ["timestamp", "ts", { notNull: true, default: "now" }],
  ["state", "text", { notNull: true }],
  ["message", "text"],
  ["result", "json"],
  ["start_time", "ts"],
  ["serialized_state", "json", { notNull: true }],
  ["version", "int", { default: "1" }],
];

interface TableDef {
  name: string;
  tenantScoped: boolean;
  columns: Col[];
  /** [column, referenced table, on delete] */
  references?: [string, string, "cascade" | "set null"][];
  unique?: string[][];
}

const TENANT_FK: [string, string, "cascade"] = ["tenant_id", "tenant", "cascade"];

const TABLES: TableDef[] = [
  {
    name: "tenant",
    tenantScoped: false,
    columns: [["name", "text", { notNull: true }], ["slug", "text", { notNull: true }], ["info", "json"], ["settings", "json", { notNull: true, default: "{}" }]],
    unique: [["slug"]],
  },
  {
    name: "agent_config",
    tenantScoped: true,
    columns: [["name", "text"], ["settings", "json", { notNull: true, default: "{}" }]],
    references: [TENANT_FK],
  },
  {
    name: "agent",
    tenantScoped: true,
    columns: [
      ["agent_config_id", "uuid"],
      ["name", "text"],
      ["type", "text"],
      ["core_version", "text"],
      ["labels", "json", { notNull: true, default: "[]" }],
      ["last_queried", "ts", { default: "now" }],
    ],
    references: [TENANT_FK, ["agent_config_id", "agent_config", "set null"]],
  },
  {
    name: "project",
    tenantScoped: true,
    columns: [["name", "text", { notNull: true }], ["description", "text"]],
    references: [TENANT_FK],
    unique: [["tenant_id", "name"]],
  },
  {
    name: "flow_group",
    tenantScoped: true,
    columns: [
      ["name", "text"],
      ["labels", "json"],
      ["schedule", "json"],
      ["settings", "json", { notNull: true, default: "{}" }],
      ["default_parameters", "json", { notNull: true, default: "{}" }],
      ["run_config", "json"],
      ["description", "text"],
    ],
    references: [TENANT_FK],
  },
  {
    name: "flow",
    tenantScoped: true,
    columns: [
      ["project_id", "uuid", { notNull: true }],
      ["flow_group_id", "uuid", { notNull: true }],
      ["name", "text", { notNull: true }],
      ["version", "int"],
      ["version_group_id", "text"],
      ["description", "text"],
      ["environment", "json"],
      ["run_config", "json"],
      ["storage", "json"],
      ["parameters", "json", { default: "[]" }],
      ["serialized_flow", "json"],
      ["schedule", "json"],
      ["is_schedule_active", "bool", { notNull: true, default: "false" }],
      ["archived", "bool", { notNull: true, default: "false" }],
      ["core_version", "text"],
      ["settings", "json", { notNull: true, default: "{}" }],
      ["idempotency_key", "text"],
    ],
    references: [TENANT_FK, ["project_id", "project", "cascade"], ["flow_group_id", "flow_group", "cascade"]],
  },
  {
    name: "task",
    tenantScoped: true,
    columns: [
      ["flow_id", "uuid", { notNull: true }],
      ["name", "text"],
      ["slug", "text"],
      ["description", "text"],
      ["type", "text"],
      ["max_retries", "int"],
      ["retry_delay", "text"],
      ["timeout", "int"],
      ["trigger", "text"],
      ["mapped", "bool", { notNull: true, default: "false" }],
      ["auto_generated", "bool", { notNull: true, default: "false" }],
      ["cache_key", "text"],
      ["is_root_task", "bool", { notNull: true, default: "false" }],
      ["is_terminal_task", "bool", { notNull: true, default: "false" }],
      ["is_reference_task", "bool", { notNull: true, default: "false" }],
      ["tags", "json", { notNull: true, default: "[]" }],
    ],
    references: [TENANT_FK, ["flow_id", "flow", "cascade"]],
    unique: [["flow_id", "slug"]],
  },
  {
    name: "edge",
    tenantScoped: true,
    columns: [
      ["flow_id", "uuid", { notNull: true }],
      ["upstream_task_id", "uuid", { notNull: true }],
      ["downstream_task_id", "uuid", { notNull: true }],
      ["key", "text"],
      ["mapped", "bool", { notNull: true, default: "false" }],
    ],
    references: [TENANT_FK, ["flow_id", "flow", "cascade"], ["upstream_task_id", "task", "cascade"], ["downstream_task_id", "task", "cascade"]],
    unique: [["flow_id", "downstream_task_id", "upstream_task_id"]],
  },
  {
    name: "flow_run",
    tenantScoped: true,
    columns: [
      ["flow_id", "uuid", { notNull: true }],
      ["name", "text"],
      ["parameters", "json", { default: "{}" }],
      ["context", "json"],
      ["labels", "json", { notNull: true, default: "[]" }],
      ["run_config", "json"],
      ["scheduled_start_time", "ts", { notNull: true, default: "now" }],
      ["auto_scheduled", "bool", { notNull: true, default: "false" }],
      ["times_resurrected", "int", { notNull: true, default: "0" }],
      ["idempotency_key", "text"],
      ["agent_id", "uuid"],
      ...STATE_COLS,
    ],
    references: [TENANT_FK, ["flow_id", "flow", "cascade"], ["agent_id", "agent", "set null"]],
    unique: [["idempotency_key", "flow_id"]],
  },
  {
    name: "task_run",
    tenantScoped: true,
    columns: [["flow_run_id", "uuid", { notNull: true }], ["task_id", "uuid", { notNull: true }], ["map_index", "int", { notNull: true, default: "-1" }], ["name", "text"], ["cache_key", "text"], ...STATE_COLS],
    references: [TENANT_FK, ["flow_run_id", "flow_run", "cascade"], ["task_id", "task", "cascade"]],
    unique: [["flow_run_id", "task_id", "map_index"]],
  },
  {
    name: "flow_run_state",
    tenantScoped: true,
    columns: [["flow_run_id", "uuid", { notNull: true }], ...HISTORY_COLS],
    references: [TENANT_FK, ["flow_run_id", "flow_run", "cascade"]],
  },
  {
    name: "task_run_state",
    tenantScoped: true,
    columns: [["task_run_id", "uuid", { notNull: true }], ...HISTORY_COLS],
    references: [TENANT_FK, ["task_run_id", "task_run", "cascade"]],
  },
  {
    name: "log",
    tenantScoped: true,
    columns: [
      ["flow_run_id", "uuid"],
      ["task_run_id", "uuid"],
      ["timestamp", "ts", { notNull: true, default: "now" }],
      ["name", "text"],
      ["level", "text"],
      ["message", "text"],
      ["info", "json"],
      ["is_loaded_from_archive", "bool"],
    ],
    references: [TENANT_FK, ["flow_run_id", "flow_run", "cascade"], ["task_run_id", "task_run", "cascade"]],
  },
];

/** Indexes for every filter and sort the dashboard, the agent and the engine use. */
const INDEXES: [table: string, columns: string[]][] = [
  ["flow", ["project_id"]],
  ["flow", ["flow_group_id", "version"]],
  ["flow", ["name"]],
  ["task", ["flow_id"]],
  ["edge", ["upstream_task_id"]],
  ["edge", ["downstream_task_id"]],
  ["flow_run", ["flow_id", "scheduled_start_time"]],
  ["flow_run", ["state", "state_start_time"]],
  ["flow_run", ["scheduled_start_time"]],
  ["flow_run", ["start_time"]],
  ["flow_run", ["updated"]],
  ["flow_run", ["agent_id"]],
  ["task_run", ["flow_run_id", "state"]],
  ["task_run", ["task_id"]],
  ["task_run", ["state", "state_start_time"]],
  ["flow_run_state", ["flow_run_id", "timestamp"]],
  ["task_run_state", ["task_run_id", "timestamp"]],
  ["log", ["flow_run_id", "timestamp"]],
  ["log", ["task_run_id"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of TABLES) {
    // Typed loosely on purpose: the column list is data, so Kysely cannot track the names.
    let builder: any = db.schema.createTable(table.name).addColumn("id", sql.raw(sqlType("uuid", pg)), (col) => col.primaryKey());
    const columns: Col[] = [
      ["created", "ts", { notNull: true, default: "now" }],
      ["updated", "ts", { notNull: true, default: "now" }],
      ...(table.tenantScoped ? ([["tenant_id", "uuid", { notNull: true }]] as Col[]) : []),
      ...table.columns,
    ];
    for (const [name, type, opts] of columns) {
      builder = builder.addColumn(name, sql.raw(sqlType(type, pg)), (col: any) => {
        let out = col;
        if (opts?.notNull) out = out.notNull();
        if (opts?.default !== undefined) out = out.defaultTo(sql.raw(defaultLiteral(opts.default, type, pg)));
        return out;
      });
    }
    for (const [column, target, onDelete] of table.references ?? []) {
      builder = builder.addForeignKeyConstraint(`${table.name}_${column}_fkey`, [column], target, ["id"], (fk: any) => fk.onDelete(onDelete));
    }
    for (const cols of table.unique ?? []) {
      builder = builder.addUniqueConstraint(`${table.name}_${cols.join("_")}_key`, cols);
    }
    await builder.execute();
  }
  for (const [table, columns] of INDEXES) {
    await db.schema.createIndex(`ix_${table}_${columns.join("_")}`).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES].reverse()) await db.schema.dropTable(table.name).execute();
}
