import { z } from "zod";

/**
 * The serialized flow a client registers: Prefect 1.x's `Flow.serialize()` shape, which Tern's SDK
 * also sends. Only the keys the server reads are checked; unknown keys are kept (the whole document
 * is stored), so newer clients keep working.
 *
 * @example
 * const flow = parseSerializedFlow(JSON.parse(body)); // throws SerializedFlowError listing what is wrong
 * flow.tasks?.map((t) => t.slug);
 */

const slugRef = z.looseObject({ slug: z.string().min(1) });

export const serializedTaskSchema = z.looseObject({
  slug: z.string().min(1),
  name: z.string().nullish(),
  description: z.string().nullish(),
  type: z.string().nullish(),
  max_retries: z.number().int().min(0).nullish(),
  /** Seconds (Prefect serializes a timedelta as seconds). */
  retry_delay: z.number().min(0).nullish(),
  /** Seconds. */
  timeout: z.number().min(0).nullish(),
  trigger: z.union([z.looseObject({ fn: z.string() }), z.string()]).nullish(),
  tags: z.array(z.string()).nullish(),
  cache_key: z.string().nullish(),
  mapped: z.boolean().nullish(),
  auto_generated: z.boolean().nullish(),
});

export const serializedEdgeSchema = z.looseObject({
  upstream_task: slugRef,
  downstream_task: slugRef,
  key: z.string().nullish(),
  mapped: z.boolean().nullish(),
  flattened: z.boolean().nullish(),
});

export const serializedParameterSchema = z.looseObject({
  name: z.string().min(1),
  slug: z.string().nullish(),
  required: z.boolean().nullish(),
  default: z.unknown().optional(),
});

export const serializedFlowSchema = z.looseObject({
  type: z.string().nullish(),
  __version__: z.string().nullish(),
  name: z.string().min(1, "the flow needs a name").max(255),
  description: z.string().nullish(),
  parameters: z.array(serializedParameterSchema).nullish(),
  reference_tasks: z.array(slugRef).nullish(),
  schedule: z.record(z.string(), z.unknown()).nullish(),
  run_config: z.record(z.string(), z.unknown()).nullish(),
  storage: z.record(z.string(), z.unknown()).nullish(),
  environment: z.record(z.string(), z.unknown()).nullish(),
  tasks: z.array(serializedTaskSchema).nullish(),
  edges: z.array(serializedEdgeSchema).nullish(),
});

export type SerializedTaskInput = z.infer<typeof serializedTaskSchema>;
export type SerializedEdgeInput = z.infer<typeof serializedEdgeSchema>;
export type SerializedFlowInput = z.infer<typeof serializedFlowSchema>;

export class SerializedFlowError extends Error {}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Validates a serialized flow document; the error message names each wrong key. */
export function parseSerializedFlow(value: unknown): SerializedFlowInput {
  const result = serializedFlowSchema.safeParse(value);
  if (!result.success) throw new SerializedFlowError(`Invalid serialized flow: ${describe(result.error)}`);
  const slugs = new Set<string>();
  for (const task of result.data.tasks ?? []) {
    if (slugs.has(task.slug)) throw new SerializedFlowError(`Invalid serialized flow: duplicate task slug ${task.slug}`);
    slugs.add(task.slug);
  }
  return result.data;
}

export function parseSerializedTasks(value: unknown): SerializedTaskInput[] {
  const result = z.array(serializedTaskSchema).safeParse(value);
  if (!result.success) throw new SerializedFlowError(`Invalid serialized tasks: ${describe(result.error)}`);
  return result.data;
}

export function parseSerializedEdges(value: unknown): SerializedEdgeInput[] {
  const result = z.array(serializedEdgeSchema).safeParse(value);
  if (!result.success) throw new SerializedFlowError(`Invalid serialized edges: ${describe(result.error)}`);
  return result.data;
}
