import { describe, expect, it } from "vitest";
import { lazyRoute, RouteChunkError } from "./route-chunk.ts";

describe("lazyRoute", () => {
  it("passes a loaded module through", async () => {
    await expect(lazyRoute(async () => ({ Component: 1 }))()).resolves.toEqual({ Component: 1 });
  });
  it("turns a failed download into a loader that throws it, marked, with its cause", async () => {
    const cause = new TypeError("fetch failed");
    const route = (await lazyRoute(() => Promise.reject(cause))()) as { loader: () => never };
    let error: unknown;
    try {
      route.loader();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RouteChunkError);
    expect((error as RouteChunkError).cause).toBe(cause);
  });
});
