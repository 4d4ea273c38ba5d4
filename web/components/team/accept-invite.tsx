// Where an invitation e-mail's link lands (?token=…). Signed out: sign in or create the account
// for the invited address, then come back here. Signed in: join, refresh the session so the
// token names the organisation, and go to its dashboard.
"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { acceptInvitation } from "@/data/team";
import { errorText } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { AuthCard, FormAlert } from "../auth/auth-card";
import { Button } from "../ui/button";
import { Spinner } from "../ui/states";

export function AcceptInvite() {
  const params = useSearchParams();
  const router = useRouter();
  const { ready, session, me, refresh } = useAuth();
  const token = params.get("token") ?? "";
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = `/accept-invite?token=${encodeURIComponent(token)}`;

  async function join() {
    setError(null);
    setBusy(true);
    try {
      await acceptInvitation(token);
      await refresh();
      router.replace("/dashboard");
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <AuthCard title="Join your team on Converza" description="You were invited to see your organisation's calls and coaching.">
      <div className="mt-6 space-y-4">
        {!token ? (
          <FormAlert error="This link is incomplete. Open the invitation e-mail again and use its link." />
        ) : !ready ? (
          <Spinner />
        ) : !session ? (
          <>
            <p className="text-sm text-slate-700">Sign in, or create your account, with the email address the invitation was sent to.</p>
            <div className="flex flex-col gap-2">
              <Link
                className="rounded-lg bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
                href={`/sign-up?next=${encodeURIComponent(back)}`}
              >
                Create an account
              </Link>
              <Link
                className="rounded-lg px-4 py-2 text-center text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
                href={`/sign-in?next=${encodeURIComponent(back)}`}
              >
                I already have an account
              </Link>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Signed in as <span className="font-medium">{me?.user.email ?? session.user.email}</span>.
            </p>
            <FormAlert error={error} />
            <Button className="w-full" onClick={join} disabled={busy}>
              {busy ? "Joining…" : "Accept the invitation"}
            </Button>
          </>
        )}
      </div>
    </AuthCard>
  );
}
