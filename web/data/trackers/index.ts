"use client";
import { useEffect } from "react";
import { qs, request } from "@/lib/api";
import type { Body, Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export type TrackerList = Ok<"/api/v1/trackers">;
export type Tracker = TrackerList["trackers"][number];
export type TrackerRun = TrackerList["run"];
export type TrackerBody = Body<"/api/v1/trackers", "post">;
export type TrackerSeries = Ok<"/api/v1/trackers/timeseries">;

const list = "/api/v1/trackers";
const one = (id: string) => `${list}/${encodeURIComponent(id)}`;

export const trackerKeys = {
  list,
  timeseries: (r: { from?: string; to?: string }) => `${list}/timeseries${qs(r)}`,
};

/** The organisation's trackers and the latest re-run, refetched every 2 s while that re-run is under way. */
export function useTrackers() {
  const state = useApi<TrackerList>(list);
  const running = !!state.data?.run && !state.data.run.finished_at;
  const { reload } = state;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void reload(), 2000);
    return () => clearInterval(t);
  }, [running, reload]);
  return state;
}

/** Calls hit per tracker and day, for the dashboard. */
export function useTrackerSeries(r: { from?: string; to?: string }) {
  return useApi<TrackerSeries>(trackerKeys.timeseries(r));
}

/** Creates, changes, deletes and re-runs trackers; each success refreshes the list (and the calls). */
export function useTrackerMutation() {
  const { run, ...state } = useMutation([list, "/api/v1/calls"]);
  return {
    ...state,
    create: (b: TrackerBody) => run(() => request<Tracker>("POST", list, b)),
    update: (id: string, b: TrackerBody) => run(() => request<Tracker>("PUT", one(id), b)),
    remove: (id: string) => run(() => request<void>("DELETE", one(id))),
    rerun: () => run(() => request<Ok<"/api/v1/trackers/rerun", "post", 202>>("POST", `${list}/rerun`, {})),
  };
}
