import { describe, expect, it } from "vitest";
import { TernApiError, TernConnectionError } from "../client/errors.ts";
import { FlowValidationError, isExpectedFailure, RegisterError } from "./errors.ts";

describe("isExpectedFailure", () => {
  it("accepts the SDK's and the client's own failures", () => {
    for (const error of [new FlowValidationError("f", ["x"]), new RegisterError("r"), new TernApiError("a", "NOT_FOUND"), new TernConnectionError("http://x", "ECONNREFUSED")]) {
      expect(isExpectedFailure(error)).toBe(true);
    }
  });

  it("does not take an error for one of them because it bears the same name", () => {
    for (const name of ["RegisterError", "FlowValidationError", "TernApiError", "TernConnectionError"]) {
      const impostor = Object.assign(new Error("boom"), { name });
      expect(isExpectedFailure(impostor)).toBe(false);
    }
    expect(isExpectedFailure("RegisterError")).toBe(false);
  });
});
