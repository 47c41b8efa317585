import { isFinished, isStateName, type StateName } from "../../core/states.ts";

/** What a bulk action does to each selected run. */
export type BulkAction = { kind: "cancel" } | { kind: "delete" } | { kind: "set-state"; state: StateName; message: string };

/** What became of one run; the report counts these. */
export type RunResult = "cancelled" | "cancelling" | "already finished" | "deleted" | "already gone" | "set" | "failed";

/** A run as a bulk action needs it: its id and the state it was in when read. */
export interface RunRef {
  id: string;
  state?: string | null;
}

/** Runs per page when an action applies to every run matching a filter. */
export const BULK_PAGE = 100;

/**
 * Every run a filter matches, one page at a time, by keyset on the id (`after` the last id seen):
 * runs an action moves out of the filter, or deletes, do not shift later pages as offsets would.
 */
export async function* pagesOfRuns(fetchPage: (after: string | null, limit: number) => Promise<RunRef[]>, pageSize = BULK_PAGE): AsyncGenerator<RunRef[]> {
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].id;
  }
}

/** Cancelling a finished run changes nothing, so it is reported, not sent. */
export const alreadyFinished = (run: RunRef) => isStateName(run.state) && isFinished(run.state) && run.state !== "Cancelled";

/**
 * Applies `act` to every run of every page (a page at a time, so memory stays one page), counting
 * outcomes; `onProgress` hears the running tally after each page.
 */
export async function applyToRuns(pages: AsyncIterable<RunRef[]>, act: (page: RunRef[]) => Promise<RunResult[]>, onProgress?: (tally: Tally) => void): Promise<Tally> {
  const tally: Tally = {};
  for await (const page of pages) {
    for (const result of await act(page)) tally[result] = (tally[result] ?? 0) + 1;
    onProgress?.({ ...tally });
  }
  return tally;
}

export type Tally = Partial<Record<RunResult, number>>;

const ORDER: RunResult[] = ["cancelled", "cancelling", "set", "deleted", "already finished", "already gone", "failed"];

/** `12 cancelled, 1 already finished`; `nothing to do` for an empty tally. */
export function summarize(tally: Tally): string {
  const parts = ORDER.filter((r) => (tally[r] ?? 0) > 0).map((r) => `${tally[r]} ${r}`);
  return parts.length ? parts.join(", ") : "nothing to do";
}

/** `12 runs`, `1 run`. */
export const runCount = (n: number) => `${n} ${n === 1 ? "run" : "runs"}`;

/** The verb a confirmation asks with: `Cancel 12 runs?` */
export function confirmQuestion(action: BulkAction, n: number): string {
  if (action.kind === "cancel") return `Cancel ${runCount(n)}?`;
  if (action.kind === "delete") return `Delete ${runCount(n)}?`;
  return `Set ${runCount(n)} to ${action.state}?`;
}

/** Runs `work` over `items` with at most `limit` at a time, results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
