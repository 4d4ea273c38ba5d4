import { afterEach, describe, expect, it, vi } from "vitest";

let token = "tok";
vi.mock("./supabase", async (actual) => ({ ...(await actual<typeof import("./supabase")>()), accessToken: async () => token }));

import { storedRecordingUrl } from "@/data/calls";
import { getJson } from "./api";
import { EARLY_PLAYER_ID, dropEarlyAudio, earlyScript, takeEarlyAudio } from "./early";

const json = (v: unknown) => new Response(JSON.stringify(v), { status: 200, headers: { "Content-Type": "application/json" } });

function runScript(session: unknown, url: string) {
  localStorage.setItem("converza-auth", JSON.stringify(session));
  window.history.replaceState(null, "", url);
  const fetch = vi.fn<(p: string, init?: RequestInit) => Promise<Response>>(async (p) => json({ from: "early", p }));
  vi.stubGlobal("fetch", fetch);
  new Function(
    earlyScript(["/api/v1/calls/{id}", "/api/v1/calls/{id}/waveform", "/api/v1/other/{missing}", "/api/v1/scripts"], "/api/v1/calls/{id}/recording"),
  )();
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
  delete (globalThis as { __converzaEarly?: unknown }).__converzaEarly;
  localStorage.clear();
  token = "tok";
});

describe("the early requests of a page load", () => {
  const good = { access_token: "tok", expires_at: Date.now() / 1000 + 3600 };

  it("sends /me and the page's paths with the stored token, skipping a path whose parameter is missing", () => {
    const fetch = runScript(good, "/calls/view?id=a b");
    expect(fetch.mock.calls.map((c) => c[0])).toEqual(["/api/v1/me", "/api/v1/calls/a%20b", "/api/v1/calls/a%20b/waveform", "/api/v1/scripts"]);
    expect(fetch.mock.calls[0][1]).toMatchObject({ headers: { Authorization: "Bearer tok" } });
  });

  it("is taken once by the app's request for the same path and token; later ones fetch anew", async () => {
    runScript(good, "/calls/view?id=c1");
    const later = vi.fn(async () => json({ from: "app" }));
    vi.stubGlobal("fetch", later);
    expect(await getJson("/api/v1/calls/c1")).toEqual({ from: "early", p: "/api/v1/calls/c1" });
    expect(later).not.toHaveBeenCalled();
    expect(await getJson("/api/v1/calls/c1")).toEqual({ from: "app" });
    expect(later).toHaveBeenCalledTimes(1);
  });

  it("is not taken with another token (signed in anew meanwhile)", async () => {
    runScript(good, "/calls/view?id=c1");
    const later = vi.fn(async () => json({ from: "app" }));
    vi.stubGlobal("fetch", later);
    token = "someone-else";
    expect(await getJson("/api/v1/me")).toEqual({ from: "app" });
  });

  it("sends nothing without a stored session or with one about to expire", () => {
    expect(runScript(null, "/calls/view?id=c1")).not.toHaveBeenCalled();
    expect(runScript({ access_token: "tok", expires_at: Date.now() / 1000 + 30 }, "/calls/view?id=c1")).not.toHaveBeenCalled();
  });

  it("starts the recording's element with the token in its URL; the player adopts it once, for that URL only", () => {
    runScript({ ...good, access_token: "t/k" }, "/calls/view?id=c1");
    const url = `${location.origin}/api/v1/calls/c1/recording?access_token=t%2Fk`;
    const early = (globalThis as { __converzaEarly?: { audio?: HTMLAudioElement } }).__converzaEarly?.audio;
    expect(early?.src).toBe(url);
    expect(early?.crossOrigin).toBe("anonymous");
    expect(early?.preload).toBe("metadata");
    expect(takeEarlyAudio(url)).toBe(early);
    expect(takeEarlyAudio(url)).toBeNull();
  });

  it("stops an element no player takes: another URL, or dropped", () => {
    const load = vi.spyOn(HTMLMediaElement.prototype, "load").mockImplementation(() => {});
    runScript(good, "/calls/view?id=c1");
    const early = (globalThis as { __converzaEarly?: { audio?: HTMLAudioElement } }).__converzaEarly?.audio;
    expect(takeEarlyAudio(`${location.origin}/api/v1/calls/c1/recording?access_token=other`)).toBeNull();
    expect(early?.hasAttribute("src")).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);

    runScript(good, "/calls/view?id=c2");
    const second = (globalThis as { __converzaEarly?: { audio?: HTMLAudioElement } }).__converzaEarly?.audio;
    dropEarlyAudio();
    expect(second?.hasAttribute("src")).toBe(false);
    expect(takeEarlyAudio(`${location.origin}/api/v1/calls/c2/recording?access_token=tok`)).toBeNull();
    load.mockRestore();
  });

  it("starts no element without the page's parameter", () => {
    runScript(good, "/calls/view");
    expect((globalThis as { __converzaEarly?: { audio?: HTMLAudioElement } }).__converzaEarly?.audio).toBeUndefined();
  });

  it("is adopted by the view's player: the URL it makes from the stored session is the element's", () => {
    runScript({ ...good, access_token: "t/k" }, "/calls/view?id=c 1");
    const early = (globalThis as { __converzaEarly?: { audio?: HTMLAudioElement } }).__converzaEarly?.audio;
    const url = storedRecordingUrl("c 1");
    expect(url).not.toBeNull();
    expect(takeEarlyAudio(new URL(url ?? "", location.href).href)).toBe(early);
  });
});

describe("the early Play button of a page load", () => {
  const good = { access_token: "tok", expires_at: Date.now() / 1000 + 3600 };
  const url = `${location.origin}/api/v1/calls/c1/recording?access_token=tok`;

  // jsdom has constructable stylesheets but not document.adoptedStyleSheets; media elements do
  // not play: `play()` and `pause()` flip `paused` and fire their events as a browser would.
  function setUp(page = "/calls/view?id=c1") {
    let sheets: CSSStyleSheet[] = [];
    Object.defineProperty(document, "adoptedStyleSheets", { configurable: true, get: () => sheets, set: (v: CSSStyleSheet[]) => (sheets = v) });
    const state = new WeakMap<HTMLMediaElement, boolean>();
    vi.spyOn(HTMLMediaElement.prototype, "paused", "get").mockImplementation(function (this: HTMLMediaElement) {
      return state.get(this) ?? true;
    });
    const play = vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(function (this: HTMLMediaElement) {
      state.set(this, false);
      this.dispatchEvent(new Event("play"));
      return Promise.resolve();
    });
    const pause = vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(function (this: HTMLMediaElement) {
      state.set(this, true);
      this.dispatchEvent(new Event("pause"));
    });
    vi.spyOn(HTMLMediaElement.prototype, "load").mockImplementation(() => {});
    document.body.innerHTML = `<div id="${EARLY_PLAYER_ID}"><button><svg data-icon="play"><path /></svg></button></div>`;
    runScript(good, page);
    const css = () => [...(sheets[0]?.cssRules ?? [])].map((r) => r.cssText).join(" ");
    const click = () => document.querySelector("path")?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    // A mouse press (jsdom has no PointerEvent), then its click, on the button or, when the
    // page changed under the mouse, on the page.
    const press = (clickOn: Element) => {
      document.querySelector("path")?.dispatchEvent(Object.assign(new MouseEvent("pointerdown", { bubbles: true, button: 0 }), { pointerType: "mouse" }));
      clickOn.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    };
    const audio = (globalThis as { __converzaEarly?: { audio?: HTMLAudioElement } }).__converzaEarly?.audio;
    // Calls on this page's element (an earlier test's script still listens on the document).
    const on = (spy: { mock: { contexts: unknown[] } }) => () => spy.mock.contexts.filter((c) => c === audio).length;
    return { css, click, press, plays: on(play), pauses: on(pause), audio };
  }

  it("shows while the app loads, and plays and pauses the recording's element", () => {
    const { css, click, plays, pauses, audio } = setUp();
    expect(css()).toContain(`#${EARLY_PLAYER_ID} { display: flex; }`);
    expect(css()).not.toContain("pause");
    click();
    expect(plays()).toBe(1);
    expect(audio?.paused).toBe(false);
    expect(css()).toContain(`#${EARLY_PLAYER_ID} [data-icon=pause] { display: inline; }`);
    click();
    expect(pauses()).toBe(1);
    expect(css()).not.toContain("pause");
  });

  it("plays on a mouse press, once, wherever its click lands", () => {
    const { press, plays, pauses, audio } = setUp();
    press(document.body);
    expect(plays()).toBe(1);
    expect(audio?.paused).toBe(false);
    press(document.querySelector("button") as Element);
    expect(pauses()).toBe(1);
    expect(plays()).toBe(1);
  });

  it("hides for good once the player takes the element, which plays on", () => {
    const { css, click, plays } = setUp();
    click();
    expect(takeEarlyAudio(url)?.paused).toBe(false);
    expect(css()).toBe("");
    click();
    expect(plays()).toBe(1);
  });

  it("hides when the recording cannot be read, when it is dropped, or on another page", () => {
    const first = setUp();
    first.audio?.dispatchEvent(new Event("error"));
    expect(first.css()).toBe("");

    const second = setUp();
    dropEarlyAudio();
    expect(second.css()).toBe("");

    const third = setUp();
    window.history.replaceState(null, "", "/calls?sort=ai_score");
    third.click();
    expect(third.plays()).toBe(0);
    expect(third.css()).toBe("");
  });

  it("stops playing once the app has left for another page, where nothing could pause it", () => {
    const { click, css, audio } = setUp();
    click();
    audio?.dispatchEvent(new Event("timeupdate"));
    expect(audio?.paused).toBe(false);
    window.history.replaceState(null, "", "/admin");
    audio?.dispatchEvent(new Event("timeupdate"));
    expect(audio?.paused).toBe(true);
    expect(css()).toBe("");
  });

  it("is not shown without a stored session", () => {
    let sheets: CSSStyleSheet[] = [];
    Object.defineProperty(document, "adoptedStyleSheets", { configurable: true, get: () => sheets, set: (v: CSSStyleSheet[]) => (sheets = v) });
    runScript(null, "/calls/view?id=c1");
    expect(sheets).toEqual([]);
  });
});
