import { useState } from "react";
import { ApiError } from "./api";

/**
 * Keyset pages of a list: the cursors of the pages walked so far. New filters (a new `key`)
 * start again from the first page. So does a cursor the server refuses, via `restart`: a cursor
 * is opaque and may have been issued before a deploy changed its format, and page one beats an
 * error the user cannot get past (Retry would send the same cursor).
 */
export function usePages(key: string) {
  const [cursors, setCursors] = useState<string[]>([]);
  const [pagedKey, setPagedKey] = useState(key);
  const [restarted, setRestarted] = useState(false);
  if (pagedKey !== key) {
    setPagedKey(key);
    setCursors([]);
    setRestarted(false);
  }
  return {
    cursor: cursors[cursors.length - 1] as string | undefined,
    page: cursors.length + 1,
    /** Set when the list went back to page one because the server refused its cursor. */
    restarted,
    next: (cursor: string) => {
      setCursors((c) => [...c, cursor]);
      setRestarted(false);
    },
    previous: () => setCursors((c) => c.slice(0, -1)),
    restart: () => {
      setCursors([]);
      setRestarted(true);
    },
  };
}

/** The server's answer to a cursor it does not accept: a 400 on a request that carried one. */
export function isRefusedCursor(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && error.code === "invalid_parameter" && /`cursor`/.test(error.message);
}
