// Session state for the whole app: the Supabase session (persisted, auto-refreshed) and the
// caller's /api/v1/me (tenant, role, admin flag) that decides where a user may go.
"use client";
import type { Session, SupabaseClient } from "@supabase/supabase-js";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, errorText, getJson } from "./api";
import { getSupabase, storedSession } from "./supabase";
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

/** With a stored session, how long after /me the client loads (its code is ~240 kB to compile). */
const LOAD_CLIENT_AFTER_MS = 1000;

/**
 * A page load with a stored session asks for /me when this module loads, during the app's
 * start-up, not after hydration; the provider's first loadMe takes it (a failure is its own).
 */
let earlyMe: Promise<Me> | null = typeof window !== "undefined" && process.env.NODE_ENV !== "test" && storedSession() ? getJson<Me>("/api/v1/me") : null;
earlyMe?.catch(() => {});

export function AuthProvider({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Loads /me; `session`: the stored session to set with its answer (unless that is a 401). */
  const loadMe = useCallback(async (session?: Session): Promise<Me | null> => {
    try {
      const early = earlyMe;
      earlyMe = null;
      const m = await (early ?? getJson<Me>("/api/v1/me"));
      if (session) setSession(session);
      setMe(m);
      return m;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        await getSupabase()
          .then((sb) => sb.auth.signOut({ scope: "local" }))
          .catch(() => {});
        setSession(null);
        setMe(null);
        return null;
      }
      if (session) setSession(session);
      setError(errorText(e));
      return null;
    }
  }, []);

  useEffect(() => {
    let unsub: (() => void) | undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscribe = (sb: SupabaseClient) => {
      if (cancelled) return;
      const sub = sb.auth.onAuthStateChange((_event, s) => setSession(s));
      unsub = () => sub.data.subscription.unsubscribe();
    };
    const stored = storedSession();
    if (stored) {
      // A page load with a session in storage: /me goes out at once (beside the page's own
      // requests), and supabase-js (token refresh, sign-in/out events) loads once the page has
      // started instead of competing with it. A 401 on /me still signs out (loadMe).
      (async () => {
        await loadMe(stored); // sets the session with /me's answer (every state change after an await)
        if (cancelled) return;
        setReady(true);
        timer = setTimeout(() => {
          getSupabase()
            .then(subscribe)
            .catch((e) => setError(errorText(e)));
        }, LOAD_CLIENT_AFTER_MS);
      })();
    } else {
      earlyMe = null; // the stored session expired meanwhile: ask with the client's token
      (async () => {
        try {
          const sb = await getSupabase();
          const { data } = await sb.auth.getSession();
          if (cancelled) return;
          setSession(data.session);
          if (data.session) await loadMe();
          subscribe(sb);
        } catch (e) {
          setError(errorText(e));
        } finally {
          if (!cancelled) setReady(true);
        }
      })();
    }
    return () => {
      cancelled = true;
      clearTimeout(timer);
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
