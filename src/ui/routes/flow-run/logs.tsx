import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { graphql } from "../../../core/gql/gql.ts";
import type { Log_Bool_Exp } from "../../../core/gql/graphql.ts";
import { Button } from "../../components/ui/button.tsx";
import { SkeletonRows, Tile } from "../../components/ui/card.tsx";
import { Input, Select } from "../../components/ui/field.tsx";
import { cn } from "../../lib/cn.ts";
import { formatClock, ilikePattern } from "../../lib/format.ts";
import { runQuery } from "../../lib/gql-query.ts";
import { gqlQueryOptions } from "../../lib/gql-query.ts";
import { flowRunKeys } from "../../lib/keys.ts";
import { useLiveQuery } from "../../lib/live-query.ts";
import { collectPages, LOG_LEVELS, levelsFrom, logLineText } from "../../lib/log-text.ts";
import { timePreference } from "../../lib/preferences.ts";
import { useSearchState } from "../../lib/search-state.ts";
import { flowRunSearch } from "./search.ts";

/** Lines kept in memory: the newest WINDOW matching lines; older ones are in the download. */
export const WINDOW = 1000;
const DOWNLOAD_PAGE = 2000;

const Logs = graphql(`
  query FlowRun_logs($id: uuid!, $where: log_bool_exp, $limit: Int) {
    flow_run_by_pk(id: $id) {
      id
      logs(where: $where, order_by: [{ timestamp: desc }, { seq: desc }], limit: $limit) {
        id
        level
        name
        message
        timestamp
        task_run_id
      }
      logs_aggregate(where: $where) {
        aggregate {
          count
        }
      }
    }
  }
`);

const LogPage = graphql(`
  query FlowRun_logPage($where: log_bool_exp!, $limit: Int!, $offset: Int!) {
    log(where: $where, order_by: [{ timestamp: asc }, { seq: asc }], limit: $limit, offset: $offset) {
      id
      level
      name
      message
      timestamp
    }
  }
`);

const LEVEL_CLASS: Record<string, string> = { WARNING: "text-warning", ERROR: "text-danger", CRITICAL: "text-danger font-semibold" };

export function LogsPanel({ runId, runName }: { runId: string; runName: string }) {
  const [search, setSearch] = useSearchState(flowRunSearch);
  const mode = timePreference.use();
  const [text, setText] = useState(search.logq);
  // Typing updates the URL (and so the server-side search) after a short pause, not on every key.
  useEffect(() => {
    if (text === search.logq) return;
    const t = setTimeout(() => setSearch({ logq: text }, { replace: true }), 250);
    return () => clearTimeout(t);
  }, [text, search.logq, setSearch]);
  const levels = levelsFrom(search.level[0]);
  const where: Log_Bool_Exp = {
    ...(levels ? { level: { _in: levels } } : {}),
    ...(search.logq ? { message: { _ilike: ilikePattern(search.logq) } } : {}),
  };
  const q = useLiveQuery(gqlQueryOptions(flowRunKeys.logs(runId, { where }), Logs, { id: runId, where, limit: WINDOW }));
  const newestFirst = q.data?.flow_run_by_pk?.logs;
  const lines = newestFirst ? [...newestFirst].reverse() : [];
  const total = q.data?.flow_run_by_pk?.logs_aggregate.aggregate?.count ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [seenTotal, setSeenTotal] = useState(0);
  const virtualizer = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => 22, overscan: 12, getItemKey: (i) => lines[i].id });
  const lastId = lines.at(-1)?.id;
  useLayoutEffect(() => {
    if (follow && lines.length) virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [lastId, follow, lines.length, virtualizer]);
  // A deep link to a line scrolls to it once it is in the window; the lines already there are seen,
  // so only lines written after it count as new.
  const targetIndex = search.line ? lines.findIndex((l) => l.id === search.line) : -1;
  const totalRef = useRef(total);
  totalRef.current = total;
  useEffect(() => {
    if (targetIndex >= 0) {
      setFollow(false);
      setSeenTotal(totalRef.current);
      virtualizer.scrollToIndex(targetIndex, { align: "center" });
    }
  }, [targetIndex, virtualizer]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 30;
    if (atBottom !== follow) {
      setFollow(atBottom);
      if (!atBottom) setSeenTotal(total);
    }
  };
  const newLines = follow ? 0 : Math.max(0, total - seenTotal);

  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      const all = await collectPages(async (offset, limit) => (await runQuery(LogPage, { where: { ...where, flow_run_id: { _eq: runId } }, offset, limit })).log, DOWNLOAD_PAGE);
      const blob = new Blob([all.map((l) => logLineText(l)).join("\n") + "\n"], { type: "text/plain" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${runName.replace(/[^\w.-]+/g, "_")}.log`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } finally {
      setDownloading(false);
    }
  };

  const copyLink = (id: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set("line", id);
    void navigator.clipboard?.writeText(url.toString());
    setSearch({ line: id }, { replace: true });
  };

  return (
    <Tile
      title="Logs"
      actions={
        <Button size="sm" onClick={download} disabled={downloading}>
          {downloading ? "Preparing…" : "Download log"}
        </Button>
      }
    >
      <div className="flex flex-wrap gap-2">
        <Input type="search" aria-label="Search logs" placeholder="Search messages" className="w-52" value={text} onChange={(e) => setText(e.target.value)} />
        <Select aria-label="Log level" value={search.level[0] ?? "DEBUG"} onChange={(e) => setSearch({ level: e.target.value === "DEBUG" ? undefined : [e.target.value] })}>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l === "DEBUG" ? "All levels" : `${l} and above`}
            </option>
          ))}
        </Select>
        <span className="self-center text-xs text-muted-foreground">{total > WINDOW ? `Newest ${WINDOW} of ${total} lines` : `${total} lines`}</span>
      </div>
      <div className="relative">
        {q.isPending ? (
          <SkeletonRows />
        ) : (
          <div ref={scroller} onScroll={onScroll} className="h-96 overflow-auto rounded-md border bg-muted/40 font-mono text-xs">
            {lines.length === 0 ? (
              <p className="p-3 text-muted-foreground">{search.logq || levels ? "No lines match." : "No logs yet. They appear here as the run writes them."}</p>
            ) : (
              <div role="list" aria-label="Log lines" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const l = lines[item.index];
                  return (
                    <div
                      key={item.key}
                      role="listitem"
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                      className={cn("group absolute left-0 flex w-full gap-2 px-2 py-0.5", l.id === search.line && "bg-primary/15")}
                      style={{ transform: `translateY(${item.start}px)` }}
                    >
                      <span className="shrink-0 text-muted-foreground">{formatClock(l.timestamp, mode)}</span>
                      <span className={cn("w-16 shrink-0", LEVEL_CLASS[l.level ?? ""])}>{l.level}</span>
                      <span className="w-24 shrink-0 truncate text-muted-foreground">{l.name}</span>
                      <span className="min-w-0 flex-1 break-words whitespace-pre-wrap">{l.message}</span>
                      <button type="button" aria-label="Copy link to line" onClick={() => copyLink(l.id)} className="shrink-0 opacity-0 group-hover:opacity-100 focus:opacity-100">
                        #
                      </button>
                    </div>
                  );
                })}
              </div>
            )}
          </div>
        )}
        {newLines > 0 ? (
          <Button
            size="sm"
            variant="primary"
            className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow"
            onClick={() => {
              setFollow(true);
              virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
            }}
          >
            {newLines} new {newLines === 1 ? "line" : "lines"}
          </Button>
        ) : null}
      </div>
    </Tile>
  );
}
