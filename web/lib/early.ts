// A page's first API requests, sent by an inline script in its HTML before the app's code has
// loaded and run (on a first visit that code takes ~0.5 s to compile and start on a busy 2-core
// box, and /me and the page's data waited for it). It uses the session supabase-js persisted,
// under the same rule as storedSession() (lib/supabase.ts); request() (lib/api.ts) takes each
// response once, for the same path and token. Nothing is trusted on the client: the API checks
// the token as always, and a 401 on /me signs out as before. A page with a recording also starts
// its <audio> element here (the player adopts it, takeEarlyAudio), so the recording's first read
// does not wait for the app to run, fetch the call and render the player: Chromium's media
// element reads by its own Range requests and would not reuse a response fetched for it.

/** Where supabase-js persists the session (localStorage). */
export const STORAGE_KEY = "converza-auth";
/** A stored token is used directly only while it has this long left; else the client refreshes it. */
export const STORED_TOKEN_MARGIN_S = 60;

/** What the script leaves on `window.__converzaEarly`. */
export interface EarlyRequests {
  token: string;
  res: Record<string, Promise<Response>>;
  /** The recording's element, already loading (its URL as withToken() in lib/api.ts makes it). */
  audio?: HTMLAudioElement;
}

/**
 * The inline script: GETs /api/v1/me and each of `paths`, where `{name}` stands for the page
 * URL's query parameter `name`, encoded (a path whose parameter is missing is not sent); and, given
 * `audio` (a path in the same form), makes a detached <audio> element that starts reading it, the
 * token in the query string as the player's own URL carries it (media elements send no headers).
 */
export function earlyScript(paths: string[], audio?: string): string {
  return `(function () { try {
  var s = JSON.parse(localStorage.getItem(${JSON.stringify(STORAGE_KEY)}) || "null");
  if (!s || typeof s.access_token !== "string" || !(s.expires_at - ${STORED_TOKEN_MARGIN_S} > Date.now() / 1000)) return;
  var q = new URLSearchParams(location.search), e = { token: s.access_token, res: {} };
  var path = function (t) {
    var missing = false;
    var p = t.replace(/\\{(\\w+)\\}/g, function (_, n) { var v = q.get(n); if (!v) missing = true; return encodeURIComponent(v || ""); });
    return missing ? null : p;
  };
  ${JSON.stringify(["/api/v1/me", ...paths])}.forEach(function (t) {
    var p = path(t);
    if (!p) return;
    e.res[p] = fetch(p, { headers: { Accept: "application/json", Authorization: "Bearer " + s.access_token } });
    e.res[p].catch(function () {});
  });
  var m = ${JSON.stringify(audio ?? null)} && path(${JSON.stringify(audio ?? "")});
  if (m) {
    var a = document.createElement("audio");
    a.preload = "metadata";
    a.crossOrigin = "anonymous";
    a.src = m + "?access_token=" + encodeURIComponent(s.access_token);
    e.audio = a;
  }
  window.__converzaEarly = e;
} catch (_) {} })();`;
}

/**
 * The element the page's script started on this recording (`url`, absolute), for the player to
 * adopt; null when there is none or it reads another URL (e.g. the token changed). Taken once:
 * one left over stops reading (the call has no recording, or the view was left).
 */
export function takeEarlyAudio(url: string): HTMLAudioElement | null {
  const early = (globalThis as { __converzaEarly?: EarlyRequests }).__converzaEarly;
  const a = early?.audio;
  if (!a) return null;
  delete early.audio;
  if (a.src === url) return a;
  dropAudio(a);
  return null;
}

/** Stops the early element's reading, if it was never taken. */
export function dropEarlyAudio(): void {
  const early = (globalThis as { __converzaEarly?: EarlyRequests }).__converzaEarly;
  if (early?.audio) dropAudio(early.audio);
  if (early) delete early.audio;
}

function dropAudio(a: HTMLAudioElement) {
  a.removeAttribute("src");
  a.load();
}
