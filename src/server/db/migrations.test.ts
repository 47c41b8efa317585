import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.ts";

describe("migrations", () => {
  it("are named NNNN_name, unique and in order", () => {
    const names = Object.keys(MIGRATIONS);
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names.map((n) => n.slice(0, 4))).size).toBe(names.length);
  });
});
