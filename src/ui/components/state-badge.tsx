import { cn } from "../lib/cn.ts";
import { stateColor, stateTextColor } from "../lib/states.ts";

export function StateBadge({ state, className }: { state: string | null | undefined; className?: string }) {
  return (
    <span
      className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap", className)}
      style={{ background: stateColor(state), color: stateTextColor(state) }}
    >
      {state ?? "—"}
    </span>
  );
}

export function StateDot({ state }: { state: string | null | undefined }) {
  return <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ background: stateColor(state) }} />;
}
