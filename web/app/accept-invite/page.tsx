import { Suspense } from "react";
import { AcceptInvite } from "@/components/team/accept-invite";

export const metadata = { title: "Join your team" };

export default function AcceptInvitePage() {
  return (
    <Suspense>
      <AcceptInvite />
    </Suspense>
  );
}
