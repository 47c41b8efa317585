/** What the Run form and Quick Run need from a flow's `parameters` column (Prefect's serialized list). */
export interface FlowParameter {
  name: string;
  required: boolean;
  default: unknown;
}

export function readParameters(value: unknown): FlowParameter[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null && typeof (p as { name?: unknown }).name === "string")
    .map((p) => ({ name: p.name as string, required: p.required === true, default: p.default ?? null }));
}

/** Quick Run cannot start a flow whose required parameter has no default: those names. */
export function missingRequired(params: readonly FlowParameter[], values: Record<string, unknown> = {}): string[] {
  return params.filter((p) => p.required && (p.default === null || p.default === undefined) && (values[p.name] === undefined || values[p.name] === null)).map((p) => p.name);
}

/** The defaults as a JSON object, for the form's editor. */
export function defaultParameterValues(params: readonly FlowParameter[]): Record<string, unknown> {
  return Object.fromEntries(params.map((p) => [p.name, p.default ?? null]));
}

export type ParsedParameters = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function parseParametersJson(text: string): ParsedParameters {
  if (!text.trim()) return { ok: true, value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, error: "Parameters must be a JSON object, like {\"count\": 6}." };
    return { ok: true, value: value as Record<string, unknown> };
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
}

/** `a, b ,, c` → ["a", "b", "c"]. */
export function parseLabels(text: string): string[] {
  return [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
}
