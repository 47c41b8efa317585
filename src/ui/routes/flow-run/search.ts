import { z } from "zod";

const list = z
  .array(z.string())
  .or(z.string().transform((s) => [s]))
  .catch([]);

/** The run page's URL state: tab, task-run table filters and the log panel's filters. */
export const flowRunSearch = z.object({
  tab: z.enum(["overview", "schematic", "timeline", "history"]).catch("overview"),
  page: z.coerce.number().int().min(1).catch(1),
  state: list,
  task: z.string().catch(""),
  /** A mapped task's id: the table lists that task's children (its parent row's "Show N children"). */
  parent: z.string().catch(""),
  sort: z.enum(["start", "name", "state"]).catch("start"),
  level: list,
  logq: z.string().catch(""),
  line: z.string().catch(""),
});

export type FlowRunSearch = z.infer<typeof flowRunSearch>;
