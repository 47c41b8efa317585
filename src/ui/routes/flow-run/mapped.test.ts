import { describe, expect, it } from "vitest";
import { mappedGroups } from "./mapped.ts";

const count = (n: number) => ({ aggregate: { count: n } });

describe("mappedGroups", () => {
  it("turns each mapped task's aggregates into counts and a span", () => {
    const groups = mappedGroups({
      flow_run_by_pk: {
        id: "run",
        flow: {
          id: "flow",
          tasks: [
            {
              id: "square",
              all: count(10),
              first: [{ start_time: "2026-01-01T00:00:01Z" }],
              last: [{ end_time: "2026-01-01T00:00:05Z" }],
              Success: count(6),
              Failed: count(1),
              Cancelled: count(0),
              Finished: count(0),
              Running: count(2),
            },
            { id: "waiting", all: count(0), first: [], last: [], Success: count(0), Failed: count(0), Cancelled: count(0), Finished: count(0), Running: count(0) },
          ],
        },
      },
    });
    expect(groups.get("square")).toEqual({
      counts: { Success: 6, Failed: 1, Cancelled: 0, Finished: 0, Running: 2, Pending: 1, total: 10 },
      firstStart: Date.parse("2026-01-01T00:00:01Z"),
      lastEnd: Date.parse("2026-01-01T00:00:05Z"),
    });
    expect(groups.get("waiting")).toMatchObject({ counts: { total: 0, Pending: 0 }, firstStart: null, lastEnd: null });
  });
  it("is empty before the data arrives", () => {
    expect(mappedGroups(undefined).size).toBe(0);
  });
});
