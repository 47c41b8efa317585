import { describe, expect, it } from "vitest";
import { isUuid } from "./ids.ts";

describe("isUuid", () => {
  it("accepts ids in either case and refuses anything else", () => {
    expect(isUuid("0b9a8f6e-4c1d-4e2a-9f3b-1a2b3c4d5e6f")).toBe(true);
    expect(isUuid("0B9A8F6E-4C1D-4E2A-9F3B-1A2B3C4D5E6F")).toBe(true);
    expect(isUuid("not-a-uuid")).toBe(false);
    expect(isUuid("0b9a8f6e-4c1d-4e2a-9f3b-1a2b3c4d5e6")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});
