// The write side of the data layer (reads are useApi, keyed by request path): a request the user
// starts, whether it is under way, what went wrong in words for the user, and the queries it
// makes stale, refreshed once it succeeds.
"use client";
import { useState } from "react";
import { errorText } from "@/lib/api";
import { revalidate } from "@/lib/use-api";

export interface Mutation {
  busy: boolean;
  /** Why the last request failed; null while one runs and after a success. */
  error: string | null;
  /** Sends `request`; resolves to its answer, or to undefined when it failed (see `error`). */
  run: <R>(request: () => Promise<R>) => Promise<R | undefined>;
}

/** `invalidates`: key prefixes whose queries are refetched after each success (see revalidate). */
export function useMutation(invalidates: readonly string[] = [], describe: (e: unknown) => string = errorText): Mutation {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<R>(request: () => Promise<R>): Promise<R | undefined> {
    setBusy(true);
    setError(null);
    try {
      const result = await request();
      for (const prefix of invalidates) revalidate(prefix);
      return result;
    } catch (e) {
      setError(describe(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
