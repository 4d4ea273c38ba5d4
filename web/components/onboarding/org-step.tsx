"use client";
import { useState, type FormEvent } from "react";
import { useCreateOrganization } from "@/data/onboarding";
import { Button } from "../ui/button";
import { Input } from "../ui/field";
import { ErrorBox } from "../ui/states";

export function OrgStep({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const org = useCreateOrganization();
  const error = invalid ?? org.error;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setInvalid("Enter your organisation's name.");
    setInvalid(null);
    if (await org.create(name.trim())) onDone();
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold text-slate-900">Name your organisation</h1>
      <p className="text-sm text-slate-600">This is how your team and your reports will see it.</p>
      <Input label="Organisation name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Home Services" autoFocus />
      {error && <ErrorBox title="Could not create the organisation" error={error} />}
      <Button type="submit" disabled={org.phase !== "idle"}>
        {org.phase === "creating" ? "Creating…" : org.phase === "refreshing" ? "Updating your session…" : "Continue"}
      </Button>
    </form>
  );
}
