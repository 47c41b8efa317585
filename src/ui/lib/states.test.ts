import { describe, expect, it } from "vitest";
import { STATE_COLOR, STATE_NAMES } from "../../core/states.ts";
import { stateColor, stateCssVariables, stateFavicon, stateTextColor, stateTone } from "./states.ts";

describe("state colours", () => {
  it("has a CSS variable for every state, from STATE_COLOR", () => {
    const vars = stateCssVariables();
    expect(Object.keys(vars)).toHaveLength(STATE_NAMES.length);
    expect(vars["--state-Failed"]).toBe(STATE_COLOR.Failed);
  });
  it("refers to the variable, or a neutral colour for unknown states", () => {
    expect(stateColor("Success")).toBe("var(--state-Success)");
    expect(stateColor("Bogus")).toBe("var(--color-muted-foreground)");
  });
  it("picks readable text", () => {
    expect(stateTextColor("Submitted")).toBe("#111111");
    expect(stateTextColor("Finished")).toBe("#ffffff");
    // White on this green is 2.44:1; near-black reads.
    expect(stateTextColor("Success")).toBe("#111111");
  });
  it("tones", () => {
    expect(stateTone("TriggerFailed")).toBe("failed");
    expect(stateTone("Success")).toBe("success");
    expect(stateTone("Cancelling")).toBe("running");
    expect(stateTone("Scheduled")).toBe("waiting");
  });
  it("favicon carries the colour", () => expect(decodeURIComponent(stateFavicon("Success"))).toContain(STATE_COLOR.Success));
});
