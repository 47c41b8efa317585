/**
 * Shared helpers for `npm run bench`: statistics and one way of printing a figure next to its budget
 * (from the design) and its baseline (something simpler measured in the same run, on the same machine).
 */

import { availableParallelism, loadavg } from "node:os";

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const median = (values: number[]) => percentile(values, 50);

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The design's budget; `lowerIsBetter` says which side passes. */
  budget?: number;
  lowerIsBetter?: boolean;
  /** A simpler operation measured in the same run, to read the figure against. */
  baseline?: { name: string; value: number };
}

export function report(figure: Figure): void {
  const lower = figure.lowerIsBetter ?? true;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1));
  let line = `${figure.name.padEnd(52)} ${fmt(figure.value).padStart(10)} ${figure.unit}`;
  if (figure.budget !== undefined) {
    const pass = lower ? figure.value <= figure.budget : figure.value >= figure.budget;
    line += `   budget ${lower ? "≤" : "≥"} ${fmt(figure.budget)} ${figure.unit}: ${pass ? "PASS" : "OVER"}`;
  }
  if (figure.baseline) {
    line += `   (${(figure.value / figure.baseline.value).toFixed(2)}× ${figure.baseline.name} = ${fmt(figure.baseline.value)} ${figure.unit})`;
  }
  console.log(line);
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Prints how busy the machine is as the bench starts: wall-clock figures stretch with the load (the
 * cores are shared), so they are read against the baselines measured in the same run.
 */
export function describeMachine(): void {
  const load = loadavg()[0].toFixed(1);
  console.log(`(${availableParallelism()} cores, load average ${load} at start, shared with other work: read wall-clock figures against their baselines)`);
}
