import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import {
  Agents_ListDocument,
  Dashboard_FailuresDocument,
  Dashboard_FlowsDocument,
  Dashboard_HistoryDocument,
  Dashboard_InProgressDocument,
  Dashboard_ProjectsDocument,
  Dashboard_UpcomingDocument,
} from "../../../core/gql/graphql.ts";
import { FAILED_STATES } from "../../../core/states.ts";
import { type RunWindow, windowBuckets } from "../../lib/run-window.ts";
import { dashboardSearch } from "./search.ts";

export interface FirstQuery {
  document: TypedDocumentNode<unknown, never>;
  variables: Record<string, unknown>;
}

/** The dashboard's scope from its address, as the page reads it (search.ts). */
export function dashboardScope(search: URLSearchParams): { project: string | null; window: RunWindow } {
  const { project, window } = dashboardSearch(search);
  return { project, window };
}

/**
 * What the dashboard's loader asks for first: the project list, then the tiles from the top. Both the
 * loader and the script inlined into index.html (first-requests.inline.ts) take the list from here;
 * the inline script sends it as the main bundle downloads and the loader adopts the answers
 * (lib/first-answers.ts), so the variables must be the ones the tiles' own options carry.
 */
export function dashboardFirstQueries(project: string | null, window: RunWindow, now: number): FirstQuery[] {
  const projectId = project;
  return [
    { document: Dashboard_ProjectsDocument, variables: {} },
    { document: Dashboard_FlowsDocument, variables: { projectId } },
    // The same window start the page computes (buckets align to the clock, so the keys match).
    { document: Dashboard_HistoryDocument, variables: { projectId, since: windowBuckets(window, now)[0].from } },
    { document: Dashboard_UpcomingDocument, variables: { projectId } },
    { document: Dashboard_InProgressDocument, variables: { projectId } },
    { document: Dashboard_FailuresDocument, variables: { projectId, failed: FAILED_STATES } },
    { document: Agents_ListDocument, variables: {} },
  ];
}
