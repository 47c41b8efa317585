import { describe, expect, it } from "vitest";
import { OUTCOME_STATES, RUN_WINDOWS, windowBuckets } from "../../lib/run-window.ts";
import { GqlError } from "../../lib/gql-query.ts";
import { CHART_BUCKETS, type ChartReader, chartVariables, countsByBucket, readChartCounts } from "./counts.ts";

const NOW = Date.UTC(2026, 11, 7, 4, 30);

describe("the chart's one query", () => {
  it("takes every window's buckets", () => {
    for (const window of RUN_WINDOWS) {
      const buckets = windowBuckets(window, NOW);
      expect(buckets.length).toBeLessThanOrEqual(CHART_BUCKETS);
      expect(() => chartVariables(null, buckets)).not.toThrow();
    }
  });

  it("gives each bucket its range and project, and leaves the slots past the window out", () => {
    const buckets = windowBuckets("1h", NOW);
    const v = chartVariables("p1", buckets) as unknown as Record<string, unknown>;
    expect(v.more12).toBe(false);
    expect(v.more24).toBe(false);
    expect(v.b0).toEqual({ flow: { project_id: { _eq: "p1" } }, scheduled_start_time: { _gte: buckets[0].from, _lt: buckets[0].to } });
    expect(v.b11).toEqual({ flow: { project_id: { _eq: "p1" } }, scheduled_start_time: { _gte: buckets[11].from, _lt: buckets[11].to } });
    expect(v.b12).toEqual({});
    expect(v.failed).toEqual({ state: { _in: OUTCOME_STATES.Failed } });
    const week = chartVariables(null, windowBuckets("7d", NOW)) as unknown as Record<string, unknown>;
    expect([week.more12, week.more24]).toEqual([true, true]);
    expect(week.b27).toEqual({ scheduled_start_time: expect.any(Object) });
  });

  it("refuses a bucket count it has no room for", () => {
    expect(() => chartVariables(null, windowBuckets("1h", NOW).slice(0, 5))).toThrow(/12, 24 or 28/);
  });

  it("reads the answer back as counts per bucket start", () => {
    const buckets = windowBuckets("1h", NOW);
    const data = { b0s: { aggregate: { count: 2 } }, b0f: { aggregate: { count: 1 } }, b0c: { aggregate: { count: 0 } }, b0o: { aggregate: { count: 3 } } };
    const counts = countsByBucket(buckets, data as never);
    expect(counts[buckets[0].from]).toEqual({ Succeeded: 2, Failed: 1, Cancelled: 0, Other: 3 });
    expect(counts[buckets[1].from]).toEqual({ Succeeded: 0, Failed: 0, Cancelled: 0, Other: 0 });
    expect(Object.keys(counts)).toHaveLength(12);
  });
});

describe("reading the chart", () => {
  const buckets = windowBuckets("1h", NOW);
  const one = (n: number) => ({ b0s: { aggregate: { count: n } }, b0f: { aggregate: { count: 0 } }, b0c: { aggregate: { count: 0 } }, b0o: { aggregate: { count: 0 } } });

  it("reads every bucket in one request", async () => {
    const calls: string[] = [];
    const reader: ChartReader = {
      perBucket: false,
      all: async () => {
        calls.push("all");
        return { b3s: { aggregate: { count: 7 } } } as never;
      },
      one: async () => {
        calls.push("one");
        return one(1) as never;
      },
    };
    const counts = await readChartCounts(null, buckets, reader);
    expect(calls).toEqual(["all"]);
    expect(counts[buckets[3].from].Succeeded).toBe(7);
  });

  it("over the read budget, reads bucket by bucket from then on; other errors are thrown", async () => {
    const calls: string[] = [];
    const reader: ChartReader = {
      perBucket: false,
      all: async () => {
        calls.push("all");
        throw new GqlError("too costly", "QUERY_TOO_COSTLY", false);
      },
      one: async (v) => {
        calls.push("one");
        const since = (v.b0 as { scheduled_start_time: { _gte: string } }).scheduled_start_time._gte;
        return one(buckets.findIndex((b) => b.from === since)) as never;
      },
    };
    const counts = await readChartCounts("p1", buckets, reader);
    expect(calls.filter((c) => c === "one")).toHaveLength(12);
    expect(buckets.map((b) => counts[b.from].Succeeded)).toEqual(buckets.map((_, i) => i));
    calls.length = 0;
    await readChartCounts("p1", buckets, reader);
    expect(calls).not.toContain("all");

    const failing: ChartReader = { ...reader, perBucket: false, all: async () => Promise.reject(new GqlError("down", undefined, true)) };
    await expect(readChartCounts(null, buckets, failing)).rejects.toThrow("down");
  });
});
