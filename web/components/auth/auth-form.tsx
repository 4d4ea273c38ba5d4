"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { errorText } from "@/lib/api";
import { homeFor, useAuth } from "@/lib/auth";
import { Logo } from "../logo";
import { Button } from "../ui/button";
import { Input } from "../ui/field";

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const { signIn, signUp, session, me, ready } = useAuth();
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get("next");

  useEffect(() => {
    if (ready && session && me) {
      const safeNext = next && next.startsWith("/") && !next.startsWith("//") ? next : null;
      router.replace(mode === "sign-up" ? homeFor(me) : (safeNext ?? homeFor(me)));
    }
  }, [ready, session, me, next, mode, router]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNotice(null);
    if (mode === "sign-up" && password.length < 8) {
      setError("Use at least 8 characters for your password.");
      return;
    }
    setBusy(true);
    try {
      if (mode === "sign-in") await signIn(email.trim(), password);
      else {
        const { confirmed } = await signUp(email.trim(), password);
        if (!confirmed) setNotice("Check your inbox to confirm your email, then sign in.");
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "sign-in" ? "Sign in to Converza" : "Create your Converza workspace";
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <Logo />
      <main id="main" className="mt-8 w-full max-w-sm rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {mode === "sign-in" ? "Welcome back. Your team's calls are waiting." : "Free to start. You'll pick a phone number next."}
        </p>
        <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
          <Input label="Work email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <Input
            label="Password"
            type="password"
            autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={mode === "sign-up" ? "At least 8 characters." : undefined}
          />
          {error && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
              {error}
            </p>
          )}
          {notice && (
            <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
              {notice}
            </p>
          )}
          <Button type="submit" className="w-full" disabled={busy || !email || !password}>
            {busy ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Create account"}
          </Button>
        </form>
        <p className="mt-6 text-center text-sm text-slate-600">
          {mode === "sign-in" ? (
            <>
              New to Converza?{" "}
              <Link className="font-medium text-brand-700 hover:underline" href="/sign-up">
                Create an account
              </Link>
            </>
          ) : (
            <>
              Already have an account?{" "}
              <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
                Sign in
              </Link>
            </>
          )}
        </p>
      </main>
    </div>
  );
}
