// The setup checklist on the dashboard: number -> agents -> script -> first call, each step read
// from the server (GET /api/v1/onboarding/checklist), shown until the first call is analysed.
// The last step says what number to dial for a test call; it ticks itself once that call's
// insight lands (the dashboard's live events refresh the list).
"use client";
import Link from "next/link";
import { useState } from "react";
import { useTestCall } from "@/data/numbers";
import type { OnboardingChecklist } from "@/lib/api-types";
import { formatPhone } from "@/lib/format";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { ErrorBox } from "../ui/states";

type StepId = OnboardingChecklist["steps"][number]["id"];

const copy: Record<StepId, { title: string; href: string; action: string; body: (c: OnboardingChecklist) => string }> = {
  number: {
    title: "Get a phone number",
    href: "/onboarding?step=number",
    action: "Choose a number",
    body: () => "Customers call it; Converza records and analyses each call.",
  },
  agents: { title: "Add your agents", href: "/agents", action: "Add agents", body: () => "Calls ring the people who answer them." },
  script: {
    title: "Review your call script",
    href: "/script",
    action: "Review the script",
    body: () => "Calls are scored against it. Save it once you are happy with the items.",
  },
  first_call: {
    title: "Make a test call",
    href: "/calls",
    action: "",
    body: (c) =>
      c.number
        ? `Call ${formatPhone(c.number)} from any phone and talk for a minute; its analysis appears here in about a minute.${c.calls > 0 ? " A call has arrived and is being analysed." : ""}`
        : "Once you have a number, call it to see your first analysis.",
  },
};

/** Places the test call (sandbox) or says which number to dial (real Twilio). */
function TestCallButton({ ready }: { ready: boolean }) {
  const call = useTestCall();
  const [said, setSaid] = useState<string | null>(null);
  return (
    <div className="w-full space-y-2 sm:w-auto">
      <Button
        size="sm"
        disabled={!ready || call.busy}
        onClick={async () => {
          const r = await call.start();
          if (!r) return;
          setSaid(
            r.simulated
              ? `A simulated customer is calling ${formatPhone(r.number)} now; the analysed call appears here in about a minute.`
              : `Call ${formatPhone(r.number)} from your phone; the analysed call appears here in about a minute.`,
          );
        }}
      >
        {call.busy ? "Starting…" : "Make a test call"}
      </Button>
      {said && (
        <p role="status" className="text-sm text-emerald-800" data-testid="test-call-status">
          {said}
        </p>
      )}
      {call.error && <ErrorBox error={call.error} title="No test call" />}
    </div>
  );
}

export function SetupChecklist({ checklist }: { checklist: OnboardingChecklist }) {
  if (checklist.complete) return null;
  const done = checklist.steps.filter((s) => s.done).length;
  return (
    <Card className="mb-6" data-testid="setup-checklist">
      <CardHeader title="Finish setting up" description={`${done} of ${checklist.steps.length} done — this list goes away after your first analysed call.`} />
      <ol className="divide-y divide-slate-100">
        {checklist.steps.map((s, i) => {
          const c = copy[s.id];
          const next = checklist.next === s.id;
          return (
            <li key={s.id} className="flex flex-wrap items-center gap-3 px-5 py-3" data-testid={`checklist-${s.id}`} data-done={s.done}>
              <span
                className={cx(
                  "flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
                  s.done ? "bg-emerald-600 text-white" : next ? "bg-white text-brand-700 ring-2 ring-brand-600" : "bg-slate-200 text-slate-600",
                )}
                aria-hidden="true"
              >
                {s.done ? "✓" : i + 1}
              </span>
              <div className="min-w-0 flex-1">
                <p className={cx("font-medium", s.done ? "text-slate-500 line-through" : "text-slate-900")}>
                  {c.title}
                  <span className="sr-only">{s.done ? " (done)" : " (to do)"}</span>
                </p>
                {!s.done && <p className="text-sm text-slate-600">{c.body(checklist)}</p>}
              </div>
              {!s.done && s.id === "first_call" && <TestCallButton ready={checklist.steps[0].done && checklist.steps[1].done} />}
              {!s.done && s.id !== "first_call" && (
                <Link
                  href={c.href}
                  className={cx(
                    "rounded-md px-3 py-1.5 text-sm font-medium",
                    next ? "bg-brand-600 text-white hover:bg-brand-700" : "text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50",
                  )}
                >
                  {c.action}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
