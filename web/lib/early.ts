// A page's first API requests, sent by an inline script in its HTML before the app's code has
// loaded and run (on a first visit that code takes ~0.5 s to compile and start on a busy 2-core
// box, and /me and the page's data waited for it). It uses the session supabase-js persisted,
// under the same rule as storedSession() (lib/supabase.ts); request() (lib/api.ts) takes each
// response once, for the same path and token. Nothing is trusted on the client: the API checks
// the token as always, and a 401 on /me signs out as before. A page with a recording also starts
// its <audio> element here (the player adopts it, takeEarlyAudio), so the recording's first read
// does not wait for the app to run, fetch the call and render the player: Chromium's media
// element reads by its own Range requests and would not reuse a response fetched for it.
// While the app still loads, the page's early Play button (components/coaching/early-player.tsx)
// plays that element: on a first visit the app's code takes until ~0.4 s to show the player,
// after the recording could already play. The script only shows the button (a constructed
// stylesheet) and listens for its presses and clicks on the window: React's nodes are never
// touched, so hydration finds the HTML it rendered. The player hides the button when it adopts
// the element.

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
  /** Hides the early Play button for good (the player took the element, or it was dropped). */
  hide?: () => void;
}

/** The early Play button's container and control (components/coaching/early-player.tsx). */
export const EARLY_PLAYER_ID = "early-player";

// Shows the early Play button while `a` is the page's and plays or pauses `a` on its clicks.
const EARLY_PLAYER_SCRIPT = `function earlyPlayer(e, a, page) { try {
  if (!("adoptedStyleSheets" in document) || typeof CSSStyleSheet.prototype.replaceSync !== "function") return;
  var sheet = new CSSStyleSheet(), live = true, id = "#${EARLY_PLAYER_ID}";
  var show = function () {
    sheet.replaceSync(!live ? "" : id + "{display:flex}" + (a.paused ? "" : id + " [data-icon=play]{display:none}" + id + " [data-icon=pause]{display:inline}"));
  };
  e.hide = function () { live = false; show(); };
  // Left for another page of the app before the player took it (an admin sent to the console, a
  // sign-in): not this page's recording. It stops, rather than play on with nothing to pause it.
  var left = function () { return location.pathname + location.search !== page; };
  a.addEventListener("timeupdate", function () { if (live && left()) { a.pause(); e.hide(); } });
  a.addEventListener("play", show);
  a.addEventListener("pause", show);
  a.addEventListener("error", e.hide);
  document.adoptedStyleSheets = document.adoptedStyleSheets.concat(sheet);
  show();
  var on = function (ev) { return live && ev.target instanceof Element && ev.target.closest(id + " button"); };
  var toggle = function () {
    if (left()) return e.hide();
    if (a.paused) a.play().catch(function () {}); else a.pause();
  };
  // A mouse plays on the press: the app may show the view, hiding this button, before the
  // release, and the click would then go to the page. Touch and keys play on the click. Both
  // are heard on the window before anything else: an event on a page React has not hydrated
  // yet makes it hydrate at once, in its own listener, and the player then takes the element.
  var pressed = false;
  window.addEventListener("pointerdown", function (ev) {
    if (ev.pointerType !== "mouse" || ev.button !== 0 || !on(ev)) return;
    pressed = true;
    toggle();
  }, true);
  window.addEventListener("click", function (ev) {
    if (pressed) pressed = false;
    else if (on(ev)) toggle();
  }, true);
} catch (_) {} }`;

/**
 * The inline script: GETs /api/v1/me and each of `paths`, where `{name}` stands for the page
 * URL's query parameter `name`, encoded (a path whose parameter is missing is not sent); and, given
 * `audio` (a path in the same form), makes a detached <audio> element that starts reading it, the
 * token in the query string as the player's own URL carries it (media elements send no headers).
 */
export function earlyScript(paths: string[], audio?: string): string {
  return `(function () {
${EARLY_PLAYER_SCRIPT}
try {
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
    // A shared link's moment (?t=seconds), as the player would seek to it.
    var t = Math.max(0, Number(q.get("t")) || 0);
    if (t > 0) a.addEventListener("loadedmetadata", function () { if (a.currentTime === 0) a.currentTime = Math.min(t, a.duration || Infinity); }, { once: true });
    earlyPlayer(e, a, location.pathname + location.search);
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
  early.hide?.();
  if (a.src === url) return a;
  dropAudio(a);
  return null;
}

/** Stops the early element's reading, if it was never taken. */
export function dropEarlyAudio(): void {
  const early = (globalThis as { __converzaEarly?: EarlyRequests }).__converzaEarly;
  if (early?.audio) dropAudio(early.audio);
  if (early) delete early.audio;
  early?.hide?.();
}

function dropAudio(a: HTMLAudioElement) {
  a.removeAttribute("src");
  a.load();
}
