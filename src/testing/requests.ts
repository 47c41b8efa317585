/** Whether a request carries the agent's id header: one of the agent's own round trips. */
export function fromAgent(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === "x-prefect-agent-id");
}

/**
 * Names the GraphQL operation of every request this process sends through `fetch` (those `only`
 * accepts) from now until `stop`: how tests and benches count round trips.
 */
export function recordRequests(only: (headers: Record<string, string>) => boolean = () => true): { operations: string[]; stop(): void } {
  const operations: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (only((init?.headers ?? {}) as Record<string, string>)) {
      const sent = typeof init?.body === "string" ? (JSON.parse(init.body) as { query?: string }) : {};
      operations.push(/(?:query|mutation|subscription)\s+(\w+)/.exec(sent.query ?? "")?.[1] ?? "?");
    }
    return realFetch(input, init);
  };
  return { operations, stop: () => (globalThis.fetch = realFetch) };
}
