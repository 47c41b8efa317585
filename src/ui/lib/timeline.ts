import { isFinished, isStateName } from "../../core/states.ts";

export interface Segment {
  state: string;
  start: number;
  end: number;
}

/**
 * Turns a state history (oldest first) into segments: each state lasts until the next one; the last
 * lasts until now unless it is finished (then it is a zero-width marker at its time).
 */
export function timelineSegments(states: readonly { state: string; timestamp: string }[], now: number): Segment[] {
  return states.map((s, i) => {
    const start = Date.parse(s.timestamp);
    const next = states[i + 1];
    const end = next ? Date.parse(next.timestamp) : isStateName(s.state) && isFinished(s.state) ? start : Math.max(start, now);
    return { state: s.state, start, end };
  });
}
