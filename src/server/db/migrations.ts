import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./migrations/0001_init.ts";
import * as m0002 from "./migrations/0002_api_key.ts";
import * as m0003 from "./migrations/0003_idempotency_keys.ts";
import * as m0004 from "./migrations/0004_read_indexes.ts";
import * as m0005 from "./migrations/0005_upcoming_runs_index.ts";
import * as m0006 from "./migrations/0006_api_key_usage.ts";
import * as m0007 from "./migrations/0007_timestamp_micros_log_seq.ts";
import * as m0008 from "./migrations/0008_notifications.ts";
import * as m0009 from "./migrations/0009_mapped_children_index.ts";
import * as m0010 from "./migrations/0010_newest_scheduled_run_index.ts";

/** Every migration, by name, in order. Static imports: no folder scanning at start-up. */
export const MIGRATIONS: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_api_key": m0002,
  "0003_idempotency_keys": m0003,
  "0004_read_indexes": m0004,
  "0005_upcoming_runs_index": m0005,
  "0006_api_key_usage": m0006,
  "0007_timestamp_micros_log_seq": m0007,
  "0008_notifications": m0008,
  "0009_mapped_children_index": m0009,
  "0010_newest_scheduled_run_index": m0010,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
