// Live updates: one EventSource on /api/v1/events (token in the query string, since EventSource
// cannot send headers). Events are coalesced so a burst of finished calls causes one refresh.
"use client";
import { useEffect, useRef, useState } from "react";
import { withToken } from "./api";

export type LiveStatus = "connecting" | "live" | "offline";

export function useLiveEvents(onEvent: (type: string, callId: string | null) => void, debounceMs = 800): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });

  useEffect(() => {
    let es: EventSource | null = null;
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let pending: { type: string; id: string | null } | null = null;

    const fire = (type: string, data: string) => {
      let id: string | null = null;
      try {
        id = (JSON.parse(data) as { call_id?: string }).call_id ?? null;
      } catch {
        /* ignore malformed data */
      }
      pending = { type, id };
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (pending) handler.current(pending.type, pending.id);
        pending = null;
      }, debounceMs);
    };

    const connect = async () => {
      if (closed) return;
      // A fresh token on every (re)connect: the old one may have expired.
      const url = await withToken("/api/v1/events");
      if (closed) return;
      es = new EventSource(url);
      es.onopen = () => setStatus("live");
      es.addEventListener("insight.ready", (e) => fire("insight.ready", (e as MessageEvent).data));
      es.addEventListener("call.created", (e) => fire("call.created", (e as MessageEvent).data));
      es.onerror = () => {
        setStatus("offline");
        es?.close();
        es = null;
        retry = setTimeout(connect, 5000);
      };
    };
    void connect();
    return () => {
      closed = true;
      clearTimeout(timer);
      clearTimeout(retry);
      es?.close();
    };
  }, [debounceMs]);

  return status;
}
