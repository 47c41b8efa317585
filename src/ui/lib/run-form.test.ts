import { describe, expect, it } from "vitest";
import { defaultParameterValues, missingRequired, parseLabels, parseParametersJson, readParameters } from "./run-form.ts";

const params = readParameters([
  { name: "count", required: false, default: 6 },
  { name: "target", required: true, default: null },
  { bogus: true },
]);

describe("run form helpers", () => {
  it("reads the serialized parameter list, skipping junk", () => expect(params.map((p) => p.name)).toEqual(["count", "target"]));
  it("finds required parameters without a default", () => {
    expect(missingRequired(params)).toEqual(["target"]);
    expect(missingRequired(params, { target: "db" })).toEqual([]);
  });
  it("defaults", () => expect(defaultParameterValues(params)).toEqual({ count: 6, target: null }));
  it("parses parameter JSON", () => {
    expect(parseParametersJson('{"count": 3}')).toEqual({ ok: true, value: { count: 3 } });
    expect(parseParametersJson("")).toEqual({ ok: true, value: {} });
    expect(parseParametersJson("[1]").ok).toBe(false);
    expect(parseParametersJson("{nope").ok).toBe(false);
  });
  it("parses labels", () => expect(parseLabels("a, b ,, a,c")).toEqual(["a", "b", "c"]));
});
