/**
 * Counters for `/metrics` in Prometheus' text format. Few enough that a client library would weigh
 * more than it saves; run counts by state are read from the database when scraped.
 */
export class Metrics {
  requests = 0;
  requestErrors = 0;
  liveSubscriptions = 0;

  render(runsByState: { state: string | null; count: number }[]): string {
    const lines = [
      "# HELP tern_graphql_requests_total GraphQL operations received.",
      "# TYPE tern_graphql_requests_total counter",
      `tern_graphql_requests_total ${this.requests}`,
      "# HELP tern_graphql_errors_total GraphQL operations answered with errors.",
      "# TYPE tern_graphql_errors_total counter",
      `tern_graphql_errors_total ${this.requestErrors}`,
      "# HELP tern_live_subscriptions Live queries open now.",
      "# TYPE tern_live_subscriptions gauge",
      `tern_live_subscriptions ${this.liveSubscriptions}`,
      "# HELP tern_flow_runs Flow runs by current state.",
      "# TYPE tern_flow_runs gauge",
      ...runsByState.map((r) => `tern_flow_runs{state="${(r.state ?? "none").replace(/[^A-Za-z]/g, "")}"} ${r.count}`),
    ];
    return `${lines.join("\n")}\n`;
  }
}
