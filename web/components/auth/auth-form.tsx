"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { usePlans } from "@/data/plans";
import { errorText } from "@/lib/api";
import { homeFor, useAuth } from "@/lib/auth";
import { chosenPlan, planPrice, planSeats } from "@/lib/plans";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { AuthCard, FormAlert } from "./auth-card";

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
  // ?plan= from a pricing card: shown here and carried to onboarding, which records it.
  const planKey = mode === "sign-up" ? params.get("plan") : null;
  const plans = usePlans();
  const plan = chosenPlan(plans.data?.plans, planKey);

  useEffect(() => {
    if (ready && session && me) {
      const safeNext = next && next.startsWith("/") && !next.startsWith("//") ? next : null;
      const home = homeFor(me);
      const withPlan = planKey && home === "/onboarding" ? `${home}?plan=${encodeURIComponent(planKey)}` : home;
      router.replace(safeNext ?? (mode === "sign-up" ? withPlan : home));
    }
  }, [ready, session, me, next, mode, router, planKey]);

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
    <AuthCard
      title={title}
      description={mode === "sign-in" ? "Welcome back. Your team's calls are waiting." : "Free to start. You'll pick a phone number next."}
      footer={
        mode === "sign-in" ? (
          <>
            New to Converza?{" "}
            <Link className="font-medium text-brand-700 hover:underline" href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>
              Create an account
            </Link>
          </>
        ) : (
          <>
            Already have an account?{" "}
            <Link className="font-medium text-brand-700 hover:underline" href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>
              Sign in
            </Link>
          </>
        )
      }
    >
      {plan && (
        <p className="mt-4 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-800 ring-1 ring-brand-200" data-testid="chosen-plan">
          {plan.name} plan: <span className="font-semibold">{planPrice(plan)}/month</span>, {planSeats(plan).toLowerCase()}. Nothing is charged today.
        </p>
      )}
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
        {mode === "sign-in" && (
          <p className="-mt-2 text-right text-sm">
            <Link className="font-medium text-brand-700 hover:underline" href={`/forgot-password${email ? `?email=${encodeURIComponent(email.trim())}` : ""}`}>
              Forgot password?
            </Link>
          </p>
        )}
        <FormAlert error={error} notice={notice} />
        <Button type="submit" className="w-full" disabled={busy || !email || !password}>
          {busy ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Create account"}
        </Button>
      </form>
    </AuthCard>
  );
}
