import SQLite from "better-sqlite3";
import pg from "pg";
import { tableMeta } from "../../src/server/db/tables.ts";
import { generate, type Row, SEED_COLUMNS, type SeedIds, type SeedSize, type SeedTable } from "./shape.ts";

/**
 * Writes a generated installation straight into a migrated database, bypassing the API (which is
 * what the benches then measure): SQLite through one transaction of prepared statements,
 * PostgreSQL through parameterised multi-row INSERT … SELECT FROM unnest(…) batches.
 */

export interface SeedResult extends SeedIds {
  counts: Record<SeedTable, number>;
  ms: number;
}

function newCounts(): Record<SeedTable, number> {
  return Object.fromEntries(Object.keys(SEED_COLUMNS).map((t) => [t, 0])) as Record<SeedTable, number>;
}

export async function seedSqlite(file: string, tenantId: string, size: SeedSize): Promise<SeedResult> {
  const started = performance.now();
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // Random uuid keys touch pages all over every index; the default 2 MB page cache would make the
  // load disk-bound long before the end.
  db.pragma("cache_size = -262144");
  const counts = newCounts();
  const inserts = new Map<SeedTable, SQLite.Statement>();
  for (const [table, columns] of Object.entries(SEED_COLUMNS) as [SeedTable, readonly string[]][]) {
    inserts.set(table, db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`));
  }
  db.exec("BEGIN");
  try {
    const ids = await generate(size, tenantId, (table, rows) => {
      const insert = inserts.get(table)!;
      for (const row of rows) insert.run(row);
      counts[table] += rows.length;
    });
    db.exec("COMMIT");
    return { ...ids, counts, ms: performance.now() - started };
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  } finally {
    db.close();
  }
}

const PG_ARRAY_TYPE = { uuid: "uuid[]", text: "text[]", int: "int[]", bool: "bool[]", timestamptz: "timestamptz[]", jsonb: "jsonb[]" } as const;

export async function seedPostgres(url: string, tenantId: string, size: SeedSize): Promise<SeedResult> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = newCounts();
  try {
    await client.query("BEGIN");
    // The generator writes parents before children, so the foreign-key triggers would only re-check
    // what holds by construction; skipping them (superuser only) makes the load several times faster.
    const { rows } = await client.query<{ super: boolean }>("SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user");
    if (rows[0]?.super) await client.query("SET LOCAL session_replication_role = replica");
    const ids = await generate(
      size,
      tenantId,
      async (table, rows) => {
        const columns = SEED_COLUMNS[table];
        const meta = tableMeta(table);
        // One array parameter per column: the statement text stays the same for every batch.
        const arrays = columns.map((c) => rows.map((row) => pgValue(meta.columns[c].type, row[c])));
        const unnest = columns.map((c, i) => `$${i + 1}::${PG_ARRAY_TYPE[meta.columns[c].type]}`).join(", ");
        await client.query({ name: `seed_${table}`, text: `INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${unnest})`, values: arrays });
        counts[table] += rows.length;
      },
      5000,
    );
    await client.query("COMMIT");
    // Autovacuum would gather statistics soon after a load like this; do it now so plans are settled.
    await client.query("ANALYZE");
    return { ...ids, counts, ms: performance.now() - started };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

function pgValue(type: string, value: Row[string]): unknown {
  if (value === null || value === undefined) return null;
  return type === "bool" ? value === 1 : value;
}
