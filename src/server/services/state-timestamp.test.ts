import { describe, expect, it } from "vitest";
import { timestampMicros } from "../../core/timestamps.ts";
import { stateTimestamp } from "./states.ts";

describe("stateTimestamp", () => {
  const at = (iso: string) => timestampMicros(iso);

  it("is now when the run's last state is older", () => {
    expect(stateTimestamp("2026-11-27T08:00:00.000000Z", at("2026-11-27T08:00:01.000000Z"))).toBe("2026-11-27T08:00:01.000000Z");
  });
  it("is now for a run with no state yet", () => {
    expect(stateTimestamp(null, at("2026-11-27T08:00:01.000000Z"))).toBe("2026-11-27T08:00:01.000000Z");
  });
  it("comes after the last state when both fall in one microsecond, so history sorts in write order", () => {
    expect(stateTimestamp("2026-11-27T08:00:01.000000Z", at("2026-11-27T08:00:01.000000Z"))).toBe("2026-11-27T08:00:01.000001Z");
  });
  it("comes after a last state stamped ahead of this clock (several replicas)", () => {
    expect(stateTimestamp("2026-11-27T08:00:05.000000Z", at("2026-11-27T08:00:01.000000Z"))).toBe("2026-11-27T08:00:05.000001Z");
  });
  it("comes after a last state stored with milliseconds only", () => {
    expect(stateTimestamp("2026-11-27T08:00:05.000Z", at("2026-11-27T08:00:01.000000Z"))).toBe("2026-11-27T08:00:05.000001Z");
  });
});
