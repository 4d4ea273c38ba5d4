// useApi: the one data-fetching hook. Keyed by request path; results are cached per key so
// navigating back shows data at once while it revalidates; revalidate(prefix) refreshes every
// mounted hook whose key starts with prefix (used by live SSE updates and after mutations).
// Requests are shared while in flight: hooks mounting with the same key and fetcher join one
// request, and prefetch(key) starts a page's request before the page renders (e.g. in parallel
// with the sign-in check); the hook that mounts next takes its result instead of fetching again.
"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { getJson } from "./api";

type Fetcher<T> = (key: string) => Promise<T>;

const cache = new Map<string, unknown>();
const listeners = new Set<(key: string) => void>();

/**
 * A request in flight (or a prefetched result not yet taken). `kept`: started by prefetch() and
 * not yet taken by a hook, so it stays after it succeeds, for PREFETCH_TTL_MS.
 */
interface Flight {
  fetcher: Fetcher<unknown>;
  promise: Promise<unknown>;
  kept: boolean;
  settledAt: number | null;
}
const flights = new Map<string, Flight>();
/** How long a prefetched result counts as fresh for the hook that mounts next. */
const PREFETCH_TTL_MS = 10_000;

function start(key: string, fetcher: Fetcher<unknown>, kept: boolean): Flight {
  const flight: Flight = { fetcher, promise: fetcher(key), kept, settledAt: null };
  flights.set(key, flight);
  const mine = () => flights.get(key) === flight;
  flight.promise.then(
    (v) => {
      flight.settledAt = Date.now();
      if (!mine()) return;
      if (flight.kept) cache.set(key, v);
      else flights.delete(key);
    },
    () => {
      if (mine()) flights.delete(key); // a failure never sticks: the next request tries again
    },
  );
  return flight;
}

/** The request in flight for this key and fetcher (or a fresh prefetched result), else a new one. */
function join<T>(key: string, fetcher: Fetcher<T>): Promise<T> {
  const f = flights.get(key);
  const fresh = f && f.fetcher === fetcher && (f.settledAt === null || Date.now() - f.settledAt < PREFETCH_TTL_MS);
  if (!f || !fresh) return start(key, fetcher, false).promise as Promise<T>;
  if (f.kept) {
    // Taken: from now on an ordinary request, forgotten once settled; a settled one after the
    // hooks mounting in the same commit (e.g. a card beside the view using the same key) joined.
    f.kept = false;
    if (f.settledAt !== null)
      setTimeout(() => {
        if (flights.get(key) === f) flights.delete(key);
      }, 0);
  }
  return f.promise as Promise<T>;
}

/**
 * Start loading `key` now, before any hook asks for it; the next useApi(key) with the same
 * fetcher takes this request (in flight or settled within PREFETCH_TTL_MS) instead of fetching
 * again. Does nothing when the key is already being fetched or its prefetched result waits to be
 * taken. A failure is dropped silently (the
 * hook fetches again and reports its own error).
 */
export function prefetch<T>(key: string, fetcher: Fetcher<T> = getJson as Fetcher<T>): void {
  const f = flights.get(key);
  // In flight, or prefetched and not yet taken (e.g. at start-up, then again once signed in).
  if (f && f.fetcher === fetcher && (f.settledAt === null || (f.kept && Date.now() - f.settledAt < PREFETCH_TTL_MS))) return;
  start(key, fetcher, true);
}

/** Refetch every mounted useApi whose key starts with `prefix` (all when omitted). */
export function revalidate(prefix = ""): void {
  // Requests started before now may hold the old data: the refetch does not join them.
  for (const k of [...flights.keys()]) if (k.startsWith(prefix)) flights.delete(k);
  for (const l of [...listeners]) l(prefix);
}

export function clearApiCache(): void {
  cache.clear();
  flights.clear();
}

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  /** true while the first response for this key is pending (no cached data to show). */
  loading: boolean;
  /** true while any request for this key is in flight, including background refreshes. */
  validating: boolean;
  reload: () => Promise<void>;
  mutate: (data: T) => void;
}

export function useApi<T>(key: string | null, fetcher: Fetcher<T> = getJson as Fetcher<T>): ApiState<T> {
  const [data, setData] = useState<T | undefined>(() => (key ? (cache.get(key) as T | undefined) : undefined));
  const [error, setError] = useState<Error | undefined>();
  const [validating, setValidating] = useState(false);
  const current = useRef(key);
  const seq = useRef(0);
  const fetcherRef = useRef(fetcher);
  // Before this render's effects run (the fetch below reads them).
  useLayoutEffect(() => {
    current.current = key;
    fetcherRef.current = fetcher;
  });

  // shared: join a request in flight for the key (on mount and on revalidate); a reload asks anew.
  const run = useCallback(async (shared: boolean) => {
    const k = current.current;
    if (!k) return;
    const mine = ++seq.current;
    setValidating(true);
    try {
      const result = await (shared ? join(k, fetcherRef.current) : start(k, fetcherRef.current as Fetcher<unknown>, false).promise);
      if (mine !== seq.current) return; // a newer request (or key) superseded this one
      cache.set(k, result);
      setData(result as T);
      setError(undefined);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (mine === seq.current) setValidating(false);
    }
  }, []);

  // A new key shows its cached data (or nothing) at once, then revalidates.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setData(key ? (cache.get(key) as T | undefined) : undefined);
    setError(undefined);
  }

  useEffect(() => {
    if (key) void run(true);
    else seq.current++;
  }, [key, run]);

  useEffect(() => {
    const l = (prefix: string) => {
      if (current.current && current.current.startsWith(prefix)) void run(true);
    };
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, [run]);

  const mutate = useCallback((d: T) => {
    if (current.current) cache.set(current.current, d);
    setData(d);
  }, []);

  const reload = useCallback(() => run(false), [run]);

  return { data, error, loading: !!key && data === undefined && error === undefined, validating, reload, mutate };
}

/** Whether the page is visible (live refresh pauses in background tabs). */
export function useVisible(): boolean {
  return useSyncExternalStore(
    (cb) => {
      document.addEventListener("visibilitychange", cb);
      return () => document.removeEventListener("visibilitychange", cb);
    },
    () => document.visibilityState !== "hidden",
    () => true,
  );
}
