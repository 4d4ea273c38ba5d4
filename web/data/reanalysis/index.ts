// Re-analysis of past calls after the script or the analyzer changed: the estimate for a date
// range (calls and OpenAI cost), the latest runs with their progress, and starting a run.
"use client";
import { useEffect } from "react";
import { qs, request } from "@/lib/api";
import type { Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export type ReanalysisEstimate = Ok<"/api/v1/reanalysis/estimate">;
export type ReanalysisRun = Ok<"/api/v1/reanalysis">["runs"][number];

const runs = "/api/v1/reanalysis";

export const reanalysisKeys = {
  /** The latest runs; also the prefix of every re-analysis query. */
  runs,
  estimate: (r: { from: string; to: string }) => `${runs}/estimate${qs(r)}`,
};

/** How many calls of the range would be analysed again and what that is estimated to cost; null range: none. */
export function useReanalysisEstimate(r: { from: string; to: string } | null) {
  return useApi<ReanalysisEstimate>(r ? reanalysisKeys.estimate(r) : null);
}

/** The latest runs, newest first, refetched every 2 s while the newest is under way. */
export function useReanalysisRuns() {
  const state = useApi<Ok<"/api/v1/reanalysis">>(runs);
  const running = !!state.data?.runs[0] && !state.data.runs[0].finished;
  const { reload } = state;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void reload(), 2000);
    return () => clearInterval(t);
  }, [running, reload]);
  return state;
}

/** Starts a run over the range; a success refreshes the runs (and the calls, analysed again as it goes). */
export function useStartReanalysis() {
  const { run, ...state } = useMutation([runs]);
  return { ...state, start: (r: { from: string; to: string }) => run(() => request<ReanalysisRun>("POST", runs, r)) };
}
