import { describe, expect, it } from "vitest";
import { storableText, textProblem } from "./text.ts";

describe("textProblem", () => {
  it("names NUL and each kind of lone surrogate, and passes proper pairs", () => {
    expect(textProblem("a\u0000b")).toBe("nul");
    expect(textProblem("a\ud800b")).toBe("lone-surrogate");
    expect(textProblem("a\udc00b")).toBe("lone-surrogate");
    expect(textProblem("a\udc00\ud800b")).toBe("lone-surrogate");
    expect(textProblem("end on a high half \ud83d")).toBe("lone-surrogate");
    expect(textProblem("🙂 Ünïcødé שלום\t")).toBeNull();
  });
});

describe("storableText", () => {
  it("replaces exactly the characters that cannot be stored, leaving the rest as it was", () => {
    expect(storableText("cut 🙂".slice(0, 5))).toBe("cut \uFFFD");
    expect(storableText("a\u0000b\udc00\ud800c 🙂")).toBe("a\uFFFDb\uFFFD\uFFFDc 🙂");
    const fine = "🙂 fine";
    expect(storableText(fine)).toBe(fine);
    expect(textProblem(storableText("\ud800\u0000\udfff"))).toBeNull();
  });
});
