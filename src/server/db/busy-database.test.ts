import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlow, createFlowRun, createProject, errorCode } from "../graphql/mutations/test-helpers.ts";
import { createTestApp, type TestApp } from "../testing/harness.ts";
import { holdSqliteWriteLock } from "./write-lock-holder.ts";

/**
 * A busy database never loses a write silently: another process holding SQLite's write lock makes
 * a write wait (inside the server), and a lock held past the server's patience is answered with the
 * retryable DATABASE_UNAVAILABLE, never BAD_USER_INPUT and never the driver's own text.
 */

const WRITE_LOGS = `mutation($input: write_run_logs_input!) { write_run_logs(input: $input) { success } }`;
const LOGS = `query($id: uuid!) { log(where: { flow_run_id: { _eq: $id } }) { message } }`;

describe("a busy SQLite database", () => {
  let app: TestApp;
  let runId: string;
  let file: string;

  beforeAll(async () => {
    app = await createTestApp("sqlite");
    file = app.deps.config.databaseUrl;
    runId = await createFlowRun(app, { flow_id: await createFlow(app, await createProject(app)) });
  });
  afterAll(() => app?.close());

  it("a write made while another process holds the write lock waits for it and is stored once", async () => {
    // The mutation reads (does the run exist?) before it writes: the read-then-write upgrade that
    // SQLite refuses at once, whatever the busy timeout.
    const lock = await holdSqliteWriteLock(file, { holdMs: 1500 });
    const result = await app.gql(WRITE_LOGS, { input: { logs: [{ flow_run_id: runId, message: "written under a lock", idempotency_key: "under-lock" }] } });
    await lock.released;
    expect(result.errors).toBeUndefined();
    expect((await app.ok(LOGS, { id: runId })).log).toEqual([{ message: "written under a lock" }]);
  });

  it("a lock held past the server's retries is answered DATABASE_UNAVAILABLE, without the driver's message", async () => {
    // Held in this process for the whole request: the server cannot get the lock however long it waits.
    const other = new SQLite(file);
    other.exec("BEGIN IMMEDIATE");
    let result;
    try {
      result = await app.gql(WRITE_LOGS, { input: { logs: [{ flow_run_id: runId, message: "refused", idempotency_key: "refused" }] } });
    } finally {
      other.exec("COMMIT");
      other.close();
    }
    expect(errorCode(result)).toBe("DATABASE_UNAVAILABLE");
    expect(JSON.stringify(result.errors)).not.toMatch(/SQLITE|locked/i);
    expect((await app.ok(LOGS, { id: runId })).log.map((l: { message: string }) => l.message)).not.toContain("refused");
  }, 20_000);
});
