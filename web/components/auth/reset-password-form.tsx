// Where the reset e-mail's link lands (?token_hash=…&type=recovery): the token is exchanged for
// a session once (supabase-js verifyOtp), then the new password is saved with updateUser.
"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorText } from "@/lib/api";
import { homeFor, useAuth } from "@/lib/auth";
import { getSupabase } from "@/lib/supabase";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { Spinner } from "../ui/states";
import { AuthCard, FormAlert } from "./auth-card";

type Step = "verifying" | "choose" | "invalid" | "done";

export function ResetPasswordForm() {
  const params = useSearchParams();
  const router = useRouter();
  const { me } = useAuth();
  const tokenHash = params.get("token_hash");
  const [step, setStep] = useState<Step>(tokenHash && params.get("type") === "recovery" ? "verifying" : "invalid");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (step !== "verifying" || started.current || !tokenHash) return;
    started.current = true; // the token works once: never verify it twice (React dev re-runs effects)
    (async () => {
      try {
        const sb = await getSupabase();
        const { error: failed } = await sb.auth.verifyOtp({ type: "recovery", token_hash: tokenHash });
        if (failed) throw failed;
        // Keep the token out of the address bar and the history.
        window.history.replaceState(null, "", "/reset-password");
        setStep("choose");
      } catch {
        setStep("invalid");
      }
    })();
  }, [step, tokenHash]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (password.length < 8) return setError("Use at least 8 characters for your password.");
    if (password !== repeat) return setError("The two passwords are different.");
    setBusy(true);
    try {
      const sb = await getSupabase();
      const { error: failed } = await sb.auth.updateUser({ password });
      if (failed) throw failed;
      setStep("done");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title={step === "done" ? "Password changed" : "Choose a new password"}
      footer={
        <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
          Back to sign in
        </Link>
      }
    >
      {step === "verifying" && (
        <div className="mt-6 flex items-center gap-3 text-sm text-slate-600">
          <Spinner /> Checking your link…
        </div>
      )}
      {step === "invalid" && (
        <div className="mt-6 space-y-4">
          <FormAlert error="This reset link has expired or was already used." />
          <Link className="inline-block text-sm font-medium text-brand-700 hover:underline" href="/forgot-password">
            Send a new link
          </Link>
        </div>
      )}
      {step === "choose" && (
        <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
          <Input
            label="New password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint="At least 8 characters."
          />
          <Input label="Repeat new password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          <FormAlert error={error} />
          <Button type="submit" className="w-full" disabled={busy || !password || !repeat}>
            {busy ? "Saving…" : "Save new password"}
          </Button>
        </form>
      )}
      {step === "done" && (
        <div className="mt-6 space-y-4">
          <FormAlert notice="Your new password is saved. Other devices were signed out." />
          <Button className="w-full" onClick={() => router.replace(homeFor(me))}>
            Continue to Converza
          </Button>
        </div>
      )}
    </AuthCard>
  );
}
