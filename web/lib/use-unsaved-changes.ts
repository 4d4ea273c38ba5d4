// Warn before unsaved edits are lost: a page reload or close (beforeunload) and in-app
// navigation through a link. The App Router has no route-change events, so links are caught
// in the capture phase before Next's own click handler runs.
"use client";
import { useEffect } from "react";

export const unsavedMessage = "You have unsaved changes. Leave this page and lose them?";

export function useUnsavedChanges(dirty: boolean, message = unsavedMessage) {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Chrome still wants returnValue set; the text itself is not shown by browsers.
      e.returnValue = message;
      return message;
    };
    const click = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const to = new URL(a.href, window.location.href);
      if (to.origin !== window.location.origin || (to.pathname === window.location.pathname && to.search === window.location.search)) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
    };
  }, [dirty, message]);
}
