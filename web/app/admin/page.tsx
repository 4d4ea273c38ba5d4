import { AppShell } from "@/components/app-shell";
import { AdminConsole } from "@/components/admin/admin-console";

export const metadata = { title: "Admin console" };

export default function Page() {
  return (
    <AppShell need="admin">
      <AdminConsole />
    </AppShell>
  );
}
