/**
 * Text the server stores must come back exactly as sent, on SQLite and PostgreSQL alike. Two kinds
 * of JavaScript string cannot: one holding U+0000 (PostgreSQL text and jsonb refuse it) and one
 * holding a lone UTF-16 surrogate (UTF-8 has no encoding for it: SQLite would keep invalid bytes,
 * PostgreSQL a replacement character). Both are refused where text enters.
 */
export type TextProblem = "nul" | "lone-surrogate";

/** A surrogate code unit not part of a high-then-low pair (a `u` regex reads pairs as one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

export function textProblem(text: string): TextProblem | null {
  if (text.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(text)) return "lone-surrogate";
  return null;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  nul: "Text must not contain the NUL character (U+0000).",
  "lone-surrogate": "Text must be valid Unicode: it contains a lone surrogate (a half of a UTF-16 pair, U+D800 to U+DFFF), which cannot be stored as sent.",
};

export type JsonProblem = TextProblem | "too-deep" | null;

/**
 * The first problem in a parsed JSON value: a string or object key with a TextProblem, or nesting
 * past `maxDepth`. Recursion is safe: it stops one level past `maxDepth`. Plain loops, no per-node
 * allocation: a full batch of 10,000 logs passes through here.
 */
export function findJsonProblem(value: unknown, maxDepth: number, depth = 0): JsonProblem {
  if (typeof value === "string") return textProblem(value);
  if (value === null || typeof value !== "object") return null;
  if (depth + 1 > maxDepth) return "too-deep";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findJsonProblem(value[i], maxDepth, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const keyProblem = textProblem(key);
    if (keyProblem) return keyProblem;
    const problem = findJsonProblem(object[key], maxDepth, depth + 1);
    if (problem) return problem;
  }
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this pattern finds (PostgreSQL text cannot store it).
const UNSTORABLE = /\u0000|\p{Cs}/gu;

/**
 * For text a program emits rather than one a person chose (log lines, error messages): what cannot
 * be stored as sent becomes U+FFFD, as a UTF-8 decoder does with bad bytes, so one such character
 * (a string cut in the middle of an emoji, say) never gets a whole batch of lines or a state refused.
 */
export function storableText(text: string): string {
  return textProblem(text) ? text.replace(UNSTORABLE, "\uFFFD") : text;
}
