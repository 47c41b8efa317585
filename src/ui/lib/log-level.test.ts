import { expect, it } from "vitest";
import { logLevelClass } from "./log-level.ts";

it("errors read as danger, warnings as warning, the rest plain", () => {
  expect(logLevelClass("ERROR")).toBe("text-danger");
  expect(logLevelClass("CRITICAL")).toContain("text-danger");
  expect(logLevelClass("WARNING")).toBe("text-warning");
  expect(logLevelClass("INFO")).toBe("");
  expect(logLevelClass(null)).toBe("");
});
