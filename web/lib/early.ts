// A page's first API requests, sent by an inline script in its HTML before the app's code has
// loaded and run (on a first visit that code takes ~0.5 s to compile and start on a busy 2-core
// box, and /me and the page's data waited for it). It uses the session supabase-js persisted,
// under the same rule as storedSession() (lib/supabase.ts); request() (lib/api.ts) takes each
// response once, for the same path and token. Nothing is trusted on the client: the API checks
// the token as always, and a 401 on /me signs out as before.

/** Where supabase-js persists the session (localStorage). */
export const STORAGE_KEY = "converza-auth";
/** A stored token is used directly only while it has this long left; else the client refreshes it. */
export const STORED_TOKEN_MARGIN_S = 60;

/** What the script leaves on `window.__converzaEarly`. */
export interface EarlyRequests {
  token: string;
  res: Record<string, Promise<Response>>;
}

/**
 * The inline script: GETs /api/v1/me and each of `paths`, where `{name}` stands for the page
 * URL's query parameter `name`, encoded (a path whose parameter is missing is not sent).
 */
export function earlyScript(paths: string[]): string {
  return `(function () { try {
  var s = JSON.parse(localStorage.getItem(${JSON.stringify(STORAGE_KEY)}) || "null");
  if (!s || typeof s.access_token !== "string" || !(s.expires_at - ${STORED_TOKEN_MARGIN_S} > Date.now() / 1000)) return;
  var q = new URLSearchParams(location.search), e = { token: s.access_token, res: {} };
  ${JSON.stringify(["/api/v1/me", ...paths])}.forEach(function (t) {
    var missing = false;
    var p = t.replace(/\\{(\\w+)\\}/g, function (_, n) { var v = q.get(n); if (!v) missing = true; return encodeURIComponent(v || ""); });
    if (missing) return;
    e.res[p] = fetch(p, { headers: { Accept: "application/json", Authorization: "Bearer " + s.access_token } });
    e.res[p].catch(function () {});
  });
  window.__converzaEarly = e;
} catch (_) {} })();`;
}
