import { describe, expect, it } from "vitest";
import { projectErrorMessage, validateProjectName } from "./project-form.ts";

describe("validateProjectName", () => {
  it("requires a name", () => expect(validateProjectName("   ")).toMatch(/needs a name/));
  it("rejects a taken name", () => expect(validateProjectName("etl ", ["etl"])).toMatch(/already in use/));
  it("allows keeping one's own name", () => expect(validateProjectName("etl", ["etl"], "etl")).toBeNull());
  it("rejects very long names", () => expect(validateProjectName("x".repeat(101))).toMatch(/under 100/));
});

describe("projectErrorMessage", () => {
  it("maps the uniqueness code", () => expect(projectErrorMessage("UNIQUENESS_VIOLATION")).toMatch(/already in use/));
  it("leaves unknown codes to the generic message", () => expect(projectErrorMessage("INTERNAL")).toBeNull());
});
