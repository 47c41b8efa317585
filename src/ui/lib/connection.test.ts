import { describe, expect, it } from "vitest";
import { connection } from "./connection.ts";

describe("connection", () => {
  it("is live until a stream breaks, and again once every broken stream is back", () => {
    const a = Symbol("a");
    const b = Symbol("b");
    let changes = 0;
    const off = connection.subscribe(() => changes++);
    expect(connection.isLive()).toBe(true);
    connection.markDown(a);
    connection.markDown(a);
    connection.markDown(b);
    expect(connection.isLive()).toBe(false);
    connection.markUp(a);
    expect(connection.isLive()).toBe(false);
    connection.markUp(b);
    expect(connection.isLive()).toBe(true);
    // Repeated reports of the same state do not wake listeners.
    expect(changes).toBe(4);
    off();
  });
});
