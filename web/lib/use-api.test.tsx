import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("./supabase", () => ({ accessToken: async () => "tok", getSupabase: async () => ({}) }));

import { ApiError, request } from "./api";
import { clearApiCache, prefetch, revalidate, useApi } from "./use-api";

afterEach(() => {
  clearApiCache();
  vi.unstubAllGlobals();
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("useApi", () => {
  it("loads, then exposes data", async () => {
    const fetcher = vi.fn(async (k: string) => ({ key: k }));
    const { result } = renderHook(() => useApi("/a", fetcher));
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.data).toEqual({ key: "/a" }));
    expect(result.current.loading).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it("does not fetch with a null key", () => {
    const fetcher = vi.fn();
    const { result } = renderHook(() => useApi(null, fetcher));
    expect(fetcher).not.toHaveBeenCalled();
    expect(result.current.loading).toBe(false);
  });

  it("reports errors and recovers on reload", async () => {
    let fail = true;
    const fetcher = vi.fn(async () => {
      if (fail) throw new Error("boom");
      return 42;
    });
    const { result } = renderHook(() => useApi("/b", fetcher));
    await waitFor(() => expect(result.current.error?.message).toBe("boom"));
    expect(result.current.loading).toBe(false);
    fail = false;
    await act(() => result.current.reload());
    expect(result.current.data).toBe(42);
    expect(result.current.error).toBeUndefined();
  });

  it("ignores a stale response when the key changed meanwhile", async () => {
    const slow = deferred<string>();
    const fetcher = vi.fn((k: string) => (k === "/slow" ? slow.promise : Promise.resolve("fast")));
    const { result, rerender } = renderHook(({ k }) => useApi(k, fetcher), { initialProps: { k: "/slow" } });
    rerender({ k: "/fast" });
    await waitFor(() => expect(result.current.data).toBe("fast"));
    await act(async () => slow.resolve("stale"));
    expect(result.current.data).toBe("fast");
  });

  it("serves cached data at once for a key seen before, and revalidates by prefix", async () => {
    let n = 0;
    const fetcher = vi.fn(async () => ++n);
    const first = renderHook(() => useApi("/api/v1/kpis?x", fetcher));
    await waitFor(() => expect(first.result.current.data).toBe(1));
    first.unmount();
    const second = renderHook(() => useApi("/api/v1/kpis?x", fetcher));
    expect(second.result.current.data).toBe(1); // from the cache, no loading flash
    await waitFor(() => expect(second.result.current.data).toBe(2));
    await act(async () => revalidate("/api/v1/kpis"));
    await waitFor(() => expect(second.result.current.data).toBe(3));
    await act(async () => revalidate("/api/v1/agents"));
    expect(second.result.current.data).toBe(3);
  });
});

describe("prefetch", () => {
  it("is taken by the hook that mounts next, in flight: one request", async () => {
    const d = deferred<string>();
    const fetcher = vi.fn(() => d.promise);
    prefetch("/p", fetcher);
    prefetch("/p", fetcher); // already in flight: nothing new
    expect(fetcher).toHaveBeenCalledTimes(1); // before any hook asks
    const { result } = renderHook(() => useApi("/p", fetcher));
    expect(result.current.loading).toBe(true);
    await act(async () => d.resolve("early"));
    expect(result.current.data).toBe("early");
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("is taken once settled: the hook renders with it at once and does not fetch again", async () => {
    const fetcher = vi.fn(async () => "early");
    prefetch("/p", fetcher);
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(1));
    await act(async () => {}); // the result lands in the cache
    const first = renderHook(() => useApi("/p", fetcher));
    expect(first.result.current.data).toBe("early");
    expect(first.result.current.loading).toBe(false);
    await act(async () => {});
    expect(fetcher).toHaveBeenCalledTimes(1);
    // Taken: a hook mounting later (after the task the taking commit ran in) revalidates as usual.
    first.unmount();
    await act(() => new Promise((r) => setTimeout(r, 0)));
    const second = renderHook(() => useApi("/p", fetcher));
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(2));
    expect(second.result.current.data).toBe("early");
  });

  it("is not asked again while its settled result waits to be taken (start-up, then signed in)", async () => {
    const fetcher = vi.fn(async () => "early");
    prefetch("/p", fetcher);
    await act(async () => {});
    prefetch("/p", fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
    const { result } = renderHook(() => useApi("/p", fetcher));
    await act(async () => {});
    expect(result.current.data).toBe("early");
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("a settled prefetch serves every hook mounting in the same commit", async () => {
    const fetcher = vi.fn(async () => "early");
    prefetch("/p", fetcher);
    await act(async () => {});
    const { result } = renderHook(() => [useApi("/p", fetcher), useApi("/p", fetcher)]);
    await act(async () => {});
    expect(result.current.map((r) => r.data)).toEqual(["early", "early"]);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("does not stick when it fails: the hook fetches again and shows that answer", async () => {
    let n = 0;
    const fetcher = vi.fn(async () => {
      if (++n === 1) throw new Error("offline");
      return "second";
    });
    prefetch("/p", fetcher);
    await act(async () => {});
    const { result } = renderHook(() => useApi("/p", fetcher));
    await waitFor(() => expect(result.current.data).toBe("second"));
    expect(result.current.error).toBeUndefined();
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it("is not taken by a hook with another fetcher for the same key", async () => {
    const a = vi.fn(async () => "a");
    const b = vi.fn(async () => "b");
    prefetch("/p", a);
    const { result } = renderHook(() => useApi("/p", b));
    await waitFor(() => expect(result.current.data).toBe("b"));
    expect(b).toHaveBeenCalledTimes(1);
  });

  it("is dropped by revalidate and by clearing the cache (sign-out): the hook fetches anew", async () => {
    let n = 0;
    const fetcher = vi.fn(async () => ++n);
    prefetch("/api/v1/calls/1", fetcher);
    revalidate("/api/v1/calls");
    const first = renderHook(() => useApi("/api/v1/calls/1", fetcher));
    await waitFor(() => expect(first.result.current.data).toBe(2));
    first.unmount();
    clearApiCache();
    prefetch("/api/v1/calls/2", fetcher);
    clearApiCache();
    const second = renderHook(() => useApi("/api/v1/calls/2", fetcher));
    await waitFor(() => expect(second.result.current.data).toBe(4));
    expect(fetcher).toHaveBeenCalledTimes(4);
  });

  it("expires: a result left untaken for 10 s is fetched again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      let n = 0;
      const fetcher = vi.fn(async () => ++n);
      prefetch("/p", fetcher);
      await act(async () => {});
      vi.setSystemTime(Date.now() + 11_000);
      const { result } = renderHook(() => useApi("/p", fetcher));
      expect(result.current.data).toBe(1); // shown from the cache meanwhile
      await waitFor(() => expect(result.current.data).toBe(2));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("shared requests", () => {
  it("hooks mounting with the same key share one request; reload asks anew", async () => {
    const d = deferred<string>();
    const fetcher = vi.fn(() => d.promise);
    const a = renderHook(() => useApi("/s", fetcher));
    const b = renderHook(() => useApi("/s", fetcher));
    await act(async () => d.resolve("one"));
    expect(a.result.current.data).toBe("one");
    expect(b.result.current.data).toBe("one");
    expect(fetcher).toHaveBeenCalledTimes(1);
    fetcher.mockImplementation(async () => "two");
    await act(() => a.result.current.reload());
    expect(a.result.current.data).toBe("two");
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it("revalidate does not join a request started before it (it may hold the old data)", async () => {
    const old = deferred<string>();
    const fetcher = vi.fn((): Promise<string> => old.promise);
    const { result } = renderHook(() => useApi("/api/v1/x", fetcher));
    fetcher.mockImplementation(async () => "new");
    await act(async () => revalidate("/api/v1/x"));
    await waitFor(() => expect(result.current.data).toBe("new"));
    await act(async () => old.resolve("old"));
    expect(result.current.data).toBe("new");
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});

describe("request", () => {
  it("sends the bearer token and maps API errors", async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ error: { code: "invalid_parameter", message: "from: expected YYYY-MM-DD" } }), { status: 400 }),
    );
    vi.stubGlobal("fetch", fetchMock);
    const err = (await request("GET", "/api/v1/kpis?from=x").catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_parameter");
    expect(err.message).toBe("from: expected YYYY-MM-DD");
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer tok");
  });

  it("explains rate limiting with Retry-After and handles 204", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("", { status: 429, headers: { "Retry-After": "7" } })),
    );
    const err = (await request("GET", "/x").catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe("Too many requests; try again in 7 s.");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(request("DELETE", "/x")).resolves.toBeUndefined();
  });

  it("reports an unreachable server plainly", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const err = (await request("GET", "/x").catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe("network");
  });
});
