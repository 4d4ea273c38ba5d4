import { Guard } from "@/components/app-shell";
import { Onboarding } from "@/components/onboarding/onboarding";

export const metadata = { title: "Get started" };

export default function Page() {
  return (
    <Guard need="user">
      <Onboarding />
    </Guard>
  );
}
