import { AppShell } from "@/components/app-shell";
import { CallView } from "@/components/coaching/call-view";

export const metadata = { title: "Call" };

export default function CallViewPage() {
  return (
    <AppShell>
      <CallView />
    </AppShell>
  );
}
