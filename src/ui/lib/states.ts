import { isFailed, isFinished, isRunning, isStateName, STATE_COLOR, STATE_NAMES, type StateName } from "../../core/states.ts";

/** CSS custom properties for every state colour, set once on :root so Tailwind classes can use them. */
export function stateCssVariables(): Record<string, string> {
  return Object.fromEntries(STATE_NAMES.map((s) => [`--state-${s}`, STATE_COLOR[s]]));
}

/** `var(--state-Success)`, or a neutral colour for an unknown/missing state. */
export function stateColor(state: string | null | undefined): string {
  return isStateName(state) ? `var(--state-${state})` : "var(--color-muted-foreground)";
}

/** Text colour readable on the state's colour (light states get dark text). */
export function stateTextColor(state: string | null | undefined): string {
  if (!isStateName(state)) return "#fff";
  const hex = STATE_COLOR[state].slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#111" : "#fff";
}

export type StateTone = "success" | "failed" | "running" | "finished" | "waiting";

/** The coarse tone used for the page favicon and title. */
export function stateTone(state: string | null | undefined): StateTone {
  if (!isStateName(state)) return "waiting";
  if (isFailed(state)) return "failed";
  if (state === "Success" || state === "Cached" || state === "Mapped" || state === "Skipped") return "success";
  if (isRunning(state)) return "running";
  if (isFinished(state)) return "finished";
  return "waiting";
}

/** A favicon (SVG data URL) in the state's colour. */
export function stateFavicon(state: string | null | undefined): string {
  const color = isStateName(state) ? STATE_COLOR[state as StateName] : "#6b7280";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="${color}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
