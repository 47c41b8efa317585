import { type EnsureQueryDataOptions, notifyManager, type QueryFunction, type QueryKey, type UseQueryOptions, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { AnyVariables } from "urql";
import type { DocumentNode } from "graphql";
import { useEffect, useSyncExternalStore } from "react";
import { onEnd, pipe, subscribe } from "wonka";
import { apiKey } from "./api-key.ts";
import { connection } from "./connection.ts";
import { type GqlMeta, isUnauthenticated } from "./gql-query.ts";
import { toSubscription } from "./live-document.ts";
import { type Delivered, rewriteStreamedAfterFetches } from "./stream-after-fetch.ts";
import { StreamResults } from "./stream-results.ts";
import { urql } from "./transport.ts";

/** How often a query polls while its live stream is down. */
export const FALLBACK_POLL_MS = 2000;

interface Entry {
  key: string;
  queryKey: QueryKey;
  document: DocumentNode;
  variables: AnyVariables;
  client: QueryClient;
  /** Other queries whose data each result also is (see liveCovering), with their keys. */
  covers: { key: string; queryKey: QueryKey }[];
}

/** What `meta` carries for a live query: the document and variables (gql-query.ts), and what it covers. */
type LiveMeta = GqlMeta & { covers?: QueryKey[] };

function entryOf(queryKey: QueryKey, meta: LiveMeta, client: QueryClient): Entry {
  const covers = (meta.covers ?? []).map((k) => ({ key: JSON.stringify(k), queryKey: k }));
  return { key: JSON.stringify(queryKey), queryKey, document: meta.document as DocumentNode, variables: meta.variables, client, covers };
}

/**
 * Options whose query's every result is also the data of the queries at `covers` (its document
 * selects all they select, with the same arguments). While its stream is open, it writes each
 * result to those entries too, in the same render, and they open no stream of their own: a run's
 * state and its first page of task runs then change together instead of one stream after the other.
 */
export function liveCovering<T extends { meta?: Record<string, unknown> }>(options: T, covers: QueryKey[]): T {
  return { ...options, meta: { ...options.meta, covers } };
}

interface Stream {
  stop(): void;
  live: boolean;
  delivered: Delivered;
}

/**
 * The live streams of the page: one per key (identical queries share one). They all ride one
 * connection (live-stream.ts), so there is no cap: a page may hold as many as it shows.
 */
const entries = new Set<Entry>();
const streams = new Map<string, Stream>();
/** Keys whose data an open stream of another key carries (liveCovering): covered key → that key. */
const coveredBy = new Map<string, string>();
const streamOf = (key: string): Stream | undefined => streams.get(key) ?? streams.get(coveredBy.get(key) ?? "");
const listeners = new Set<() => void>();
const streamResults = new StreamResults();

/** The clients whose fetches yield to their streams' results (stream-after-fetch.ts). */
const watchedClients = new WeakSet<QueryClient>();

function watchFetches(client: QueryClient) {
  if (watchedClients.has(client)) return;
  watchedClients.add(client);
  rewriteStreamedAfterFetches(client, (queryKey) => streamOf(JSON.stringify(queryKey))?.delivered);
}

function notify() {
  for (const l of listeners) l();
}

function openStream(entry: Entry): Stream {
  const state: Stream = { live: false, stop: () => {}, delivered: { count: 0, latest: undefined } };
  watchFetches(entry.client);
  const token = Symbol(entry.key);
  const live = toSubscription(entry.document);
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: { unsubscribe(): void } | undefined;
  const setLive = (value: boolean) => {
    if (state.live === value) return;
    state.live = value;
    notify();
  };
  const keys = [entry.key, ...entry.covers.map((c) => c.key)];
  const failed = () => {
    for (const key of keys) streamResults.failed(key);
  };
  const reconnect = () => {
    if (stopped) return;
    failed();
    setLive(false);
    connection.markDown(token);
    current?.unsubscribe();
    const delay = Math.min(10_000, 500 * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(open, delay);
  };
  const open = () => {
    if (stopped) return;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      reconnect();
    };
    // Refused for want of a key: retrying cannot help, and the server is not down. The stream reopens
    // when a key is saved (see the apiKey listener below); meanwhile the query polls.
    const refused = () => {
      ended = true;
      failed();
      setLive(false);
      current?.unsubscribe();
    };
    for (const key of keys) streamResults.opened(key);
    // wonka is urql's stream library; onEnd tells us when the operation ended (the connection broke,
    // or the server completed it).
    current = pipe(
      urql.subscription(live, entry.variables),
      onEnd(end),
      subscribe((result) => {
        if (result.error) return isUnauthenticated(result.error) ? refused() : end();
        if (result.data) {
          attempt = 0;
          connection.markUp(token);
          setLive(true);
          state.delivered.count++;
          state.delivered.latest = result.data;
          const data = result.data;
          for (const key of keys) streamResults.delivered(key, data);
          // One batch: the covered entries' views re-render with this one's, not a task later.
          notifyManager.batch(() => {
            entry.client.setQueryData(entry.queryKey, data);
            for (const c of entry.covers) entry.client.setQueryData(c.queryKey, data);
          });
        }
      }),
    );
  };
  open();
  state.stop = () => {
    stopped = true;
    clearTimeout(timer);
    current?.unsubscribe();
    failed();
    connection.markUp(token);
  };
  return state;
}

/**
 * Opens a stream for every key some entry wants and stops the streams no entry wants any more. A key
 * another wanted stream covers needs none of its own.
 */
function reconcile() {
  const wanted = new Map<string, Entry>();
  for (const entry of entries) if (!wanted.has(entry.key)) wanted.set(entry.key, entry);
  coveredBy.clear();
  for (const [key, entry] of wanted) for (const c of entry.covers) if (!coveredBy.has(key)) coveredBy.set(c.key, key);
  for (const key of coveredBy.keys()) wanted.delete(key);
  for (const [key, stream] of streams) {
    if (!wanted.has(key)) {
      stream.stop();
      streams.delete(key);
    }
  }
  for (const [key, entry] of wanted) if (!streams.has(key)) streams.set(key, openStream(entry));
  notify();
}

/** A new key (or none) changes every stream's request headers, so every stream starts over with it. */
let streamsKey = apiKey.get().key;
apiKey.subscribe(() => {
  if (apiKey.get().key === streamsKey) return;
  streamsKey = apiKey.get().key;
  for (const stream of streams.values()) stream.stop();
  streams.clear();
  reconcile();
});

const isStreaming = (key: string) => streamOf(key)?.live === true;

function useStreaming(key: string): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => isStreaming(key),
    () => false,
  );
}

/**
 * `useQuery` kept live: subscribes to the subscription twin of the options' document and writes each
 * result into the same cache entry. While its stream is down it polls; the stream resumes on its own
 * when the server is back.
 */
export function useLiveQuery<TData, TKey extends QueryKey>(options: UseQueryOptions<TData, Error, TData, TKey>, settings: { enabled?: boolean } = {}) {
  const { enabled = true } = settings;
  const client = useQueryClient();
  const meta = options.meta as unknown as LiveMeta | undefined;
  const key = JSON.stringify(options.queryKey);
  useEffect(() => {
    if (!enabled || !meta) return;
    const entry = entryOf(options.queryKey, meta, client);
    entries.add(entry);
    reconcile();
    return () => {
      entries.delete(entry);
      reconcile();
    };
    // The key stands for document + variables; a new key means a new stream.
  }, [key, enabled]);
  const streaming = useStreaming(key);
  return useQuery({ ...streamAware(options, client), enabled, refetchInterval: streaming ? false : FALLBACK_POLL_MS });
}

/**
 * The options with a load that takes the first result of the query's stream while it connects, and
 * otherwise sends a request whose answer yields to a stream result that arrived while it was out
 * (stream-results.ts). A loader prefetching what a live view will show uses these too, since the
 * view's stream may deliver before the prefetch answers.
 */
export function streamAware<TData, TKey extends QueryKey, TOptions extends { queryKey: TKey; queryFn?: unknown }>(options: TOptions, client: QueryClient): TOptions {
  const key = JSON.stringify(options.queryKey);
  const request = options.queryFn as QueryFunction<TData, TKey>;
  const queryFn: QueryFunction<TData, TKey> = (context) => streamResults.load(key, async () => request(context), () => client.getQueryData<TData>(options.queryKey));
  return { ...options, queryFn };
}

/** How long a loader's stream stays open for the view it loaded for (see ensureLiveQueryData). */
export const LOADER_HOLD_MS = 5000;

/**
 * A loader's `ensureQueryData` for what its view will show live: opens the view's stream now and
 * loads through it (its first result is the data), so the view finds its stream running instead of
 * loading by request and only then subscribing, one more round trip before the first change shows.
 * The stream is held for LOADER_HOLD_MS, long enough for the view to mount and take it over (one
 * stream per key); a navigation that never shows the view lets it go then.
 */
export function ensureLiveQueryData<TData, TKey extends QueryKey>(options: EnsureQueryDataOptions<TData, Error, TData, TKey>, client: QueryClient): Promise<TData> {
  const meta = options.meta as LiveMeta | undefined;
  if (meta) {
    const entry = entryOf(options.queryKey, meta, client);
    entries.add(entry);
    reconcile();
    setTimeout(() => {
      entries.delete(entry);
      reconcile();
    }, LOADER_HOLD_MS);
  }
  return client.ensureQueryData(streamAware(options, client));
}
