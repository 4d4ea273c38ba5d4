// Session state for the whole app: the Supabase session (persisted, auto-refreshed) and the
// caller's /api/v1/me (tenant, role, admin flag) that decides where a user may go.
"use client";
import type { Session } from "@supabase/supabase-js";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, errorText, getJson } from "./api";
import { getSupabase } from "./supabase";
import type { Me } from "./api-types";
import { clearApiCache } from "./use-api";

interface AuthState {
  ready: boolean;
  session: Session | null;
  me: Me | null;
  error: string | null;
  signIn: (email: string, password: string) => Promise<void>;
  signUp: (email: string, password: string) => Promise<{ confirmed: boolean }>;
  signOut: () => Promise<void>;
  /** Refresh the token (new app_metadata after onboarding) and reload /me. */
  refresh: () => Promise<Me | null>;
}

const Ctx = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadMe = useCallback(async (): Promise<Me | null> => {
    try {
      const m = await getJson<Me>("/api/v1/me");
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        (await getSupabase()).auth.signOut({ scope: "local" }).catch(() => {});
        setSession(null);
        setMe(null);
        return null;
      }
      setError(errorText(e));
      return null;
    }
  }, []);

  useEffect(() => {
    let unsub: (() => void) | undefined;
    let cancelled = false;
    (async () => {
      try {
        const sb = await getSupabase();
        const { data } = await sb.auth.getSession();
        if (cancelled) return;
        setSession(data.session);
        if (data.session) await loadMe();
        const sub = sb.auth.onAuthStateChange((_event, s) => setSession(s));
        unsub = () => sub.data.subscription.unsubscribe();
      } catch (e) {
        setError(errorText(e));
      } finally {
        if (!cancelled) setReady(true);
      }
    })();
    return () => {
      cancelled = true;
      unsub?.();
    };
  }, [loadMe]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const sb = await getSupabase();
      const { data, error } = await sb.auth.signInWithPassword({ email, password });
      if (error) throw new Error(error.message === "Invalid login credentials" ? "Wrong email or password." : error.message);
      clearApiCache();
      setSession(data.session);
      await loadMe();
    },
    [loadMe],
  );

  const signUp = useCallback(
    async (email: string, password: string) => {
      const sb = await getSupabase();
      const { data, error } = await sb.auth.signUp({ email, password });
      if (error) throw new Error(error.message);
      if (data.session) {
        clearApiCache();
        setSession(data.session);
        await loadMe();
        return { confirmed: true };
      }
      return { confirmed: false };
    },
    [loadMe],
  );

  const signOut = useCallback(async () => {
    const sb = await getSupabase();
    await sb.auth.signOut().catch(() => {});
    clearApiCache();
    setSession(null);
    setMe(null);
  }, []);

  const refresh = useCallback(async () => {
    const sb = await getSupabase();
    const { data, error } = await sb.auth.refreshSession();
    if (error) throw new Error(`Could not refresh your session: ${error.message}`);
    setSession(data.session);
    clearApiCache();
    return loadMe();
  }, [loadMe]);

  const value = useMemo(() => ({ ready, session, me, error, signIn, signUp, signOut, refresh }), [ready, session, me, error, signIn, signUp, signOut, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(Ctx);
  if (!v) throw new Error("useAuth outside AuthProvider");
  return v;
}

/** Where a signed-in user belongs by default. */
/** Whether the user may change their organisation's data (viewers only look; the API refuses them too). */
export function canEdit(me: Me | null): boolean {
  return !!me?.tenant && me.tenant.role !== "viewer";
}

export function homeFor(me: Me | null): string {
  if (!me) return "/sign-in";
  if (me.tenant) return "/dashboard";
  if (me.admin) return "/admin";
  return "/onboarding";
}
