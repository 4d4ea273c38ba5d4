import { AppShell } from "@/components/app-shell";
import { CallsTable } from "@/components/calls/calls-table";

export const metadata = { title: "Calls" };

export default function CallsPage() {
  return (
    <AppShell>
      <CallsTable />
    </AppShell>
  );
}
