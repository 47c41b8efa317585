import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSearch, patchSearch } from "./search-state.ts";

const schema = z.object({
  tab: z.enum(["overview", "logs"]).catch("overview"),
  page: z.coerce.number().int().min(1).catch(1),
  state: z.array(z.string()).or(z.string().transform((s) => [s])).catch([]),
});

describe("parseSearch", () => {
  it("gives defaults for an empty URL", () => expect(parseSearch(schema, new URLSearchParams())).toEqual({ tab: "overview", page: 1, state: [] }));
  it("falls back on bad values instead of throwing", () => expect(parseSearch(schema, new URLSearchParams("tab=nope&page=-3"))).toMatchObject({ tab: "overview", page: 1 }));
  it("reads repeated keys as arrays", () => expect(parseSearch(schema, new URLSearchParams("state=Failed&state=Success")).state).toEqual(["Failed", "Success"]));
  it("reads one value as a one-item array", () => expect(parseSearch(schema, new URLSearchParams("state=Failed")).state).toEqual(["Failed"]));
});

describe("patchSearch", () => {
  it("sets, deletes and drops defaults", () => {
    const next = patchSearch(new URLSearchParams("tab=logs&q=x"), { tab: "overview", q: "", page: 2 }, { tab: "overview", page: 1 });
    expect(next.toString()).toBe("page=2");
  });
  it("writes arrays as repeated keys", () => expect(patchSearch(new URLSearchParams(), { state: ["A", "B"] }).toString()).toBe("state=A&state=B"));
});
