/**
 * The browser's half of log search. The server finds the hits (`_ilike` over the whole run's log);
 * this marks them in the lines on screen and trims a slice to hits with context. `%` and `_` stay
 * wildcards as in `_ilike`, so what is marked is what the server matched.
 */
export function searchPattern(query: string): RegExp | null {
  if (!query) return null;
  const source = [...query].map((ch) => (ch === "%" ? ".*?" : ch === "_" ? "." : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(source, "gi");
}

export interface Segment {
  text: string;
  hit: boolean;
}

/** A message cut into plain and matching runs of text, for marking hits (rendered as text, never HTML). */
export function splitHits(text: string, pattern: RegExp | null): Segment[] {
  if (!pattern || !text) return [{ text, hit: false }];
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0] === "") continue;
    if (m.index > at) out.push({ text: text.slice(at, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out.length ? out : [{ text, hit: false }];
}

export function isHit(text: string | null | undefined, pattern: RegExp | null): boolean {
  if (!pattern || !text) return false;
  pattern.lastIndex = 0;
  const hit = pattern.test(text);
  pattern.lastIndex = 0;
  return hit;
}

export type Row<T> = { kind: "line"; line: T; hit: boolean } | { kind: "gap"; key: string; skipped: number };

/**
 * The rows of a slice with only hits and `context` lines either side of each; skipped stretches
 * become one gap row. `context = Infinity` keeps every line.
 */
export function withContext<T>(lines: T[], hit: (line: T) => boolean, context: number, keyOf: (line: T) => string): Row<T>[] {
  const hits = lines.map(hit);
  if (context === Number.POSITIVE_INFINITY) return lines.map((line, i) => ({ kind: "line", line, hit: hits[i] }));
  const keep = new Array<boolean>(lines.length).fill(false);
  hits.forEach((h, i) => {
    if (!h) return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const rows: Row<T>[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (!keep[i]) {
      skipped++;
      return;
    }
    if (skipped && rows.length) rows.push({ kind: "gap", key: `gap-${keyOf(line)}`, skipped });
    skipped = 0;
    rows.push({ kind: "line", line, hit: hits[i] });
  });
  return rows;
}

/** `3 of 17 matches`; before a hit is chosen, the count alone. */
export function hitLabel(position: number | null, total: number): string {
  if (total === 0) return "No matches";
  const noun = total === 1 ? "match" : "matches";
  return position ? `${position} of ${total} ${noun}` : `${total} ${noun}`;
}
