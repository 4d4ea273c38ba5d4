// Onboarding: organisation -> (session refresh) -> area code -> pick a number -> provision ->
// agents -> ready. Each step talks to the API directly and shows its failure in place.
"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { api, ApiError, paths } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { formatPhone } from "@/lib/format";
import type { AvailableNumber, PhoneNumber } from "@/lib/types";
import { useApi } from "@/lib/use-api";
import { AgentForm } from "../agents/agent-form";
import { Logo } from "../logo";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { Input } from "../ui/field";
import { ErrorBox, Spinner } from "../ui/states";

type Step = "org" | "number" | "provision" | "agents" | "ready";
const steps: { id: Step; label: string }[] = [
  { id: "org", label: "Organisation" },
  { id: "number", label: "Phone number" },
  { id: "provision", label: "Provision" },
  { id: "agents", label: "Agents" },
  { id: "ready", label: "Ready" },
];

function message(e: unknown): string {
  if (e instanceof ApiError) {
    const m = /[.!?]$/.test(e.message) ? e.message : `${e.message}.`;
    if (e.status === 409) return `${m} Pick another number.`;
    if (e.code === "twilio_rejected" && /not available/.test(e.message)) {
      return "That number is no longer available. Pick another number.";
    }
    if (e.status === 503) return `${m} Nothing was charged; try again in a minute.`;
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function Steps({ current }: { current: Step }) {
  const idx = steps.findIndex((s) => s.id === current);
  return (
    <ol className="mb-8 flex flex-wrap items-center gap-2 text-sm" aria-label="Onboarding progress">
      {steps.map((s, i) => (
        <li key={s.id} aria-current={i === idx ? "step" : undefined} className="flex items-center gap-2">
          <span className={cx("flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold", i < idx ? "bg-brand-600 text-white" : i === idx ? "bg-white text-brand-700 ring-2 ring-brand-600" : "bg-slate-200 text-slate-600")}>
            {i < idx ? "✓" : i + 1}
          </span>
          <span className={cx(i === idx ? "font-semibold text-slate-900" : "text-slate-600")}>{s.label}</span>
          {i < steps.length - 1 && <span className="mx-1 h-px w-6 bg-slate-300" aria-hidden="true" />}
        </li>
      ))}
    </ol>
  );
}

function OrgStep({ onDone }: { onDone: () => void }) {
  const { refresh } = useAuth();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [phase, setPhase] = useState<"idle" | "creating" | "refreshing">("idle");
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError("Enter your organisation's name.");
    setError(null);
    try {
      setPhase("creating");
      await api.createOrganization(name.trim());
      setPhase("refreshing");
      const me = await refresh();
      if (!me?.tenant) throw new Error("Your organisation was created, but your session does not show it yet. Sign out and in again.");
      onDone();
    } catch (err) {
      setError(message(err));
    } finally {
      setPhase("idle");
    }
  }
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold text-slate-900">Name your organisation</h1>
      <p className="text-sm text-slate-600">This is how your team and your reports will see it.</p>
      <Input label="Organisation name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme Home Services" autoFocus />
      {error && <ErrorBox title="Could not create the organisation" error={new Error(error)} />}
      <Button type="submit" disabled={phase !== "idle"}>{phase === "creating" ? "Creating…" : phase === "refreshing" ? "Updating your session…" : "Continue"}</Button>
    </form>
  );
}

function NumberStep({ onPick }: { onPick: (n: AvailableNumber) => void }) {
  const [area, setArea] = useState("");
  const [results, setResults] = useState<AvailableNumber[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  async function search(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{3}$/.test(area)) return setError("Enter a 3-digit US area code, e.g. 415.");
    setBusy(true);
    setError(null);
    setResults(null);
    setPicked(null);
    try {
      setResults((await api.searchNumbers(area)).numbers);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Choose a phone number</h1>
      <p className="text-sm text-slate-600">Customers call this number; calls are recorded and routed to your agents.</p>
      <form onSubmit={search} className="flex items-end gap-3" noValidate>
        <Input label="Area code" inputMode="numeric" maxLength={3} value={area} onChange={(e) => setArea(e.target.value.replace(/\D/g, ""))} placeholder="415" className="w-32" />
        <Button type="submit" variant="secondary" disabled={busy}>{busy ? "Searching…" : "Search numbers"}</Button>
      </form>
      {error && <ErrorBox title="Search failed" error={new Error(error)} />}
      {busy && <Spinner label="Looking for available numbers" />}
      {results && results.length === 0 && <p className="text-sm text-slate-700">No numbers available in {area}. Try a nearby area code.</p>}
      {results && results.length > 0 && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">Available numbers</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {results.map((n) => (
              <label key={n.phone_number} className={cx("flex cursor-pointer items-center gap-3 rounded-lg p-3 ring-1", picked === n.phone_number ? "bg-brand-50 ring-2 ring-brand-600" : "ring-slate-300 hover:bg-slate-50")} data-testid="available-number">
                <input type="radio" name="number" value={n.phone_number} checked={picked === n.phone_number} onChange={() => setPicked(n.phone_number)} className="h-4 w-4 text-brand-600" />
                <span>
                  <span className="tabular block font-medium text-slate-900">{n.friendly_name || formatPhone(n.phone_number)}</span>
                  <span className="block text-xs text-slate-600">{[n.locality, n.region].filter(Boolean).join(", ") || "United States"}</span>
                </span>
              </label>
            ))}
          </div>
          <Button className="mt-4" disabled={!picked} onClick={() => onPick(results.find((r) => r.phone_number === picked)!)}>
            Provision this number
          </Button>
        </fieldset>
      )}
    </div>
  );
}

const provisionSteps = ["Buying the number", "Pointing its webhooks at Converza", "Linking it to your organisation"];

function ProvisionStep({ number, onDone, onBack }: { number: AvailableNumber; onDone: (n: PhoneNumber) => void; onBack: () => void }) {
  const [stage, setStage] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    let live = true;
    setError(null);
    setStage(0);
    // The API does all three steps in one idempotent request; the stages show that it is working.
    const timer = setInterval(() => setStage((s) => Math.min(s + 1, provisionSteps.length - 1)), 700);
    api
      .provisionNumber(number.phone_number)
      .then((r) => {
        if (!live) return;
        setStage(provisionSteps.length);
        setTimeout(() => live && done.current(r.number), 500);
      })
      .catch((e) => live && setError(message(e)))
      .finally(() => clearInterval(timer));
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [number, attempt]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Provisioning {formatPhone(number.phone_number)}</h1>
      <ol className="space-y-3" aria-live="polite" data-testid="provision-progress">
        {provisionSteps.map((s, i) => {
          const done = stage > i && !error;
          const failed = !!error && stage === i;
          return (
            <li key={s} className="flex items-center gap-3 text-sm">
              <span className={cx("flex h-6 w-6 items-center justify-center rounded-full text-xs font-bold", done ? "bg-emerald-600 text-white" : failed ? "bg-red-600 text-white" : "bg-slate-200 text-slate-600")} aria-hidden="true">
                {done ? "✓" : failed ? "!" : i + 1}
              </span>
              <span className={cx(done ? "text-slate-900" : "text-slate-700")}>{s}</span>
              {stage === i && !error && <Spinner label="Working" className="ml-1" />}
              <span className="sr-only">{done ? "done" : failed ? "failed" : ""}</span>
            </li>
          );
        })}
      </ol>
      {error && (
        <>
          <ErrorBox title="Provisioning failed — nothing was kept" error={new Error(error)} />
          <div className="flex gap-2">
            <Button onClick={() => setAttempt((a) => a + 1)}>Try again</Button>
            <Button variant="secondary" onClick={onBack}>Choose another number</Button>
          </div>
        </>
      )}
    </div>
  );
}

function AgentsStep({ onDone }: { onDone: () => void }) {
  const [added, setAdded] = useState<{ name: string; phone: string }[]>([]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">Add your agents</h1>
      <p className="text-sm text-slate-600">Calls to your number ring these people. You can change them any time.</p>
      <AgentForm
        submitLabel="Add agent"
        onSubmit={async (d) => {
          await api.createAgent({ name: d.name, phone: d.phone, ...(d.email ? { email: d.email } : {}) });
          setAdded((a) => [...a, { name: d.name, phone: d.phone }]);
        }}
      />
      {added.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" aria-label="Agents added">
          {added.map((a, i) => (
            <li key={i} className="flex justify-between px-4 py-2 text-sm">
              <span className="font-medium text-slate-900">{a.name}</span>
              <span className="tabular text-slate-600">{formatPhone(a.phone)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <Button onClick={onDone} disabled={added.length === 0}>Continue</Button>
        <Button variant="ghost" onClick={onDone}>Skip for now</Button>
      </div>
    </div>
  );
}

function ReadyStep({ number }: { number: PhoneNumber | null }) {
  const numbers = useApi<{ numbers: PhoneNumber[] }>(number ? null : paths.numbers());
  const shown = number ?? numbers.data?.numbers[0] ?? null;
  return (
    <div className="space-y-5 text-center">
      <div className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-emerald-100 text-2xl text-emerald-700" aria-hidden="true">✓</div>
      <h1 className="text-2xl font-semibold text-slate-900">You&apos;re ready for calls</h1>
      <p className="text-sm text-slate-600">Share this number with your customers. Every call is recorded, transcribed and analysed.</p>
      <p className="tabular text-4xl font-semibold tracking-tight text-brand-700" data-testid="ready-number">
        {shown ? formatPhone(shown.phone_number) : <Spinner />}
      </p>
      <Link href="/dashboard" className="inline-flex rounded-lg bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
        Go to your dashboard
      </Link>
    </div>
  );
}

export function Onboarding() {
  const { me, signOut } = useAuth();
  const router = useRouter();
  const [step, setStep] = useState<Step>(me?.tenant ? "number" : "org");
  const [pick, setPick] = useState<AvailableNumber | null>(null);
  const [number, setNumber] = useState<PhoneNumber | null>(null);

  return (
    <div className="min-h-screen bg-gradient-to-b from-brand-50 to-slate-50">
      <header className="mx-auto flex max-w-3xl items-center justify-between px-6 py-5">
        <Logo href="/onboarding" />
        <Button
          variant="ghost"
          size="sm"
          onClick={async () => {
            await signOut();
            router.replace("/sign-in");
          }}
        >
          Sign out
        </Button>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-6 pb-16">
        <Steps current={step} />
        <Card className="p-6 sm:p-8">
          {step === "org" && <OrgStep onDone={() => setStep("number")} />}
          {step === "number" && (
            <NumberStep
              onPick={(n) => {
                setPick(n);
                setStep("provision");
              }}
            />
          )}
          {step === "provision" && pick && (
            <ProvisionStep
              number={pick}
              onBack={() => setStep("number")}
              onDone={(n) => {
                setNumber(n);
                setStep("agents");
              }}
            />
          )}
          {step === "agents" && <AgentsStep onDone={() => setStep("ready")} />}
          {step === "ready" && <ReadyStep number={number} />}
        </Card>
      </main>
    </div>
  );
}
