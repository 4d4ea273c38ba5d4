"use client";
import { getJson, request } from "@/lib/api";
import type { Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export const numberKeys = {
  list: "/api/v1/numbers",
  webhooks: (id: string) => `/api/v1/numbers/${encodeURIComponent(id)}/webhooks`,
  checklist: "/api/v1/onboarding/checklist",
};

/** The organisation's phone numbers; nothing is fetched while `enabled` is false. */
export function useNumbers(enabled = true) {
  return useApi<Ok<"/api/v1/numbers">>(enabled ? numberKeys.list : null);
}

/** Whether Twilio sends the number's calls to us (asks Twilio; only for active numbers). */
export function useNumberWebhooks(id: string | null) {
  return useApi<Ok<"/api/v1/numbers/{id}/webhooks">>(id ? numberKeys.webhooks(id) : null, getJson);
}

/** Releases a number at Twilio and marks it released; the list and the checklist refresh. */
export function useReleaseNumber() {
  const { run, ...state } = useMutation([numberKeys.list, numberKeys.checklist]);
  return { ...state, release: (id: string) => run(() => request<void>("DELETE", `/api/v1/numbers/${encodeURIComponent(id)}`)) };
}

/** The setup checklist, computed by the server from what the organisation has. */
export function useChecklist(enabled = true) {
  return useApi<Ok<"/api/v1/onboarding/checklist">>(enabled ? numberKeys.checklist : null);
}

/** The checklist's test call: simulated through the sandbox (202), or the number to dial (200). */
export function useTestCall() {
  const { run, ...state } = useMutation([numberKeys.checklist]);
  return {
    ...state,
    start: () =>
      run(() => request<Ok<"/api/v1/onboarding/test-call", "post"> | Ok<"/api/v1/onboarding/test-call", "post", 202>>("POST", "/api/v1/onboarding/test-call")),
  };
}
