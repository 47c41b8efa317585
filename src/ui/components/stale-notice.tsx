import { formatClock, formatIso } from "../lib/format.ts";
import { timePreference } from "../lib/preferences.ts";

/**
 * While a view's refresh fails but it still has data, the data stays on screen, marked as the last
 * received rather than replaced by the error (the app's banner says the server is unreachable).
 */
export function StaleNotice({ query }: { query: { isError: boolean; data: unknown; dataUpdatedAt: number } }) {
  const mode = timePreference.use();
  if (!query.isError || query.data === undefined) return null;
  const at = new Date(query.dataUpdatedAt).toISOString();
  return (
    <p role="status" className="rounded-md border border-warning/60 bg-warning/10 px-3 py-2 text-sm">
      Out of date: showing what was received at <time dateTime={at} title={formatIso(at, mode)}>
        {formatClock(at, mode)}
      </time>, until the server answers again.
    </p>
  );
}
