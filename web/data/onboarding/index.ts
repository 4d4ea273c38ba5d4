// Onboarding's requests: create the organisation (then refresh the session, whose token must
// carry the new tenant), search numbers, provision one. Failures read as what to do next.
"use client";
import { useState } from "react";
import { ApiError, errorText, getJson, qs, request } from "@/lib/api";
import type { Ok } from "@/lib/api-types";
import { useAuth } from "@/lib/auth";
import { useMutation } from "../mutation";

export function onboardingErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    const m = /[.!?]$/.test(e.message) ? e.message : `${e.message}.`;
    if (e.code === "number_unavailable") return e.message;
    if (e.status === 409) return `${m} Pick another number.`;
    if (e.code === "twilio_rejected" && /not available/.test(e.message)) {
      return "That number is no longer available. Pick another number.";
    }
    if (e.status === 503) return `${m} Nothing was charged; try again in a minute.`;
    return e.message;
  }
  return errorText(e);
}

export function useCreateOrganization() {
  const { refresh } = useAuth();
  const [phase, setPhase] = useState<"idle" | "creating" | "refreshing">("idle");
  const { run, error } = useMutation([], onboardingErrorText);
  const create = async (name: string, plan?: string) => {
    const me = await run(async () => {
      setPhase("creating");
      await request("POST", "/api/v1/onboarding/organization", { name, plan: plan ?? null });
      setPhase("refreshing");
      const me = await refresh();
      if (!me?.tenant) throw new Error("Your organisation was created, but your session does not show it yet. Sign out and in again.");
      return me;
    });
    setPhase("idle");
    return me;
  };
  return { phase, error, create };
}

export function useNumberSearch() {
  const { run, ...state } = useMutation([], onboardingErrorText);
  return {
    ...state,
    search: (areaCode: string) => run(() => getJson<Ok<"/api/v1/onboarding/numbers">>(`/api/v1/onboarding/numbers${qs({ area_code: areaCode })}`)),
  };
}

/** Buys the number, points its webhooks at Converza and links it to the organisation: one idempotent request. */
export const provisionNumber = (phone_number: string) =>
  request<Ok<"/api/v1/onboarding/numbers", "post", 201>>("POST", "/api/v1/onboarding/numbers", { phone_number });
