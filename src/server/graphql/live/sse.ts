/**
 * A minimal GraphQL-over-SSE reader for tests and tools that talk to `yoga.fetch` or a real server:
 * `next()` resolves with each `next` event's payload in order.
 */

export interface LiveStream<T = any> {
  next(): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  close(): Promise<void>;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

export async function openLiveStream<T = any>(fetch: Fetch, url: string, query: string, variables?: Record<string, unknown>): Promise<LiveStream<T>> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`Live query failed: HTTP ${response.status} ${await response.text()}`);
  // The body's own reader, not one behind pipeThrough: cancelling a piped reader reaches the server's
  // stream only when its next chunk arrives, so the live query stayed subscribed until its next change.
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const queued: Awaited<ReturnType<LiveStream<T>["next"]>>[] = [];
  let completed = false;

  const pump = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error("Live stream ended");
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event:"))?.slice(6).trim();
      const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
      if (event === "next" && data) queued.push(JSON.parse(data));
      // Results sent just before `complete` (in the same chunk) are still read first.
      if (event === "complete") completed = true;
      end = buffer.indexOf("\n\n");
    }
  };

  return {
    async next() {
      while (queued.length === 0) {
        if (completed) throw new Error("Live stream completed");
        await pump();
      }
      // The loop above leaves at least one.
      return queued.shift()!;
    },
    async close() {
      abort.abort();
      await reader.cancel().catch(() => {});
    },
  };
}
