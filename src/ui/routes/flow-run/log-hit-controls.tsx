import { Button } from "../../components/ui/button.tsx";
import { Select } from "../../components/ui/field.tsx";
import { hitLabel } from "../../lib/log-search.ts";
import type { useLogHits } from "./log-hits.ts";
import type { FlowRunSearch } from "./search.ts";

/** "3 of 17 matches", Previous/Next, and how much of the log shows around the hits. */
export function HitControls({ hits, show, onShow }: { hits: ReturnType<typeof useLogHits>; show: FlowRunSearch["ctx"]; onShow: (ctx: string) => void }) {
  return (
    <>
      <span role="status" className="text-xs tabular-nums">
        {hitLabel(hits.position, hits.total)}
      </span>
      <Button size="sm" aria-label="Previous match" onClick={() => void hits.previous()} disabled={hits.total === 0}>
        ↑ Previous
      </Button>
      <Button size="sm" aria-label="Next match" onClick={() => void hits.next()} disabled={hits.total === 0}>
        ↓ Next
      </Button>
      <Select aria-label="Show lines" value={show} onChange={(e) => onShow(e.target.value)}>
        <option value="0">Matches only</option>
        <option value="2">Matches with 2 lines of context</option>
        <option value="5">Matches with 5 lines of context</option>
        <option value="all">All lines, matches marked</option>
      </Select>
    </>
  );
}
