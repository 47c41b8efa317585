import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STATE_COLOR, STATE_NAMES } from "../core/states.ts";
import { blend, contrastRatio } from "./lib/contrast.ts";
import { stateTextColor } from "./lib/states.ts";

/** The tokens of one theme block of styles.css (`:root` or `.dark`). */
function tokens(selector: string): Record<string, string> {
  const css = readFileSync(join(import.meta.dirname, "styles.css"), "utf8");
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1], m[2].toLowerCase()]));
}

const AA_TEXT = 4.5;

/** Text/background pairs the components use (class names in comments). */
function textPairs(t: Record<string, string>): [string, string, string][] {
  const surfaces = { bg: t.bg, card: t.card, muted: t.muted, "muted/40 over card": blend(t.muted, 0.4, t.card) };
  const pairs: [string, string, string][] = [];
  for (const fg of ["fg", "muted-fg", "primary", "danger", "warning", "success"]) {
    for (const [name, surface] of Object.entries(surfaces)) pairs.push([`${fg} on ${name}`, t[fg], surface]);
  }
  pairs.push(["primary-fg on primary (bg-primary text-primary-foreground)", t["primary-fg"], t.primary]);
  pairs.push(["danger-fg on danger (danger button)", t["danger-fg"], t.danger]);
  pairs.push(["warning on warning/15 (connection banner)", t.warning, blend(t.warning, 0.15, t.bg)]);
  pairs.push(["warning on warning/10 over card (out-of-date notice)", t.warning, blend(t.warning, 0.1, t.card)]);
  pairs.push(["fg on primary/15 (highlighted log line)", t.fg, blend(t.primary, 0.15, blend(t.muted, 0.4, t.card))]);
  return pairs;
}

describe.each([
  ["light", ":root"],
  ["dark", ".dark"],
])("%s theme text contrast", (_theme, selector) => {
  const t = tokens(selector);
  it.each(textPairs(t))("%s meets 4.5:1", (_name, fg, bg) => {
    expect(fg).toBeDefined();
    expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});

describe("state badges", () => {
  it.each(STATE_NAMES.map((s) => [s]))("%s badge text meets 4.5:1", (state) => {
    expect(contrastRatio(stateTextColor(state), STATE_COLOR[state])).toBeGreaterThanOrEqual(AA_TEXT);
  });
});

describe("contrastRatio", () => {
  it("matches the WCAG figures", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#2cbe4e")).toBeCloseTo(2.44, 1);
    expect(contrastRatio("#ffffff", "#3b82f6")).toBeCloseTo(3.68, 1);
  });
});
