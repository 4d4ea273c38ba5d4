"use client";
import { useState, type FormEvent } from "react";
import { useCreateOrganization } from "@/data/onboarding";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { PricingCards } from "../plans/pricing-cards";
import { ErrorBox } from "../ui/states";

export function OrgStep({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  // The plan chosen on a pricing card (?plan=, carried through sign-up); the cards can change it.
  const [plan, setPlan] = useState<string | undefined>(() =>
    typeof window === "undefined" ? undefined : (new URLSearchParams(window.location.search).get("plan") ?? undefined),
  );
  const [invalid, setInvalid] = useState<string | null>(null);
  const org = useCreateOrganization();
  const error = invalid ?? org.error;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setInvalid("Enter your organisation's name.");
    setInvalid(null);
    if (await org.create(name.trim(), plan)) onDone();
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold text-slate-900">Name your organisation</h1>
      <p className="text-sm text-slate-600">This is how your team and your reports will see it.</p>
      <Input label="Organisation name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Home Services" autoFocus />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Plan</legend>
        <p className="mb-2 text-xs text-slate-600">Nothing is charged today; we bill once your team is set up.</p>
        <PricingCards compact selected={plan} action={{ onChoose: (p) => setPlan(p.key), label: (p) => (plan === p.key ? "Chosen" : `Choose ${p.name}`) }} />
      </fieldset>
      {error && <ErrorBox title="Could not create the organisation" error={error} />}
      <Button type="submit" disabled={org.phase !== "idle"}>
        {org.phase === "creating" ? "Creating…" : org.phase === "refreshing" ? "Updating your session…" : "Continue"}
      </Button>
    </form>
  );
}
