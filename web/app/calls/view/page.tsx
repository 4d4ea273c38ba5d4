import { Suspense } from "react";
import { AppShell } from "@/components/app-shell";
import { CallPrefetch, CallView } from "@/components/coaching/call-view";

export const metadata = { title: "Call" };

export default function CallViewPage() {
  return (
    <>
      <Suspense fallback={null}>
        <CallPrefetch />
      </Suspense>
      <AppShell>
        <CallView />
      </AppShell>
    </>
  );
}
