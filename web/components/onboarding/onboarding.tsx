// Onboarding: organisation -> (session refresh) -> area code -> pick a number -> provision ->
// agents -> ready, one step per file beside this one. Each step talks to the API directly and
// shows its failure in place. Where to start is read from the server (the setup checklist), so a
// manager who signs out half-way comes back to the step they left; `?step=number` buys another.
"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useChecklist } from "@/data/numbers";
import type { AvailableNumber, PhoneNumber } from "@/lib/api-types";
import { useAuth } from "@/lib/auth";
import { Logo } from "../logo";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { ErrorBox, Spinner } from "../ui/states";
import { AgentsStep } from "./agents-step";
import { NumberStep } from "./number-step";
import { OrgStep } from "./org-step";
import { ProvisionStep } from "./provision-step";
import { ReadyStep } from "./ready-step";

type Step = "org" | "number" | "provision" | "agents" | "ready";
const steps: { id: Step; label: string }[] = [
  { id: "org", label: "Organisation" },
  { id: "number", label: "Phone number" },
  { id: "provision", label: "Provision" },
  { id: "agents", label: "Agents" },
  { id: "ready", label: "Ready" },
];

function Steps({ current }: { current: Step }) {
  const idx = steps.findIndex((s) => s.id === current);
  return (
    <ol className="mb-8 flex flex-wrap items-center gap-2 text-sm" aria-label="Onboarding progress">
      {steps.map((s, i) => (
        <li key={s.id} aria-current={i === idx ? "step" : undefined} className="flex items-center gap-2">
          <span
            className={cx(
              "flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold",
              i < idx ? "bg-brand-600 text-white" : i === idx ? "bg-white text-brand-700 ring-2 ring-brand-600" : "bg-slate-200 text-slate-600",
            )}
          >
            {i < idx ? "✓" : i + 1}
          </span>
          <span className={cx(i === idx ? "font-semibold text-slate-900" : "text-slate-600")}>{s.label}</span>
          {i < steps.length - 1 && <span className="mx-1 h-px w-6 bg-slate-300" aria-hidden="true" />}
        </li>
      ))}
    </ol>
  );
}

function resumeAt(next: string | null | undefined): Step | null {
  if (next === undefined) return null;
  const another = typeof window !== "undefined" && new URLSearchParams(window.location.search).get("step") === "number";
  return another || next === "number" ? "number" : next === "agents" ? "agents" : "ready";
}

export function Onboarding() {
  const { me, signOut } = useAuth();
  const router = useRouter();
  // null until chosen here: then where the server says setup stopped.
  const [chosen, setStep] = useState<Step | null>(me?.tenant ? null : "org");
  const [pick, setPick] = useState<AvailableNumber | null>(null);
  const [number, setNumber] = useState<PhoneNumber | null>(null);
  const [area, setArea] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const checklist = useChecklist(!!me?.tenant && chosen === null);
  const step = chosen ?? resumeAt(checklist.data?.next);

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
        <Steps current={step ?? "number"} />
        <Card className="p-6 sm:p-8">
          {step === null &&
            (checklist.error ? <ErrorBox error={checklist.error} onRetry={checklist.reload} /> : <Spinner label="Finding where you left off" />)}
          {step === "org" && <OrgStep onDone={() => setStep("number")} />}
          {step === "number" && (
            <NumberStep
              initialArea={area}
              notice={notice}
              onPick={(n) => {
                setPick(n);
                setNotice(null);
                setArea(n.phone_number.slice(2, 5));
                setStep("provision");
              }}
            />
          )}
          {step === "provision" && pick && (
            <ProvisionStep
              number={pick}
              onBack={() => setStep("number")}
              onTaken={(message) => {
                setNotice(message);
                setStep("number");
              }}
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
