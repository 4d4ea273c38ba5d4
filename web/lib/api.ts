// REST transport for /api/v1 (the contract in src/api/openapi.json; its requests and cache keys
// are in data/). Every call carries the signed-in user's access token; errors become ApiError
// with the API's code and message.
import type { EarlyRequests } from "./early";
import { accessToken, storedSession } from "./supabase";

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

/**
 * Requests a page's inline script sent before the app's code ran (see lib/early.ts), with the
 * token they carry: each is taken once, by the first GET of its path with the same token.
 */
function takeEarly(path: string, token: string | null): Promise<Response> | undefined {
  const early = (globalThis as { __converzaEarly?: EarlyRequests }).__converzaEarly;
  const res = early && token === early.token ? early.res[path] : undefined;
  if (res) delete early!.res[path];
  return res;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = await accessToken();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await ((method === "GET" && takeEarly(path, token)) || fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
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
    const fallback = res.status === 429 ? `Too many requests${retry ? `; try again in ${retry} s` : ""}.` : `Request failed (HTTP ${res.status}).`;
    throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? fallback);
  }
  return json as T;
}

export const getJson = <T>(path: string) => request<T>("GET", path);

/** The text to show for a failed request (the API's message) or anything else thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** URL for <audio src>/EventSource, which cannot send headers. */
export async function withToken(path: string): Promise<string> {
  return tokenUrl(path, await accessToken());
}

/** withToken() at once, when the token is the stored session's (as accessToken() then returns); else null. */
export function withStoredToken(path: string): string | null {
  const token = storedSession()?.access_token;
  return token ? tokenUrl(path, token) : null;
}

function tokenUrl(path: string, token: string | null): string {
  const sep = path.includes("?") ? "&" : "?";
  return token ? `${path}${sep}access_token=${encodeURIComponent(token)}` : path;
}
