// useApi: the one data-fetching hook. Keyed by request path; results are cached per key so
// navigating back shows data at once while it revalidates; revalidate(prefix) refreshes every
// mounted hook whose key starts with prefix (used by live SSE updates and after mutations).
"use client";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { getJson } from "./api";

type Fetcher<T> = (key: string) => Promise<T>;

const cache = new Map<string, unknown>();
const listeners = new Set<(key: string) => void>();

/** Refetch every mounted useApi whose key starts with `prefix` (all when omitted). */
export function revalidate(prefix = ""): void {
  for (const l of [...listeners]) l(prefix);
}

export function clearApiCache(): void {
  cache.clear();
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

  const run = useCallback(async () => {
    const k = current.current;
    if (!k) return;
    const mine = ++seq.current;
    setValidating(true);
    try {
      const result = await fetcherRef.current(k);
      if (mine !== seq.current) return; // a newer request (or key) superseded this one
      cache.set(k, result);
      setData(result);
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
    if (key) void run();
    else seq.current++;
  }, [key, run]);

  useEffect(() => {
    const l = (prefix: string) => {
      if (current.current && current.current.startsWith(prefix)) void run();
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

  return { data, error, loading: !!key && data === undefined && error === undefined, validating, reload: run, mutate };
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
