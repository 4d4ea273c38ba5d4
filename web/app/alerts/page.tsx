import { AlertsPage } from "@/components/alerts/alerts-page";
import { AppShell } from "@/components/app-shell";

export const metadata = { title: "Alerts" };

export default function Page() {
  return (
    <AppShell>
      <AlertsPage />
    </AppShell>
  );
}
