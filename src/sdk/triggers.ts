/**
 * When a task runs, given how its upstream tasks ended. Names follow Prefect 1's triggers so a
 * serialized flow reads the same (`tern.triggers.all_successful`).
 *
 * @example
 * ```ts
 * import { task, triggers } from "tern";
 * const cleanup = task(() => removeTempFiles(), { trigger: triggers.allFinished });
 * const alert = task(() => pageSomeone(), { trigger: triggers.anyFailed });
 * ```
 */
export const triggers = {
  /** Run only if every upstream task succeeded (the default). */
  allSuccessful: "allSuccessful",
  /** Run once every upstream task finished, whatever its state: "always run". */
  allFinished: "allFinished",
  /** Run only if at least one upstream task failed. */
  anyFailed: "anyFailed",
  /** Run if at least one upstream task succeeded. */
  anySuccessful: "anySuccessful",
} as const;

export type Trigger = (typeof triggers)[keyof typeof triggers];

/** The snake_case name Prefect uses in `trigger.fn` and in trigger-failure messages. */
export const TRIGGER_FN: Record<Trigger, string> = {
  allSuccessful: "all_successful",
  allFinished: "all_finished",
  anyFailed: "any_failed",
  anySuccessful: "any_successful",
};

export type UpstreamOutcome = "success" | "failed" | "other";

/** Whether a trigger lets its task run; `outcomes` holds one entry per upstream task. */
export function triggerPasses(trigger: Trigger, outcomes: UpstreamOutcome[]): boolean {
  switch (trigger) {
    case "allSuccessful":
      return outcomes.every((o) => o === "success");
    case "allFinished":
      return true;
    case "anyFailed":
      return outcomes.length === 0 || outcomes.some((o) => o === "failed");
    case "anySuccessful":
      return outcomes.length === 0 || outcomes.some((o) => o === "success");
    default: {
      const never: never = trigger;
      throw new Error(`Unknown trigger ${String(never)}`);
    }
  }
}

/** The message of a TriggerFailed state, e.g. `Trigger was "all_successful" but some of the upstream tasks failed.` */
export function triggerFailureMessage(trigger: Trigger): string {
  switch (trigger) {
    case "allSuccessful":
      return `Trigger was "all_successful" but some of the upstream tasks failed.`;
    case "anyFailed":
      return `Trigger was "any_failed" but none of the upstream tasks failed.`;
    case "anySuccessful":
      return `Trigger was "any_successful" but none of the upstream tasks succeeded.`;
    case "allFinished":
      return `Trigger was "all_finished" but some of the upstream tasks were not finished.`;
    default: {
      const never: never = trigger;
      throw new Error(`Unknown trigger ${String(never)}`);
    }
  }
}
