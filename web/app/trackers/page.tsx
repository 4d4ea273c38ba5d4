import { AppShell } from "@/components/app-shell";
import { TrackersPage } from "@/components/trackers/trackers-page";

export const metadata = { title: "Trackers" };

export default function Page() {
  return (
    <AppShell>
      <TrackersPage />
    </AppShell>
  );
}
