/**
 * Orders a watched run's state lines for `tern run flow --watch`. Each live result is the run's whole
 * history, but the server reads it level by level (the run's own states, then its task runs', in
 * separate statements), so a write that commits in between can show a task's new state while the
 * flow-run state stored just before it is still missing. Printing at once would then put them out of
 * order. So a line is printed once the result after it still has it (a later result has whatever was
 * stored before it), together with any newly seen line that happened earlier; the rest waits for the
 * next result, for the caller's quiet-time flush, or for the run to finish (whose result is whole:
 * its finished state is read first).
 */
export interface StateEntry {
  id: string;
  timestamp: string;
  line: string;
}

export class StateLineOrder {
  private readonly printed = new Set<string>();
  private seen = new Set<string>();
  private waiting: StateEntry[] = [];

  /** The lines a new result lets out, in the order they happened; `final` lets every line out. */
  next(entries: StateEntry[], final = false): string[] {
    const fresh = entries.filter((e) => !this.printed.has(e.id));
    const confirmed = fresh.filter((e) => this.seen.has(e.id));
    // The newest confirmed line (timestamps are ISO strings of one width: they sort as text).
    const horizon = confirmed.map((e) => e.timestamp).sort().at(-1) ?? "";
    this.seen = new Set(entries.map((e) => e.id));
    const out = final ? fresh : fresh.filter((e) => e.timestamp <= horizon);
    this.waiting = fresh.filter((e) => !out.includes(e));
    return this.release(out);
  }

  /** Lets out what the last result still holds back (nothing new came for a while). */
  flush(): string[] {
    const out = this.waiting;
    this.waiting = [];
    return this.release(out);
  }

  get holding(): boolean {
    return this.waiting.length > 0;
  }

  private release(entries: StateEntry[]): string[] {
    const sorted = [...entries].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    for (const e of sorted) this.printed.add(e.id);
    return sorted.map((e) => e.line);
  }
}
