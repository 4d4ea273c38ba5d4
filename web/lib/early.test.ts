import { afterEach, describe, expect, it, vi } from "vitest";

let token = "tok";
vi.mock("./supabase", async (actual) => ({ ...(await actual<typeof import("./supabase")>()), accessToken: async () => token }));

import { storedRecordingUrl } from "@/data/calls";
import { getJson } from "./api";
import { dropEarlyAudio, earlyScript, takeEarlyAudio } from "./early";

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
