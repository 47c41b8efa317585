import { randomUUID } from "node:crypto";
import { toTimestamp } from "../../core/timestamps.ts";
import { encodeRow } from "../db/codec.ts";
import type { AppDeps } from "../deps.ts";
import { insert, seedFlow } from "../graphql/read/fixtures.ts";

/** `lines` log lines on one new flow run, written in multi-row chunks (30,000 take a second or two). */
export async function seedLogLines(deps: Pick<AppDeps, "db" | "dialect" | "tenantId">, lines: number): Promise<{ flowId: string; flowRunId: string }> {
  const { flowId } = await seedFlow(deps, `seed-${randomUUID()}`, "seeded-flow");
  const [flowRunId] = await insert(deps, "flow_run", [{ flow_id: flowId, name: "seeded-run" }]);
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let i = 0; i < lines; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, lines - i) }, (_, j) =>
      encodeRow("log", { id: randomUUID(), tenant_id: deps.tenantId, flow_run_id: flowRunId, seq: i + j + 1, timestamp: toTimestamp(start + i + j), level: "INFO", name: "seed", message: `line ${i + j}: the quick brown fox jumps over the lazy dog` }, deps.dialect),
    );
    await deps.db.insertInto("log").values(rows).execute();
  }
  return { flowId, flowRunId };
}
