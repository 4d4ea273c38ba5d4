import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let token = "t1";
vi.mock("./supabase", () => ({ accessToken: async () => token, getSupabase: async () => ({}) }));

import { useLiveEvents } from "./use-live";

class FakeEventSource {
  static all: FakeEventSource[] = [];
  listeners = new Map<string, (e: MessageEvent) => void>();
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(public url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, fn);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) } as MessageEvent);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.all = [];
  token = "t1";
  vi.stubGlobal("EventSource", FakeEventSource);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const flush = () =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(0);
  });

describe("useLiveEvents", () => {
  it("connects with the access token in the query string and reports live", async () => {
    const { result } = renderHook(() => useLiveEvents(() => {}));
    expect(result.current).toBe("connecting");
    await flush();
    expect(FakeEventSource.all[0].url).toBe("/api/v1/events?access_token=t1");
    act(() => FakeEventSource.all[0].onopen?.());
    expect(result.current).toBe("live");
  });

  it("coalesces a burst of events into one callback", async () => {
    const seen: [string, string | null][] = [];
    renderHook(() => useLiveEvents((type, id) => seen.push([type, id]), 500));
    await flush();
    const es = FakeEventSource.all[0];
    act(() => {
      es.emit("call.created", { call_id: "a" });
      es.emit("insight.ready", { call_id: "a" });
      es.emit("insight.ready", { call_id: "b" });
    });
    expect(seen).toEqual([]);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(500);
    });
    expect(seen).toEqual([["insight.ready", "b"]]);
  });

  it("reconnects after an error with a fresh token, and closes on unmount", async () => {
    const { result, unmount } = renderHook(() => useLiveEvents(() => {}));
    await flush();
    const first = FakeEventSource.all[0];
    token = "t2";
    act(() => first.onerror?.());
    expect(result.current).toBe("offline");
    expect(first.closed).toBe(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(FakeEventSource.all).toHaveLength(2);
    expect(FakeEventSource.all[1].url).toBe("/api/v1/events?access_token=t2");
    unmount();
    expect(FakeEventSource.all[1].closed).toBe(true);
  });
});
