import { z } from "zod";

export const flowSearch = z.object({
  tab: z.enum(["overview", "tasks", "runs", "versions", "schematic", "run"]).catch("overview"),
  version: z.coerce.number().int().min(1).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
  task: z.string().catch(""),
});
