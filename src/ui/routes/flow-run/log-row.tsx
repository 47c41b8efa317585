import { cn } from "../../lib/cn.ts";
import { formatClock, formatIso, type TimeSettings } from "../../lib/format.ts";
import { splitHits } from "../../lib/log-search.ts";
import type { LogLine } from "./log-queries.ts";

const LEVEL_CLASS: Record<string, string> = { WARNING: "text-warning", ERROR: "text-danger", CRITICAL: "text-danger font-semibold" };

/** A message with the search's matches marked; React renders every piece as text, never as HTML. */
function Message({ text, pattern }: { text: string; pattern: RegExp | null }) {
  return (
    <>
      {splitHits(text, pattern).map((s, i) =>
        s.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one message never reorder.
          <mark key={i} className="rounded-sm bg-warning/25 text-foreground underline decoration-warning decoration-2">
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

export function LogRowContent({
  line,
  time,
  pattern,
  onCopyLink,
}: {
  line: LogLine;
  time: TimeSettings;
  pattern: RegExp | null;
  onCopyLink: () => void;
}) {
  return (
    <>
      <time dateTime={line.timestamp} title={formatIso(line.timestamp, time)} className="shrink-0 text-muted-foreground">
        {formatClock(line.timestamp, time)}
      </time>
      <span className={cn("w-16 shrink-0", LEVEL_CLASS[line.level ?? ""])}>{line.level}</span>
      <span className="w-24 shrink-0 truncate text-muted-foreground">{line.name}</span>
      <span className="min-w-0 flex-1 break-words whitespace-pre-wrap">
        <Message text={line.message ?? ""} pattern={pattern} />
      </span>
      <button type="button" aria-label="Copy link to line" onClick={onCopyLink} className="shrink-0 opacity-0 group-hover:opacity-100 focus:opacity-100">
        #
      </button>
    </>
  );
}
