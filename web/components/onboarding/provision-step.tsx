"use client";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "@/lib/api";
import { onboardingErrorText, provisionNumber } from "@/data/onboarding";
import type { AvailableNumber, PhoneNumber } from "@/lib/api-types";
import { formatPhone } from "@/lib/format";
import { Button } from "../ui/button";
import { cx } from "../ui/cx";
import { ErrorBox, Spinner } from "../ui/states";

const provisionSteps = ["Buying the number", "Pointing its webhooks at Converza", "Linking it to your organisation"];

/** `onTaken`: the number cannot be sold (someone else has it); back to a fresh list with `message`. */
export function ProvisionStep({
  number,
  onDone,
  onBack,
  onTaken,
}: {
  number: AvailableNumber;
  onDone: (n: PhoneNumber) => void;
  onBack: () => void;
  onTaken: (message: string) => void;
}) {
  const [stage, setStage] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const done = useRef(onDone);
  const taken = useRef(onTaken);
  useEffect(() => {
    done.current = onDone;
    taken.current = onTaken;
  });
  useEffect(() => {
    let live = true;
    // The API does all three steps in one idempotent request; the stages show that it is working.
    const timer = setInterval(() => setStage((s) => Math.min(s + 1, provisionSteps.length - 1)), 700);
    provisionNumber(number.phone_number)
      .then((r) => {
        if (!live) return;
        setStage(provisionSteps.length);
        setTimeout(() => live && done.current(r.number), 500);
      })
      .catch((e) => {
        if (!live) return;
        // Retrying cannot help a number someone else holds: offer the ones still free instead.
        if (e instanceof ApiError && e.code === "number_unavailable") return taken.current(onboardingErrorText(e));
        setError(onboardingErrorText(e));
      })
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
              <span
                className={cx(
                  "flex h-6 w-6 items-center justify-center rounded-full text-xs font-bold",
                  done ? "bg-emerald-600 text-white" : failed ? "bg-red-600 text-white" : "bg-slate-200 text-slate-600",
                )}
                aria-hidden="true"
              >
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
          <ErrorBox title="Provisioning failed — nothing was kept" error={error} />
          <div className="flex gap-2">
            <Button
              onClick={() => {
                setError(null);
                setStage(0);
                setAttempt((a) => a + 1);
              }}
            >
              Try again
            </Button>
            <Button variant="secondary" onClick={onBack}>
              Choose another number
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
