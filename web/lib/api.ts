// Typed REST client for /api/v1 (the contract in src/api/openapi.json). Every call carries the
// signed-in user's access token; errors become ApiError with the API's code and message.
import { accessToken } from "./supabase";
import type {
  AdminTenant, Agent, AvailableNumber, CallDetail, CallRow, DeadJob, Kpis, KpiDay, LlmReport, Margin, Me,
  PhoneNumber, Pipeline, Script, ScriptItem, UsageDay,
} from "./types";

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** "?a=1&b=x" from the non-empty entries, in key order so equal queries give equal cache keys. */
export function qs(params: Query = {}): string {
  const entries = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return "";
  return "?" + new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = await accessToken();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
    const retry = res.headers.get("Retry-After");
    const fallback =
      res.status === 429 ? `Too many requests${retry ? `; try again in ${retry} s` : ""}.` : `Request failed (HTTP ${res.status}).`;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? fallback);
  }
  return json as T;
}

export const getJson = <T>(path: string) => request<T>("GET", path);

export interface CallFilters {
  from?: string;
  to?: string;
  agent_id?: string;
  converted?: string;
  sentiment?: string;
  score_min?: string;
  score_max?: string;
  q?: string;
  low_performers?: string;
  sort?: string;
  order?: string;
  limit?: number;
  cursor?: string;
}

// Paths double as useApi cache keys.
export const paths = {
  me: () => "/api/v1/me",
  kpis: (q: { from?: string; to?: string; agent_id?: string }) => `/api/v1/kpis${qs(q)}`,
  timeseries: (q: { from?: string; to?: string; agent_id?: string }) => `/api/v1/kpis/timeseries${qs(q)}`,
  agents: (q: { from?: string; to?: string } = {}) => `/api/v1/agents${qs(q)}`,
  calls: (q: CallFilters) => `/api/v1/calls${qs(q as Query)}`,
  call: (id: string) => `/api/v1/calls/${encodeURIComponent(id)}`,
  script: () => "/api/v1/scripts",
  scriptVersions: () => "/api/v1/scripts/versions",
  numbers: () => "/api/v1/numbers",
  adminTenants: () => "/api/v1/admin/tenants",
  adminMargin: (month?: string) => `/api/v1/admin/margin${qs({ month })}`,
  adminUsage: (q: { from?: string; to?: string }) => `/api/v1/admin/usage${qs(q)}`,
  adminPipeline: () => "/api/v1/admin/pipeline",
  adminDeadJobs: () => "/api/v1/admin/dead-jobs",
  adminLlm: (month?: string) => `/api/v1/admin/llm${qs({ month })}`,
};

export type { AdminTenant, Agent, CallDetail, CallRow, DeadJob, Kpis, KpiDay, LlmReport, Margin, Me, Pipeline, Script, UsageDay };

export const api = {
  createAgent: (a: { name: string; phone: string; email?: string }) => request<Agent>("POST", "/api/v1/agents", a),
  updateAgent: (id: string, a: Partial<Pick<Agent, "name" | "phone" | "email" | "active">>) =>
    request<Agent>("PATCH", `/api/v1/agents/${encodeURIComponent(id)}`, a),
  deleteAgent: (id: string) => request<void>("DELETE", `/api/v1/agents/${encodeURIComponent(id)}`),
  saveScript: (items: ScriptItem[]) => request<Script>("PUT", "/api/v1/scripts", { items }),
  createOrganization: (name: string) =>
    request<{ tenant: { id: string; name: string; slug: string; plan: string } }>("POST", "/api/v1/onboarding/organization", { name }),
  searchNumbers: (areaCode: string) =>
    request<{ numbers: AvailableNumber[] }>("GET", `/api/v1/onboarding/numbers${qs({ area_code: areaCode })}`),
  provisionNumber: (phone_number: string) =>
    request<{ number: PhoneNumber }>("POST", "/api/v1/onboarding/numbers", { phone_number }),
  retryDeadJob: (tenantId: string, id: string | number) =>
    request<{ retried: boolean }>("POST", `/api/v1/admin/dead-jobs/${encodeURIComponent(tenantId)}/${encodeURIComponent(String(id))}/retry`),
};

/** URL for <audio src>/EventSource, which cannot send headers. */
export async function withToken(path: string): Promise<string> {
  const token = await accessToken();
  const sep = path.includes("?") ? "&" : "?";
  return token ? `${path}${sep}access_token=${encodeURIComponent(token)}` : path;
}
