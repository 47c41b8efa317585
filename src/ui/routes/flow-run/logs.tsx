import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Log_Bool_Exp } from "../../../core/gql/graphql.ts";
import { Button } from "../../components/ui/button.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Input, Select } from "../../components/ui/field.tsx";
import { cn } from "../../lib/cn.ts";
import { isUuid } from "../../lib/ids.ts";
import { ilikePattern } from "../../lib/format.ts";
import { isHit, searchPattern, withContext } from "../../lib/log-search.ts";
import { LOG_LEVELS, levelsFrom } from "../../lib/log-text.ts";
import { timePreference } from "../../lib/preferences.ts";
import { useSearchState } from "../../lib/search-state.ts";
import { useLogHits } from "./log-hits.ts";
import { HitControls } from "./log-hit-controls.tsx";
import { downloadLog, fetchLine, type LogLine } from "./log-queries.ts";
import { LogRowContent } from "./log-row.tsx";
import { useLogWindow, WINDOW } from "./log-window.ts";
import { flowRunSearch } from "./search.ts";

const CONTEXT = { "0": 0, "2": 2, "5": 5, all: Number.POSITIVE_INFINITY } as const;
const EDGE_PX = 40;

export function LogsPanel({ runId, runName }: { runId: string; runName: string }) {
  const [search, setSearch] = useSearchState(flowRunSearch);
  const time = timePreference.use();
  const [text, setText] = useState(search.logq);
  // Typing updates the URL (and so the server-side search) after a short pause, not on every key.
  useEffect(() => {
    if (text === search.logq) return;
    const t = setTimeout(() => setSearch({ logq: text }, { replace: true }), 250);
    return () => clearTimeout(t);
  }, [text, search.logq, setSearch]);
  const levels = levelsFrom(search.level[0]);
  const levelFilter: Log_Bool_Exp = levels ? { level: { _in: levels } } : {};
  // "Matches only" lets the server filter the lines; with context, the lines stay and hits are marked.
  const matchesOnly = search.logq !== "" && search.ctx === "0";
  const filter: Log_Bool_Exp = matchesOnly ? { ...levelFilter, message: { _ilike: ilikePattern(search.logq) } } : levelFilter;
  const view = useLogWindow(runId, filter);
  const hits = useLogHits(runId, levelFilter, search.logq, matchesOnly ? view.total : undefined);
  const pattern = searchPattern(search.logq);
  const current = hits.current;
  const context = search.logq ? CONTEXT[search.ctx] : Number.POSITIVE_INFINITY;
  const rows = withContext(view.lines, (l) => l.id === current?.id || isHit(l.message, pattern), context, (l) => l.id);

  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [seenTotal, setSeenTotal] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 22,
    overscan: 12,
    // Lines added above (an older page) or dropped there (the window sliding, a page let go) leave the
    // line being read where it is: the virtualizer anchors on the key at the scroll position.
    anchorTo: "end",
    getItemKey: (i) => {
      const r = rows[i];
      return r.kind === "line" ? r.line.id : r.key;
    },
  });
  const rowIndex = (id: string) => rows.findIndex((r) => r.kind === "line" && r.line.id === id);

  const lastId = view.lines.at(-1)?.id;
  useLayoutEffect(() => {
    if (follow && !view.paged && rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
  }, [lastId, follow, view.paged, rows.length, virtualizer]);

  // Stop following the tail from here on: lines written later count as new.
  const totalRef = useRef(view.total);
  totalRef.current = view.total;
  const holdStill = () => {
    setFollow(false);
    setSeenTotal(totalRef.current);
  };

  // A chosen hit (or, with context, the first one found) and a deep-linked line scroll into view once
  // held; a hit outside the held lines brings the slice around it. In "matches only" the first hit is
  // the newest line, so the view keeps following the tail instead.
  const revealHit = hits.chosen || !matchesOnly ? current : null;
  const revealId = revealHit?.id ?? (search.line || null);
  // look: among the held lines; finding: asking the server where a linked line sits; around: the slice
  // around it was asked for, so if it is still missing it is filtered out and the reveal ends.
  const reveal = useRef<{ id: string; line: LogLine | null; stage: "look" | "finding" | "around" } | null>(null);
  // A new filter (another "Show lines" choice) goes back to the tail, so the current hit is brought back
  // too; a linked line is brought into view once, when the page opens.
  const hitFilterKey = revealHit ? JSON.stringify(filter) : null;
  useEffect(() => {
    reveal.current = revealId ? { id: revealId, line: revealHit, stage: "look" } : null;
  }, [revealId, revealHit, hitFilterKey]);
  useEffect(() => {
    const r = reveal.current;
    if (!r || view.pending || view.fetching) return;
    const i = rowIndex(r.id);
    if (i >= 0) {
      reveal.current = null;
      holdStill();
      virtualizer.scrollToIndex(i, { align: "center" });
    } else if (r.stage === "around") reveal.current = null;
    else if (r.line) {
      r.stage = "around";
      holdStill();
      view.showAround(r.line);
    } else if (r.stage === "look" && isUuid(r.id)) {
      r.stage = "finding";
      void fetchLine(runId, r.id).then((line) => {
        if (reveal.current !== r) return;
        if (!line) {
          reveal.current = null;
          return;
        }
        r.line = line;
        r.stage = "around";
        holdStill();
        view.showAround(line);
      });
    }
  });

  // Leaving the live window starts the slice at its oldest line, which stays in view.
  const loadOlder = () => {
    const oldest = view.lines[0];
    if (!view.paged && oldest) {
      holdStill();
      reveal.current = { id: oldest.id, line: oldest, stage: "around" };
    }
    view.loadOlder();
  };

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 30;
    if (!view.paged && atBottom !== follow) {
      setFollow(atBottom);
      if (!atBottom) setSeenTotal(view.total);
    }
    if (view.fetching) return;
    if (el.scrollTop < EDGE_PX && view.hasOlder && (view.paged || !atBottom)) loadOlder();
    else if (view.paged && view.hasNewer && el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX) view.loadNewer();
  };
  const newLines = follow && !view.paged ? 0 : Math.max(0, view.total - seenTotal);
  const jumpToNewest = () => {
    reveal.current = null;
    view.jumpToNewest();
    setFollow(true);
    virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
  };

  const [downloading, setDownloading] = useState(false);
  const download = () => {
    setDownloading(true);
    void downloadLog(runId, filter, runName).finally(() => setDownloading(false));
  };

  const copyLink = (id: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set("line", id);
    void navigator.clipboard?.writeText(url.toString());
    setSearch({ line: id }, { replace: true });
  };

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    // Enter before the pause has passed runs the search now rather than stepping an old one.
    if (text !== search.logq) setSearch({ logq: text }, { replace: true });
    else void (e.shiftKey ? hits.previous() : hits.next());
  };

  const count = view.paged
    ? view.start !== null && view.lines.length
      ? `Lines ${view.start}–${view.start + view.lines.length - 1} of ${view.total}`
      : `${view.lines.length} of ${view.total} lines`
    : view.total > WINDOW
      ? `Newest ${WINDOW} of ${view.total} lines`
      : `${view.total} lines`;

  return (
    <Tile
      title="Logs"
      actions={
        <Button size="sm" onClick={download} disabled={downloading}>
          {downloading ? "Preparing…" : "Download log"}
        </Button>
      }
    >
      <div className="flex flex-wrap items-center gap-2">
        <Input type="search" aria-label="Search logs" placeholder="Search messages" className="w-52" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onSearchKey} />
        {search.logq ? <HitControls hits={hits} show={search.ctx} onShow={(ctx) => setSearch({ ctx }, { replace: true })} /> : null}
        <Select aria-label="Log level" value={search.level[0] ?? "DEBUG"} onChange={(e) => setSearch({ level: e.target.value === "DEBUG" ? undefined : [e.target.value] })}>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === "DEBUG" ? "All levels" : `${l} and above`}
            </option>
          ))}
        </Select>
        <span className="text-xs text-muted-foreground">{count}</span>
      </div>
      {view.hasOlder || view.paged ? (
        <div className="flex flex-wrap gap-2">
          {view.hasOlder ? (
            <Button
              size="sm"
              disabled={view.fetching}
              onClick={loadOlder}
            >
              Load older lines
            </Button>
          ) : null}
          {view.paged ? (
            <Button size="sm" variant="primary" onClick={jumpToNewest}>
              Jump to newest
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="relative">
        {view.pending ? (
          <SkeletonRows />
        ) : (
          <div ref={scroller} onScroll={onScroll} className="h-96 overflow-auto rounded-md border bg-muted/40 font-mono text-xs">
            {rows.length === 0 ? (
              <p className="p-3 text-muted-foreground">{search.logq || levels ? "No lines match." : "No logs yet. They appear here as the run writes them."}</p>
            ) : (
              <div role="list" aria-label="Log lines" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const r = rows[item.index];
                  const style = { transform: `translateY(${item.start}px)` };
                  if (r.kind === "gap")
                    return (
                      <div key={item.key} role="listitem" data-index={item.index} ref={virtualizer.measureElement} className="absolute left-0 w-full px-2 py-0.5 text-muted-foreground" style={style}>
                        ⋯ {r.skipped} {r.skipped === 1 ? "line" : "lines"} without a match
                      </div>
                    );
                  const l: LogLine = r.line;
                  const isCurrent = l.id === current?.id;
                  return (
                    <div
                      key={item.key}
                      role="listitem"
                      aria-current={isCurrent ? "true" : undefined}
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                      className={cn("group absolute left-0 flex w-full gap-2 px-2 py-0.5", l.id === search.line && "bg-primary/15", isCurrent && "outline-2 -outline-offset-2 outline-primary")}
                      style={style}
                    >
                      <LogRowContent line={l} time={time} pattern={r.hit ? pattern : null} onCopyLink={() => copyLink(l.id)} />
                    </div>
                  );
                })}
              </div>
            )}
          </div>
        )}
        {newLines > 0 && !view.paged ? (
          <Button size="sm" variant="primary" className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow" onClick={jumpToNewest}>
            {newLines} new {newLines === 1 ? "line" : "lines"}
          </Button>
        ) : null}
      </div>
      {view.hasNewer ? (
        <div>
          <Button
            size="sm"
            disabled={view.fetching}
            onClick={view.loadNewer}
          >
            Load newer lines
          </Button>
        </div>
      ) : null}
    </Tile>
  );
}
