import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { bracketNesting, fieldCountRule, inputDepthRule, noNulInLiteralsRule } from "./document-limits.ts";
import { jsonProblem } from "./request-guards.ts";

const schema = buildSchema(`
  input Filter { and: [Filter!] name: String }
  type Item { id: ID name: String child: Item }
  type Query { items(where: Filter, label: String): [Item] }
`);

const errorsOf = (document: string, rule: ReturnType<typeof fieldCountRule>) => validate(schema, parse(document), [rule]).map((e) => e.extensions.code);
const nestedFilter = (levels: number) => `${"{ and: [".repeat(levels)}{ name: "x" }${"] }".repeat(levels)}`;

describe("document limits", () => {
  it("counts every field, aliases and repeated fragment spreads included, up to the limit exactly", () => {
    expect(errorsOf("{ a: items { id } b: items { id } }", fieldCountRule(4))).toEqual([]);
    expect(errorsOf("{ a: items { id } b: items { id } c: __typename }", fieldCountRule(4))).toEqual(["FIELD_LIMIT_EXCEEDED"]);
    const spreads = "{ items { ...F ...F ...F } } fragment F on Item { id name }";
    expect(errorsOf(spreads, fieldCountRule(7))).toEqual([]);
    expect(errorsOf(spreads, fieldCountRule(6))).toEqual(["FIELD_LIMIT_EXCEEDED"]);
  });

  it("measures literal nesting: objects and lists each count one level", () => {
    // nestedFilter(n) is n × (object + list) + the innermost object: 2n + 1 levels.
    expect(errorsOf(`{ items(where: ${nestedFilter(3)}) { id } }`, inputDepthRule(7))).toEqual([]);
    expect(errorsOf(`{ items(where: ${nestedFilter(4)}) { id } }`, inputDepthRule(7))).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses U+0000 in string literals only", () => {
    expect(errorsOf(`{ items(label: "tab\\there") { id } }`, noNulInLiteralsRule())).toEqual([]);
    expect(errorsOf(`{ items(label: "nul\\u0000here") { id } }`, noNulInLiteralsRule())).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("bracketNesting (before parsing)", () => {
  it("counts the deepest open {, [ and ( at once", () => {
    expect(bracketNesting("{ items(where: { and: [{ name: \"x\" }] }) { id } }")).toBe(5);
    expect(bracketNesting("{ a } { b } { c }")).toBe(1);
    expect(bracketNesting("")).toBe(0);
  });

  it("skips brackets in strings, escaped quotes, block strings and comments", () => {
    expect(bracketNesting(`{ items(label: "{[( \\" {{{") { id } }`)).toBe(2);
    expect(bracketNesting(`{ items(label: """ {{{ \\""" [[[ """) { id } }`)).toBe(2);
    expect(bracketNesting("# {{{{{{\n{ items { id } }")).toBe(2);
  });

  it("stops counting once past the limit, however long the text", () => {
    expect(bracketNesting("{".repeat(100_000), 256)).toBe(257);
  });
});

describe("jsonProblem (variables)", () => {
  const nested = (levels: number): unknown => (levels === 0 ? "leaf" : [nested(levels - 1)]);

  it("allows exactly the maximum depth and refuses one more", () => {
    expect(jsonProblem(nested(64))).toBeNull();
    expect(jsonProblem(nested(65))).toBe("too-deep");
  });

  it("finds U+0000 in values and in keys, anywhere in the tree", () => {
    expect(jsonProblem({ logs: [{ message: "ok" }, { message: "a\u0000b" }] })).toBe("nul");
    expect(jsonProblem({ parameters: { "k\u0000": 1 } })).toBe("nul");
    expect(jsonProblem({ message: "<script>alert(1)</script>", n: 1, ok: true, none: null })).toBeNull();
  });

  it("finds lone surrogates in values and in keys, and lets proper pairs through", () => {
    expect(jsonProblem({ logs: [{ message: "ok" }, { message: "a\ud800" }] })).toBe("lone-surrogate");
    expect(jsonProblem({ parameters: { "\udc00k": 1 } })).toBe("lone-surrogate");
    expect(jsonProblem(["\udc00\ud800"])).toBe("lone-surrogate");
    expect(jsonProblem({ "🙂": "emoji \ud83d\ude42 as a pair" })).toBeNull();
  });
});
