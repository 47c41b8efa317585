import { describe, expect, it } from "vitest";
import { alreadyFinished, applyToRuns, confirmQuestion, mapLimited, pagesOfRuns, type RunRef, summarize } from "./bulk-runs.ts";

const runs = (n: number): RunRef[] => Array.from({ length: n }, (_, i) => ({ id: String(i).padStart(4, "0"), state: "Running" }));

describe("pagesOfRuns", () => {
  it("pages by the last id seen and stops at a short page", async () => {
    const all = runs(5);
    const asked: (string | null)[] = [];
    const fetchPage = async (after: string | null, limit: number) => {
      asked.push(after);
      return all.filter((r) => after === null || r.id > after).slice(0, limit);
    };
    const pages: RunRef[][] = [];
    for await (const page of pagesOfRuns(fetchPage, 2)) pages.push(page);
    expect(pages.map((p) => p.map((r) => r.id))).toEqual([["0000", "0001"], ["0002", "0003"], ["0004"]]);
    expect(asked).toEqual([null, "0001", "0003"]);
  });
  it("is not thrown off when the action removes runs from the filter", async () => {
    const all = runs(4);
    const fetchPage = async (after: string | null, limit: number) => all.filter((r) => r.state === "Running" && (after === null || r.id > after)).slice(0, limit);
    const tally = await applyToRuns(pagesOfRuns(fetchPage, 2), async (page) =>
      page.map((r) => {
        r.state = "Cancelled";
        return "cancelled" as const;
      }),
    );
    expect(tally).toEqual({ cancelled: 4 });
  });
});

describe("applyToRuns", () => {
  it("counts outcomes and reports progress per page", async () => {
    const progress: string[] = [];
    async function* pages() {
      yield runs(2);
      yield runs(1);
    }
    const tally = await applyToRuns(pages(), async (page) => page.map((_, i) => (i === 0 ? "cancelled" : "already finished")), (t) => progress.push(summarize(t)));
    expect(summarize(tally)).toBe("2 cancelled, 1 already finished");
    expect(progress).toEqual(["1 cancelled, 1 already finished", "2 cancelled, 1 already finished"]);
  });
});

describe("wording", () => {
  it("asks with the number of runs", () => {
    expect(confirmQuestion({ kind: "cancel" }, 12)).toBe("Cancel 12 runs?");
    expect(confirmQuestion({ kind: "delete" }, 1)).toBe("Delete 1 run?");
    expect(confirmQuestion({ kind: "set-state", state: "Failed", message: "" }, 3)).toBe("Set 3 runs to Failed?");
    expect(summarize({})).toBe("nothing to do");
  });
  it("treats finished runs other than Cancelled as already finished", () => {
    expect(alreadyFinished({ id: "1", state: "Success" })).toBe(true);
    expect(alreadyFinished({ id: "1", state: "Running" })).toBe(false);
  });
});

describe("mapLimited", () => {
  it("keeps order with bounded concurrency", async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimited([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10]);
    expect(most).toBeLessThanOrEqual(2);
  });
});
