import { type CSSProperties, type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";
import { cn } from "../lib/cn.ts";
import { stateColor } from "../lib/states.ts";

/**
 * The pieces the dashboard's bar charts share: a y axis, a legend, a tooltip that follows hover and
 * keyboard focus, and roving focus so a chart is one tab stop whose bars the arrow keys walk.
 */

/**
 * Bars in a row; the chart keeps one tab stop, the newest bar until another is focused. Arrow keys
 * move focus (Left/Down is older), Home jumps to the oldest, End to the newest. `newestFirst` says the
 * bars are indexed newest first (as the run history lists runs). `active` is the bar hovered, else
 * the bar focused: the tooltip shows it.
 */
export function useBarFocus(count: number, { newestFirst = false }: { newestFirst?: boolean } = {}) {
  const [focused, setFocused] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const [stop, setStop] = useState<number | null>(null);
  const bars = useRef<(HTMLElement | null)[]>([]);
  const newest = newestFirst ? 0 : count - 1;
  const oldest = newestFirst ? count - 1 : 0;
  const older = newestFirst ? 1 : -1;
  const tabStop = Math.min(stop ?? newest, count - 1);
  const focus = (i: number) => {
    const next = Math.max(0, Math.min(count - 1, i));
    setStop(next);
    bars.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const at = focused ?? tabStop;
    const keys: Record<string, number> = { ArrowLeft: at + older, ArrowDown: at + older, ArrowRight: at - older, ArrowUp: at - older, Home: oldest, End: newest };
    if (!(e.key in keys)) return;
    e.preventDefault();
    focus(keys[e.key]);
  };
  const barProps = (i: number) => ({
    ref: (el: HTMLElement | null) => {
      bars.current[i] = el;
    },
    tabIndex: i === tabStop ? 0 : -1,
    onFocus: () => {
      setFocused(i);
      setStop(i);
    },
    onBlur: () => setFocused((f) => (f === i ? null : f)),
    onMouseEnter: () => setHovered(i),
    onMouseLeave: () => setHovered((h) => (h === i ? null : h)),
  });
  return { active: hovered ?? focused, onKeyDown, barProps };
}

/** Tick labels up the left of a plot; `ticks` are fractions of the plot's height (0 = bottom) with text. */
export function YAxis({ ticks, title, className }: { ticks: readonly { at: number; label: string }[]; title: string; className?: string }) {
  return (
    <div aria-hidden className={cn("relative w-12 shrink-0 text-right text-[11px] text-muted-foreground tabular-nums", className)}>
      <span className="absolute -top-5 right-1 whitespace-nowrap">{title}</span>
      {ticks.map((t) => (
        <span key={t.label} className="absolute right-1 translate-y-1/2 leading-none" style={{ bottom: `${t.at * 100}%` }}>
          {t.label}
        </span>
      ))}
    </div>
  );
}

/** Faint horizontal lines behind the bars at the y ticks. */
export function GridLines({ ticks }: { ticks: readonly { at: number }[] }) {
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0">
      {ticks.map((t) => (
        <span key={t.at} className="absolute inset-x-0 border-t border-dashed border-border" style={{ bottom: `${t.at * 100}%` }} />
      ))}
    </div>
  );
}

/** Labels under the plot; `at` is the fraction of the width (0 = left edge). */
export function XAxis({ ticks, minWidth }: { ticks: readonly { at: number; label: string }[]; minWidth?: number }) {
  return (
    <div aria-hidden className="relative h-4 text-[11px] text-muted-foreground tabular-nums" style={{ minWidth }}>
      {ticks.map((t) => (
        <span
          key={t.at}
          className="absolute top-0 whitespace-nowrap"
          style={{ left: `${t.at * 100}%`, transform: t.at <= 0 ? undefined : t.at >= 1 ? "translateX(-100%)" : "translateX(-50%)" }}
        >
          {t.label}
        </span>
      ))}
    </div>
  );
}

/** A key of the colours: each entry is a state (its colour) and the words to show. */
export function Legend({ items }: { items: readonly { state: string; label: string }[] }) {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1">
          <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ background: stateColor(item.state) }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * The tooltip of the active bar, above the plot; `style` places it over that bar. The bar points at
 * it with `aria-describedby`, so a screen reader reads it on focus as well.
 */
export function BarTooltip({ id, style, children }: { id: string; style: CSSProperties; children: ReactNode }) {
  return (
    <div id={id} role="tooltip" className="pointer-events-none absolute top-0 z-10 w-max max-w-64 rounded-md border bg-card px-2 py-1 text-xs shadow-md" style={style}>
      {children}
    </div>
  );
}

/** Places a tooltip over the bar at fraction `at` of the width, kept inside the chart near the edges. */
export function tooltipAt(at: number): CSSProperties {
  return { left: `${at * 100}%`, transform: at < 0.25 ? "translateX(0)" : at > 0.75 ? "translateX(-100%)" : "translateX(-50%)" };
}

export const useTooltipId = () => `tip-${useId().replace(/:/g, "")}`;
