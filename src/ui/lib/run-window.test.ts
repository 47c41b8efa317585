import { describe, expect, it } from "vitest";
import { STATE_NAMES } from "../../core/states.ts";
import { countTicks, failureRate, formatRate, OUTCOME_STATES, OUTCOMES, outcomeOf, tickLabel, windowBuckets, windowRange } from "./run-window.ts";

const now = Date.parse("2026-12-07T14:07:30Z");

describe("windowBuckets", () => {
  it("aligns buckets to their size and ends with the one holding now", () => {
    const buckets = windowBuckets("1h", now);
    expect(buckets).toHaveLength(12);
    expect(buckets[11].from).toBe("2026-12-07T14:05:00.000Z");
    expect(buckets[11].to).toBe("2026-12-07T14:10:00.000Z");
    expect(buckets[0].from).toBe("2026-12-07T13:10:00.000Z");
    for (let i = 1; i < buckets.length; i++) expect(buckets[i].start).toBe(buckets[i - 1].end);
  });
  it("keeps the same buckets until a new one begins", () => {
    expect(windowBuckets("24h", now)).toEqual(windowBuckets("24h", Date.parse("2026-12-07T14:59:59Z")));
    expect(windowBuckets("24h", now)).not.toEqual(windowBuckets("24h", Date.parse("2026-12-07T15:00:00Z")));
  });
  it("covers a week in 6-hour buckets", () => {
    expect(windowRange("7d", now)).toEqual({ since: "2026-11-30T18:00:00.000Z", until: "2026-12-07T18:00:00.000Z" });
  });
});

describe("tickLabel", () => {
  it("shows the clock within a day and the date over a week", () => {
    expect(tickLabel(now, "24h", "utc")).toBe("14:07Z");
    expect(tickLabel(now, "7d", "utc")).toBe("12-07 14:07Z");
  });
});

describe("outcomes", () => {
  it("put every state in exactly one group", () => {
    const grouped = OUTCOMES.flatMap((o) => OUTCOME_STATES[o]);
    expect(grouped.sort()).toEqual([...STATE_NAMES].sort());
    expect(outcomeOf("TriggerFailed")).toBe("Failed");
    expect(outcomeOf("Cached")).toBe("Succeeded");
    expect(outcomeOf("Scheduled")).toBe("Other");
  });
});

describe("failureRate", () => {
  it("is failed over finished-with-an-outcome, none when nothing finished", () => {
    expect(failureRate(3, 1)).toBe(0.25);
    expect(failureRate(0, 0)).toBeNull();
    expect(formatRate(0.25)).toBe("25%");
    expect(formatRate(0.004)).toBe("0.4%");
    expect(formatRate(null)).toBe("—");
  });
});

describe("countTicks", () => {
  it("gives round steps reaching the maximum", () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
  });
});
