"use client";
import { qs, request } from "@/lib/api";
import type { LlmReport, Ok } from "@/lib/api-types";
import { useApi } from "@/lib/use-api";
import { useMutation } from "../mutation";

export const adminKeys = {
  tenants: "/api/v1/admin/tenants",
  margin: (month?: string) => `/api/v1/admin/margin${qs({ month })}`,
  llm: (month?: string) => `/api/v1/admin/llm${qs({ month })}`,
  usage: (range: { from?: string; to?: string }) => `/api/v1/admin/usage${qs(range)}`,
  pipeline: "/api/v1/admin/pipeline",
  deadJobs: "/api/v1/admin/dead-jobs",
};

export const useTenants = () => useApi<Ok<"/api/v1/admin/tenants">>(adminKeys.tenants);
export const useMargin = (month: string) => useApi<Ok<"/api/v1/admin/margin">>(adminKeys.margin(month));
export const useLlmReport = (month: string) => useApi<LlmReport>(adminKeys.llm(month));
export const useUsage = (range: { from: string; to: string }) => useApi<Ok<"/api/v1/admin/usage">>(adminKeys.usage(range));
export const usePipeline = () => useApi<Ok<"/api/v1/admin/pipeline">>(adminKeys.pipeline);
export const useDeadJobs = () => useApi<Ok<"/api/v1/admin/dead-jobs">>(adminKeys.deadJobs);

/** Queues a dead job again; a success refreshes the dead letters and the pipeline's counts. */
export function useRetryDeadJob() {
  const { run, ...state } = useMutation([adminKeys.deadJobs, adminKeys.pipeline]);
  const path = (tenantId: string, id: number) => `${adminKeys.deadJobs}/${encodeURIComponent(tenantId)}/${encodeURIComponent(String(id))}/retry`;
  return {
    ...state,
    retry: (tenantId: string, id: number) => run(() => request<Ok<"/api/v1/admin/dead-jobs/{tenant_id}/{id}/retry", "post">>("POST", path(tenantId, id))),
  };
}
