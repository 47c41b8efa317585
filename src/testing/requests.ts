import { observeRequests } from "../client/client.ts";

/** Whether a request carries the agent's id header: one of the agent's own round trips. */
export function fromAgent(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === "x-prefect-agent-id");
}

/**
 * Names the GraphQL operation of every request this process's TernClients send (those `only`
 * accepts) from now until `stop`: how tests and benches count round trips.
 */
export function recordRequests(only: (headers: Record<string, string>) => boolean = () => true): { operations: string[]; stop(): void } {
  const operations: string[] = [];
  const stop = observeRequests(({ document, headers }) => {
    if (!only(headers)) return;
    const operation = document.definitions.find((d) => d.kind === "OperationDefinition");
    operations.push((operation?.kind === "OperationDefinition" && operation.name?.value) || "?");
  });
  return { operations, stop };
}
