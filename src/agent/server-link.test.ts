import { describe, expect, it } from "vitest";
import { TernConnectionError } from "../client/errors.ts";
import { ServerLink } from "./server-link.ts";

const URL = "http://127.0.0.1:4200/graphql";
const refused = new TernConnectionError(URL, "ECONNREFUSED");

describe("ServerLink", () => {
  it("reports an outage once, however many attempts fail, with a wait that doubles up to the cap", () => {
    const lines: string[] = [];
    const link = new ServerLink(URL, (l) => lines.push(l), { firstMs: 500, maxMs: 3000 });
    const waits = Array.from({ length: 6 }, () => link.failed(refused));
    expect(waits).toEqual([500, 1000, 2000, 3000, 3000, 3000]);
    expect(link.isLost).toBe(true);
    expect(lines).toEqual([`Lost the server at ${URL} (ECONNREFUSED); retrying in 0.5s, then backing off up to 3s`]);
  });

  it("reports the end of an outage once and starts the next outage from the first wait again", () => {
    const lines: string[] = [];
    const link = new ServerLink(URL, (l) => lines.push(l), { firstMs: 200, maxMs: 15_000 });
    link.reached();
    expect(lines).toEqual([]);
    link.failed(refused);
    link.failed(refused);
    link.reached();
    link.reached();
    expect(link.isLost).toBe(false);
    expect(lines.filter((l) => l.startsWith("Server is back"))).toHaveLength(1);
    expect(lines[1]).toMatch(new RegExp(`^Server is back at ${URL.replace(/\./g, "\\.")} after \\d+(\\.\\d)?s; resuming$`));
    expect(link.failed(refused)).toBe(200);
    expect(lines).toHaveLength(3);
  });
});
