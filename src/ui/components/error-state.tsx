import { useQueryClient } from "@tanstack/react-query";
import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from "react-router";
import { errorCode } from "../lib/gql-query.ts";
import { RouteChunkError } from "../lib/route-chunk.ts";
import { Button } from "./ui/button.tsx";

function isNotFound(error: unknown) {
  return errorCode(error) === "NOT_FOUND" || (isRouteErrorResponse(error) && error.status === 404);
}

/** An error with a way forward: Retry refetches the failed data and re-runs the route's loader. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = errorCode(error);
  const message = isNotFound(error)
    ? "Not found. It may have been deleted."
    : code === "UNAUTHENTICATED"
      ? "This server needs an API key."
      : error instanceof Error
        ? error.message
        : "Something went wrong.";
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-lg border border-danger/40 bg-card p-4">
      <p className="text-sm">{message}</p>
      <div className="flex gap-2">
        {onRetry ? <Button onClick={onRetry}>Retry</Button> : null}
        <Link className="text-sm text-primary underline" to="/">
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}

/** Each route's ErrorBoundary. A view whose code failed to download retries with a reload (see RouteChunkError). */
export function RouteError() {
  const error = useRouteError();
  const revalidator = useRevalidator();
  const client = useQueryClient();
  return (
    <div className="flex flex-col gap-4 p-6">
      {/* The view's own heading is gone with the view: this one names the page for headings navigation. */}
      <h1 className="text-xl font-semibold">{isNotFound(error) ? "Not found" : "This page could not be shown"}</h1>
      <ErrorState
        error={error}
        onRetry={() => {
          if (error instanceof RouteChunkError) return window.location.reload();
          client.resetQueries({ predicate: (q) => q.state.status === "error" });
          revalidator.revalidate();
        }}
      />
    </div>
  );
}
