"use client";
import { request } from "@/lib/api";
import type { Body, Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { agentKeys } from "../agents";
import { callKeys } from "../calls";
import { useMutation } from "../mutation";

export type InsightOverride = Ok<"/api/v1/calls/{id}/overrides">["overrides"][number];
export type NewOverride = Body<"/api/v1/calls/{id}/overrides", "post">;

const list = (callId: string) => `/api/v1/calls/${encodeURIComponent(callId)}/overrides`;

export const overrideKeys = { list };

/** A call's override history, newest first. */
export function useOverrides(callId: string | null) {
  return useApi<Ok<"/api/v1/calls/{id}/overrides">>(callId ? list(callId) : null);
}

/**
 * Overrides one insight field of a call. The server applies it everywhere at once, so a success
 * refreshes the call, its history, the calls lists, the KPIs and the leaderboard.
 */
export function useOverrideMutation(callId: string) {
  const { run, ...state } = useMutation([callKeys.detail(callId), list(callId), "/api/v1/calls?", "/api/v1/kpis", agentKeys.all]);
  return {
    ...state,
    save: (o: NewOverride) => run(() => request<Ok<"/api/v1/calls/{id}/overrides", "post", 201>>("POST", list(callId), o)),
  };
}
