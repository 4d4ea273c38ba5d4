// The one Supabase client. Its URL and anon key come from GET /api/v1/config at startup, so the
// same static export works against the embedded auth of `converza serve` or a Supabase project.
// supabase-js is imported lazily so it never blocks the first paint; both start as soon as this
// module loads.
import type { SupabaseClient } from "@supabase/supabase-js";

let client: Promise<SupabaseClient> | null = null;

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
        auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false, storageKey: "converza-auth" },
      });
    })();
    client.catch(() => {
      client = null; // let the next call retry
    });
  }
  return client;
}

// In the browser, begin at once (when this module loads, during the app's start-up) instead of
// when the first component asks after hydration: every request of the first page waits for the
// configuration and the stored session.
if (typeof window !== "undefined" && process.env.NODE_ENV !== "test") void getSupabase().catch(() => {});

export async function accessToken(): Promise<string | null> {
  const sb = await getSupabase();
  const { data } = await sb.auth.getSession();
  return data.session?.access_token ?? null;
}
