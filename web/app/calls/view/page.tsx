import { Suspense } from "react";
import { AppShell } from "@/components/app-shell";
import { CallPrefetch, CallView } from "@/components/coaching/call-view";
import { EarlyPlayer } from "@/components/coaching/early-player";
import { earlyScript } from "@/lib/early";

export const metadata = { title: "Call" };

// What the view asks for first (data/calls, data/comments, data/script build the same paths; one
// that differs only loses its head start: the view requests it itself), and its recording, which
// the player reads through an element the script starts (data/calls recordingUrl).
const early = earlyScript(
  ["/api/v1/calls/{id}", "/api/v1/calls/{id}/waveform", "/api/v1/calls/{id}/comments", "/api/v1/scripts"],
  "/api/v1/calls/{id}/recording",
);

export default function CallViewPage() {
  return (
    <>
      {/* Sends the view's first requests while the app's code loads (lib/early.ts). */}
      <script dangerouslySetInnerHTML={{ __html: early }} />
      <EarlyPlayer />
      <Suspense fallback={null}>
        <CallPrefetch />
      </Suspense>
      <AppShell>
        <CallView />
      </AppShell>
    </>
  );
}
