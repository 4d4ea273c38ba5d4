// The one Supabase client. Its URL and anon key come from GET /api/v1/config at startup, so the
// same static export works against the embedded auth of `converza serve` or a Supabase project.
// supabase-js is imported lazily so it never blocks the first paint. On a page load with a
// session in storage the first requests use its token at once (storedSession) and the client
// loads after the page has started; without one, the client starts as soon as this module loads.
import type { Session, SupabaseClient } from "@supabase/supabase-js";
import { STORAGE_KEY, STORED_TOKEN_MARGIN_S } from "./early";

let client: Promise<SupabaseClient> | null = null;

/**
 * The session supabase-js persisted, while its access token is still good for a minute: lets a
 * page load send its first requests (/me, the page's data) without waiting for /api/v1/config and
 * supabase-js. Nothing is trusted on the client: the API checks the token as always, and a 401
 * on /me signs out. The client writes every refreshed session here, and removes it on sign-out.
 */
export function storedSession(now = Date.now()): Session | null {
  if (typeof window === "undefined") return null;
  try {
    const s = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Session> | null;
    if (s && typeof s.access_token === "string" && typeof s.expires_at === "number" && s.expires_at - STORED_TOKEN_MARGIN_S > now / 1000) return s as Session;
  } catch {
    /* unreadable storage: the client decides */
  }
  return null;
}

const loopback = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * The auth URL to use: the configured one, except that the embedded auth on a loopback address
 * is reached through the page's own origin (127.0.0.1 vs localhost would otherwise be a
 * cross-origin request).
 */
export function authUrl(configured: string | undefined, page: { origin: string; hostname: string; port: string }): string {
  if (!configured) return page.origin;
  try {
    const u = new URL(configured);
    if (loopback.has(u.hostname) && loopback.has(page.hostname) && u.port === page.port) return page.origin;
  } catch {
    return page.origin;
  }
  return configured.replace(/\/+$/, "");
}

export function getSupabase(): Promise<SupabaseClient> {
  if (!client) {
    client = (async () => {
      const [{ createClient }, res] = await Promise.all([
        import("@supabase/supabase-js"),
        fetch("/api/v1/config", { headers: { Accept: "application/json" } }),
      ]);
      if (!res.ok) throw new Error(`Could not load the app configuration (HTTP ${res.status}).`);
      const cfg = (await res.json()) as { supabase_url?: string; anon_key?: string };
      const url = authUrl(cfg.supabase_url, window.location);
      return createClient(url, cfg.anon_key ?? "", {
        auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false, storageKey: STORAGE_KEY },
      });
    })();
    client.catch(() => {
      client = null; // let the next call retry
    });
  }
  return client;
}

// In the browser without a usable stored session, begin at once (when this module loads, during
// the app's start-up) instead of when the first component asks after hydration: the first page's
// requests wait for the client. With one, AuthProvider loads the client after the page started.
if (typeof window !== "undefined" && process.env.NODE_ENV !== "test" && !storedSession()) void getSupabase().catch(() => {});

export async function accessToken(): Promise<string | null> {
  const stored = storedSession();
  if (stored) return stored.access_token;
  const sb = await getSupabase();
  const { data } = await sb.auth.getSession();
  return data.session?.access_token ?? null;
}
