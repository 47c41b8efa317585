import { LIGHT_TEXT, readableTextOn } from "./contrast.ts";
import { isFailed, isFinished, isRunning, isStateName, STATE_COLOR, STATE_NAMES, type StateName } from "../../core/states.ts";

/** CSS custom properties for every state colour, set once on :root so Tailwind classes can use them. */
export function stateCssVariables(): Record<string, string> {
  return Object.fromEntries(STATE_NAMES.map((s) => [`--state-${s}`, STATE_COLOR[s]]));
}

/** `var(--state-Success)`, or a neutral colour for an unknown/missing state. */
export function stateColor(state: string | null | undefined): string {
  return isStateName(state) ? `var(--state-${state})` : "var(--color-muted-foreground)";
}

/** Text colour readable on the state's colour: white or near-black, whichever has more contrast. */
export function stateTextColor(state: string | null | undefined): string {
  return isStateName(state) ? readableTextOn(STATE_COLOR[state]) : LIGHT_TEXT;
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
