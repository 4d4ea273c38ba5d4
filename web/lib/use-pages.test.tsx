import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { isRefusedCursor, usePages } from "./use-pages";

const refused = new ApiError(400, "invalid_parameter", "query parameter `cursor` must be a next_cursor returned for the same sort and order");

// The list as CallsTable drives it: the server refuses the cursor "old".
function useList(key: string) {
  const pages = usePages(key);
  const error = pages.cursor === "old" ? refused : null;
  if (pages.cursor && isRefusedCursor(error)) pages.restart();
  return pages;
}

describe("usePages", () => {
  it("walks forward and back through the cursors", () => {
    const { result } = renderHook(() => usePages("k"));
    expect(result.current).toMatchObject({ cursor: undefined, page: 1 });
    act(() => result.current.next("c2"));
    act(() => result.current.next("c3"));
    expect(result.current).toMatchObject({ cursor: "c3", page: 3 });
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ cursor: "c2", page: 2 });
  });

  it("starts again from page one when the filters change", () => {
    const { result, rerender } = renderHook(({ key }) => usePages(key), { initialProps: { key: "a" } });
    act(() => result.current.next("c2"));
    rerender({ key: "b" });
    expect(result.current).toMatchObject({ cursor: undefined, page: 1, restarted: false });
  });

  it("goes back to page one, and says so, when the server refuses the cursor", () => {
    const { result } = renderHook(() => useList("k"));
    act(() => result.current.next("c2"));
    expect(result.current).toMatchObject({ cursor: "c2", page: 2, restarted: false });
    act(() => result.current.next("old"));
    expect(result.current).toMatchObject({ cursor: undefined, page: 1, restarted: true });
    act(() => result.current.next("c2"));
    expect(result.current.restarted).toBe(false);
  });
});

describe("isRefusedCursor", () => {
  it("is the cursor's 400 alone", () => {
    expect(isRefusedCursor(refused)).toBe(true);
    expect(isRefusedCursor(new ApiError(400, "invalid_parameter", "query parameter `limit` must be an integer"))).toBe(false);
    expect(isRefusedCursor(new ApiError(500, "internal", "query parameter `cursor`"))).toBe(false);
    expect(isRefusedCursor(new Error("network"))).toBe(false);
    expect(isRefusedCursor(null)).toBe(false);
  });
});
