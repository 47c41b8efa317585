import { QueryClient } from "@tanstack/react-query";

/** The SPA's one cache. Live queries keep entries fresh, so plain staleness can be generous. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false } },
});
