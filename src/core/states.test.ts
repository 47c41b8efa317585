import { describe, expect, it } from "vitest";
import { canTransition, FAILED_STATES, FINISHED_STATES, isA, isFinished, isScheduled, STATE_NAMES, stateGroup, statesToSetByHand } from "./states.ts";

describe("state model", () => {
  it("follows Prefect's hierarchy", () => {
    expect(isA("TriggerFailed", "Failed")).toBe(true);
    expect(isA("Cached", "Success")).toBe(true);
    expect(isA("Retrying", "Scheduled")).toBe(true);
    expect(isA("Submitted", "Pending")).toBe(false);
    expect(isFinished("Cancelled")).toBe(true);
    expect(isFinished("Cancelling")).toBe(false);
    expect(isScheduled("Queued")).toBe(true);
  });

  it("lists the finished states the Prefect UI lists", () => {
    expect(new Set(FINISHED_STATES)).toEqual(
      new Set(["Finished", "Looped", "Success", "Cancelled", "Failed", "TriggerFailed", "ValidationFailed", "TimedOut", "Cached", "Mapped", "Skipped"]),
    );
  });

  it("lists every failed state, the subclasses of Failed and ClientFailed", () => {
    expect(new Set(FAILED_STATES)).toEqual(new Set(["Failed", "TimedOut", "TriggerFailed", "ValidationFailed", "ClientFailed"]));
  });

  it("groups every state", () => {
    for (const s of STATE_NAMES) expect(["Pending", "Running", "Finished"]).toContain(stateGroup(s));
    expect(stateGroup("Cancelling")).toBe("Running");
  });

  it("lets a finished run restart but not be resubmitted", () => {
    expect(canTransition("Success", "Scheduled")).toBe(true);
    expect(canTransition("Failed", "Pending")).toBe(true);
    expect(canTransition("Success", "Running")).toBe(false);
    expect(canTransition("Running", "Submitted")).toBe(false);
    expect(canTransition(null, "Scheduled")).toBe(true);
    expect(canTransition("Running", "Success")).toBe(true);
  });

  it("offers a person the states Prefect's Mark As offers, less the run's own", () => {
    expect(statesToSetByHand("Failed")).toEqual(["Scheduled", "Finished", "Success", "Skipped", "Cancelled"]);
    expect(statesToSetByHand(null)).toEqual(["Scheduled", "Finished", "Success", "Skipped", "Failed", "Cancelled"]);
  });
});
