import { describe, expect, it } from "vitest";
import { NewestResult } from "./newest-result.ts";

describe("NewestResult", () => {
  it("holds one unread result however many arrive before the reader comes back, and gives it the newest", async () => {
    const results = new NewestResult<number>();
    for (let n = 1; n <= 10_000; n++) results.push(n);
    expect(results.pending).toBe(1);
    const reader = results[Symbol.asyncIterator]();
    expect(await reader.next()).toEqual({ value: 10_000, done: false });
    expect(results.pending).toBe(0);
  });

  it("wakes a waiting reader with each result", async () => {
    const results = new NewestResult<string>();
    const reader = results[Symbol.asyncIterator]();
    const next = reader.next();
    results.push("first");
    expect(await next).toEqual({ value: "first", done: false });
  });

  it("gives an unread result before the failure, then throws it and closes the stream", async () => {
    let closed = 0;
    const results = new NewestResult<string>(() => closed++);
    results.push("last good");
    results.fail(new Error("stream broke"));
    const reader = results[Symbol.asyncIterator]();
    expect(await reader.next()).toEqual({ value: "last good", done: false });
    await expect(reader.next()).rejects.toThrow("stream broke");
    expect(closed).toBe(1);
  });

  it("ends when closed, and a loop's break closes the stream once", async () => {
    let closed = 0;
    const results = new NewestResult<number>(() => closed++);
    results.push(1);
    for await (const value of results) {
      expect(value).toBe(1);
      break;
    }
    expect(closed).toBe(1);
    results.close();
    expect(closed).toBe(1);
    expect(await results[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
  });
});
