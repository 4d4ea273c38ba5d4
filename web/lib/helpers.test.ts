import { describe, expect, it } from "vitest";
import { parseSnippet, splitRedactions } from "./snippet";
import { activeTurnIndex, commentsPerTurn } from "./transcript";
import { toKey, validateScript } from "./script";
import { qs } from "./api";
import { authUrl, storedSession } from "./supabase";

describe("search snippets", () => {
  it("splits marks from text and never yields HTML", () => {
    expect(parseSnippet("we <mark>cancel</mark> the <b>plan</b> <mark>today</mark>")).toEqual([
      { text: "we ", mark: false },
      { text: "cancel", mark: true },
      { text: " the <b>plan</b> ", mark: false },
      { text: "today", mark: true },
    ]);
    expect(parseSnippet("no hits")).toEqual([{ text: "no hits", mark: false }]);
  });
});

describe("redactions", () => {
  it("cuts a turn into text and chips at the stored offsets", () => {
    const text = "my card is [card number] and email [email].";
    const parts = splitRedactions(text, [
      { kind: "email", start: 35, end: 42 },
      { kind: "card_number", start: 11, end: 24 },
    ]);
    expect(parts).toEqual([
      { type: "text", text: "my card is " },
      { type: "redaction", kind: "card_number", text: "[card number]" },
      { type: "text", text: " and email " },
      { type: "redaction", kind: "email", text: "[email]" },
      { type: "text", text: "." },
    ]);
  });
  it("ignores out-of-range spans", () => {
    expect(splitRedactions("abc", [{ kind: "ssn", start: 2, end: 10 }])).toEqual([{ type: "text", text: "abc" }]);
  });
});

describe("active transcript turn", () => {
  const turns = [
    { start_ms: 0, end_ms: 2000 },
    { start_ms: 2500, end_ms: 5000 },
    { start_ms: 4800, end_ms: 6000 },
    { start_ms: 20000, end_ms: 21000 },
  ];
  it("follows the playhead", () => {
    expect(activeTurnIndex(turns, 0)).toBe(0);
    expect(activeTurnIndex(turns, 2600)).toBe(1);
    expect(activeTurnIndex(turns, 5500)).toBe(2);
    expect(activeTurnIndex(turns, 20500)).toBe(3);
  });
  it("keeps the last sentence briefly, then none during long silence", () => {
    expect(activeTurnIndex(turns, 2200)).toBe(0);
    expect(activeTurnIndex(turns, 12000)).toBe(-1);
    expect(activeTurnIndex([], 100)).toBe(-1);
  });
  it("prefers a turn that still contains the time when turns overlap", () => {
    expect(activeTurnIndex(turns, 4900)).toBe(2);
  });
});

describe("script drafts", () => {
  it("derives snake_case keys from labels", () => {
    expect(toKey("Verify identity!")).toBe("verify_identity");
    expect(toKey("  2nd offer ")).toBe("_2nd_offer");
  });
  it("rejects empty labels, bad and duplicate keys", () => {
    expect(validateScript([])).toEqual([{ index: -1, message: "Add at least one item." }]);
    const problems = validateScript([
      { key: "greeting", label: "Greeting" },
      { key: "greeting", label: "Hello" },
      { key: "Bad Key", label: "Bad" },
      { key: "x", label: " " },
    ]);
    expect(problems.map((p) => p.index)).toEqual([1, 2, 3]);
  });
});

describe("query strings", () => {
  it("drops empty values and sorts keys so cache keys are stable", () => {
    expect(qs({ to: "2026-01-31", from: "2026-01-01", agent_id: "", q: undefined, limit: 25 })).toBe("?from=2026-01-01&limit=25&to=2026-01-31");
    expect(qs({})).toBe("");
  });
});

describe("auth URL", () => {
  const page = { origin: "http://localhost:8080", hostname: "localhost", port: "8080" };
  it("uses the page's origin for the embedded auth on loopback", () => {
    expect(authUrl("http://127.0.0.1:8080", page)).toBe("http://localhost:8080");
    expect(authUrl(undefined, page)).toBe("http://localhost:8080");
  });
  it("keeps a real Supabase project URL", () => {
    expect(authUrl("https://abc.supabase.co/", page)).toBe("https://abc.supabase.co");
  });
});

describe("the stored session (used before supabase-js loads)", () => {
  const now = 1_800_000_000_000;
  const put = (v: unknown) => localStorage.setItem("converza-auth", typeof v === "string" ? v : JSON.stringify(v));
  it("gives the persisted session while its token has more than a minute left", () => {
    put({ access_token: "tok", refresh_token: "r", expires_at: now / 1000 + 3600 });
    expect(storedSession(now)?.access_token).toBe("tok");
  });
  it("gives nothing when the token is about to expire, is missing, or storage holds something else", () => {
    put({ access_token: "tok", expires_at: now / 1000 + 30 });
    expect(storedSession(now)).toBeNull();
    put({ expires_at: now / 1000 + 3600 });
    expect(storedSession(now)).toBeNull();
    put("not json");
    expect(storedSession(now)).toBeNull();
    localStorage.removeItem("converza-auth");
    expect(storedSession(now)).toBeNull();
  });
});

describe("comments per transcript turn", () => {
  const turns = [{ start_ms: 1000 }, { start_ms: 4000 }, { start_ms: 9000 }];
  it("counts each moment on the turn under way then, including the long tail of the last", () => {
    expect(commentsPerTurn(turns, [1000, 3999, 4000, 60000])).toEqual([2, 1, 1]);
  });
  it("leaves moments before the first turn and empty lists uncounted", () => {
    expect(commentsPerTurn(turns, [0, 999])).toEqual([0, 0, 0]);
    expect(commentsPerTurn([], [5])).toEqual([]);
  });
});
