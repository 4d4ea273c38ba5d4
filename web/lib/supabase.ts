// The one Supabase client. Its URL and anon key come from GET /api/v1/config at startup, so the
// same static export works against the embedded auth of `converza serve` or a Supabase project.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";

let client: Promise<SupabaseClient> | null = null;

export function getSupabase(): Promise<SupabaseClient> {
  if (!client) {
    client = (async () => {
      const res = await fetch("/api/v1/config", { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`Could not load the app configuration (HTTP ${res.status}).`);
      const cfg = (await res.json()) as { supabase_url?: string; anon_key?: string };
      const url = cfg.supabase_url || window.location.origin;
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

export async function accessToken(): Promise<string | null> {
  const sb = await getSupabase();
  const { data } = await sb.auth.getSession();
  return data.session?.access_token ?? null;
}
