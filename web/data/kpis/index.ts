"use client";
import { qs } from "@/lib/api";
import type { KpiSummary, Ok } from "@/lib/api-types";
import { revalidate, useApi } from "@/lib/use-api";
import { agentKeys } from "../agents";

export type KpiFilter = { from?: string; to?: string; agent_id?: string };

export const kpiKeys = {
  /** Prefix of every KPI query. */
  all: "/api/v1/kpis",
  summary: (f: KpiFilter) => `/api/v1/kpis${qs(f)}`,
  series: (f: KpiFilter) => `/api/v1/kpis/timeseries${qs(f)}`,
};

export function useKpis(f: KpiFilter) {
  return useApi<KpiSummary>(kpiKeys.summary(f));
}

export function useKpiSeries(f: KpiFilter) {
  return useApi<Ok<"/api/v1/kpis/timeseries">>(kpiKeys.series(f));
}

/** Refetch the KPIs after calls were analysed: the totals, and the leaderboard's (with the agents). */
export function refreshKpis(): void {
  revalidate(kpiKeys.all);
  revalidate(agentKeys.all);
}
