import { AppShell } from "@/components/app-shell";
import { NumbersPage } from "@/components/numbers/numbers-page";

export const metadata = { title: "Phone numbers" };

export default function Page() {
  return (
    <AppShell>
      <NumbersPage />
    </AppShell>
  );
}
