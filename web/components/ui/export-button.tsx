// "Export CSV": downloads an export endpoint's file. A download is a plain navigation, which
// cannot carry the Authorization header, so the access token travels in the query (the export
// endpoints accept `access_token`, like the recording); the browser streams the file to disk.
"use client";
import { useState } from "react";
import { withToken } from "@/lib/api";
import { Button } from "./button";

export function ExportButton({ path, label = "Export CSV", testId }: { path: string; label?: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={busy}
      data-testid={testId}
      data-path={path}
      onClick={async () => {
        setBusy(true);
        try {
          const a = document.createElement("a");
          a.href = await withToken(path);
          a.download = "";
          document.body.appendChild(a);
          a.click();
          a.remove();
        } finally {
          setBusy(false);
        }
      }}
    >
      <svg className="h-4 w-4" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
        <path d="M10 3v10m0 0l-4-4m4 4l4-4M4 15v2h12v-2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {label}
    </Button>
  );
}
