"use client";
import { useMemo } from "react";
import { qs, withStoredToken, withToken } from "@/lib/api";
import type { CallDetail, Ok, Waveform } from "@/lib/api-types";
import { prefetch, useApi } from "@/lib/use-api";

export type CallFilters = {
  from?: string;
  to?: string;
  agent_id?: string;
  converted?: string;
  sentiment?: string;
  score_min?: string;
  score_max?: string;
  q?: string;
  low_performers?: string;
  tracker?: string;
  sort?: string;
  order?: string;
  limit?: number;
  cursor?: string;
};

const one = (id: string) => `/api/v1/calls/${encodeURIComponent(id)}`;

export const callKeys = {
  list: (f: CallFilters) => `/api/v1/calls${qs(f)}`,
  detail: one,
  /** The CSV of every call the list shows for these filters (all pages: no limit or cursor). */
  export: (f: CallFilters) => `/api/v1/calls/export.csv${qs({ ...f, limit: undefined, cursor: undefined })}`,
};

export function useCalls(f: CallFilters) {
  return useApi<Ok<"/api/v1/calls">>(callKeys.list(f));
}

/** One call with its transcript and insight; nothing is fetched without an id. */
export function useCall(id: string | null) {
  return useApi<CallDetail>(id ? callKeys.detail(id) : null);
}

/**
 * Start loading what the coaching view shows first (the call and its peaks) before it renders:
 * useCall and useWaveform take these requests instead of making their own.
 */
export function prefetchCall(id: string): void {
  prefetch(callKeys.detail(id));
  prefetch(waveformKey(id));
}

const waveformKey = (id: string) => `${one(id)}/waveform`;

/**
 * The waveform the worker computed for a call: `undefined` while loading, `null` when the call
 * has none (so the player plays without one).
 */
export function useWaveform(id: string | null): Peaks | null | undefined {
  const { data, error } = useApi<Waveform>(id ? waveformKey(id) : null);
  // The same object until the data changes: the player rebuilds its waveform when it changes.
  return useMemo(() => {
    if (error) return null;
    if (!data) return undefined;
    return data.peaks && data.duration_ms !== null ? { duration_ms: data.duration_ms, peaks: data.peaks } : null;
  }, [data, error]);
}

/** A computed waveform: peaks per channel (0–1000) over the recording's duration. */
export type Peaks = { [K in keyof Waveform]: NonNullable<Waveform[K]> };

/** The recording's URL for <audio src> (which cannot send the token as a header). */
export const recordingUrl = (id: string) => withToken(`${one(id)}/recording`);
/** recordingUrl() without waiting, with a stored session (a page load); else null. */
export const storedRecordingUrl = (id: string) => withStoredToken(`${one(id)}/recording`);
