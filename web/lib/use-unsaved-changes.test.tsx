import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useUnsavedChanges } from "./use-unsaved-changes";

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

function clickLink(href: string) {
  const a = document.createElement("a");
  a.href = href;
  document.body.appendChild(a);
  const e = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
  a.dispatchEvent(e);
  return e;
}

describe("useUnsavedChanges", () => {
  it("asks before unload only while dirty", () => {
    const { rerender, unmount } = renderHook(({ dirty }) => useUnsavedChanges(dirty), { initialProps: { dirty: false } });
    const clean = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(clean);
    expect(clean.defaultPrevented).toBe(false);
    rerender({ dirty: true });
    const dirty = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(dirty);
    expect(dirty.defaultPrevented).toBe(true);
    unmount();
    const after = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(false);
  });

  it("stops an in-app link when the manager chooses to stay", () => {
    renderHook(() => useUnsavedChanges(true));
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(false);
    expect(clickLink("/dashboard").defaultPrevented).toBe(true);
    expect(confirm).toHaveBeenCalledOnce();
    confirm.mockReturnValue(true);
    expect(clickLink("/calls").defaultPrevented).toBe(false);
  });
});
