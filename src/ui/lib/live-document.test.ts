import { parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { toSubscription } from "./live-document.ts";

describe("toSubscription", () => {
  it("turns a one-field query into the same subscription", () => {
    const doc = parse("query Q($id: uuid!) { flow_run_by_pk(id: $id) { id state } }");
    expect(print(toSubscription(doc))).toBe(print(parse("subscription Q($id: uuid!) { flow_run_by_pk(id: $id) { id state } }")));
  });
  it("drops the source text, so the transport prints (and keys) the subscription", () => {
    const doc = parse("query Q { agent { id } }");
    (doc as unknown as { __key: number }).__key = 42;
    const live = toSubscription(doc);
    expect(live.loc).toBeUndefined();
    expect((live as unknown as { __key?: number }).__key).toBeUndefined();
    expect(live.definitions[0].loc).toBeUndefined();
  });
  it("returns the same object for the same document", () => {
    const doc = parse("query { agent { id } }");
    expect(toSubscription(doc)).toBe(toSubscription(doc));
  });
  it("refuses a query with two root fields", () => {
    expect(() => toSubscription(parse("query Two { agent { id } project { id } }"))).toThrow(/one root field/);
  });
});
