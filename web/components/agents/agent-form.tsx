"use client";
import { useState, type FormEvent } from "react";
import { useAgentMutation } from "@/data/agents";
import type { Agent } from "@/lib/api-types";
import { Button } from "../ui/button";
import { Input } from "../ui/field";

export interface AgentDraft {
  name: string;
  phone: string;
  email: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Client-side check mirroring the API's rules, so mistakes are caught before a round trip. */
export function validateAgent(d: AgentDraft): Partial<Record<keyof AgentDraft, string>> {
  const errors: Partial<Record<keyof AgentDraft, string>> = {};
  if (!d.name.trim()) errors.name = "Enter the agent's name.";
  const phone = d.phone.replace(/[\s().-]/g, "");
  if (!E164.test(phone)) errors.phone = "Use international format, e.g. +14155550123.";
  if (d.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email)) errors.email = "Enter a valid email or leave it empty.";
  return errors;
}

export function normalizePhone(p: string): string {
  return p.replace(/[\s().-]/g, "");
}

/** Adds an agent, or edits `agent`; `onSaved` follows a success, a failure is shown in the form. */
export function AgentForm({
  agent,
  submitLabel,
  onSaved,
  onCancel,
}: {
  agent?: Agent;
  submitLabel: string;
  onSaved?: (d: AgentDraft) => void;
  onCancel?: () => void;
}) {
  const [d, setD] = useState<AgentDraft>(agent ? { name: agent.name, phone: agent.phone, email: agent.email ?? "" } : { name: "", phone: "", email: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof AgentDraft, string>>>({});
  const { create, update, busy, error } = useAgentMutation();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const v = validateAgent(d);
    setErrors(v);
    if (Object.keys(v).length) return;
    const { name, phone, email } = { name: d.name.trim(), phone: normalizePhone(d.phone), email: d.email.trim() };
    // Creating leaves an empty email out; editing clears it.
    const saved = await (agent ? update(agent.id, { name, phone, email: email || null }) : create({ name, phone, ...(email ? { email } : {}) }));
    if (!saved) return;
    if (!agent) setD({ name: "", phone: "", email: "" });
    onSaved?.({ name, phone, email });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
      <Input
        label="Name"
        value={d.name}
        onChange={(e) => setD({ ...d, name: e.target.value })}
        error={errors.name}
        className="min-w-44 flex-1"
        autoComplete="off"
      />
      <Input
        label="Phone"
        type="tel"
        placeholder="+14155550123"
        value={d.phone}
        onChange={(e) => setD({ ...d, phone: e.target.value })}
        error={errors.phone}
        className="w-44"
      />
      <Input
        label="Email (optional)"
        type="email"
        value={d.email}
        onChange={(e) => setD({ ...d, email: e.target.value })}
        error={errors.email}
        className="min-w-44 flex-1"
      />
      <div className="flex gap-2 pt-5">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
