import { z } from "zod";

/** The task-run page's URL state: the page of a mapped parent's children. */
export const taskRunSearch = z.object({
  page: z.coerce.number().int().min(1).catch(1),
});
