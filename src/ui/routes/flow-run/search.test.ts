import { describe, expect, it } from "vitest";
import { parseSearch } from "../../lib/search-state.ts";
import { flowRunSearch } from "./search.ts";

describe("flowRunSearch: the log panel's URL state", () => {
  const parse = (query: string) => parseSearch(flowRunSearch, new URLSearchParams(query));
  it("a search shows matching lines only unless asked otherwise", () => expect(parse("logq=boom")).toMatchObject({ logq: "boom", ctx: "0" }));
  it("reads a context choice", () => expect(parse("logq=boom&ctx=5").ctx).toBe("5"));
  it("falls back from a context it does not offer", () => expect(parse("logq=boom&ctx=999").ctx).toBe("0"));
});
