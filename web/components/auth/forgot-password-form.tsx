// Asks for a password-reset e-mail (supabase-js resetPasswordForEmail). The answer is the same
// whether or not the address has an account: the server never says which.
"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorText } from "@/lib/api";
import { getSupabase } from "@/lib/supabase";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { AuthCard, FormAlert } from "./auth-card";

export function ForgotPasswordForm() {
  const params = useSearchParams();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setError("Enter the email address you sign in with.");
      return;
    }
    setBusy(true);
    try {
      const sb = await getSupabase();
      const { error: failed } = await sb.auth.resetPasswordForEmail(address, { redirectTo: `${window.location.origin}/reset-password` });
      if (failed) throw failed;
      setSentTo(address);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Reset your password"
      description="Enter your work email and we'll send you a link to choose a new password."
      footer={
        <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
          Back to sign in
        </Link>
      }
    >
      {sentTo ? (
        <div className="mt-6 space-y-3">
          <FormAlert notice={`If ${sentTo} has a Converza account, a reset link is on its way. It works once, for one hour.`} />
          <p className="text-sm text-slate-600">No email after a few minutes? Check your spam folder, or try again in a minute.</p>
        </div>
      ) : (
        <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
          <Input label="Work email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <FormAlert error={error} />
          <Button type="submit" className="w-full" disabled={busy || !email}>
            {busy ? "Sending…" : "Send reset link"}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
