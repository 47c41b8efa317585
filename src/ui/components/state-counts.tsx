import { STATE_NAMES } from "../../core/states.ts";
import { StateDot } from "./state-badge.tsx";
import type { StateCounts } from "./task-run-counts.ts";

/** The states present in `counts`, each with its dot and number: "2 Success 1 Failed". */
export function StateCountList({ counts, label }: { counts: StateCounts; label: string }) {
  const present = STATE_NAMES.filter((s) => counts.byState[s] > 0);
  return (
    <ul aria-label={label} className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
      {present.map((s) => (
        <li key={s} className="flex items-center gap-1">
          <StateDot state={s} />
          {counts.byState[s]} {s}
        </li>
      ))}
    </ul>
  );
}
