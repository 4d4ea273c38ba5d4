import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Insight } from "@/lib/api-types";
import { InsightPanel } from "./insight-panel";

afterEach(cleanup);

const base: Insight = {
  sentiment: { score: 0.4, label: "positive" },
  converted: true,
  converted_evidence: "Yes, let's do it.",
  converted_at_ms: 61_000,
  upsell_cents: 0,
  upsell_items: [],
  script: { greeting: { met: true, evidence: "Hi, thanks for calling" }, offer: { met: false, evidence: "" } },
  script_met: 1,
  script_total: 2,
  talk: {},
  ai_score: 72,
  summary: "Customer upgraded.",
  coaching: [
    { note: "Good opening.", at_ms: 2_000 },
    { note: "Slow down overall.", at_ms: null },
  ],
  analyzer: "openai",
  model: "gpt-4o",
  review: [],
  flags: [],
  confidence: {},
  objection: null,
  ai_values: null,
  overrides: {},
  script_version: 3,
  analyzed_at: "2026-12-02T09:30:00Z",
  created_at: "2026-12-01T10:00:00Z",
};

const renderPanel = (i: Partial<Insight>, onSeek = vi.fn()) =>
  render(<InsightPanel insight={{ ...base, ...i }} labels={{ offer: "Make the offer" }} order={["greeting", "offer"]} onSeek={onSeek} />);

describe("InsightPanel", () => {
  it("marks the findings whose evidence is weak, and only those", () => {
    renderPanel({ confidence: { converted: 0.9, sentiment: 0.42, upsell: 0.75, "script.greeting": 0.9, "script.offer": 0.35 } });
    const marks = screen.getAllByTestId("confidence-badge");
    expect(marks).toHaveLength(2);
    expect(marks[0].getAttribute("title")).toContain("confidence 42%");
    expect(within(screen.getByTestId("script-checklist")).getAllByTestId("confidence-badge")).toHaveLength(1);
  });

  it("puts each script item's evidence at its moment in the call", () => {
    const onSeek = vi.fn();
    renderPanel({ script: { greeting: { met: true, evidence: "Hi, thanks for calling", at_ms: 5_000 }, offer: { met: false, evidence: "" } } }, onSeek);
    const list = screen.getByTestId("script-checklist");
    fireEvent.click(within(list).getByRole("button", { name: "at 0:05" }));
    expect(onSeek).toHaveBeenCalledWith(5_000);
    expect(within(list).getAllByRole("button")).toHaveLength(1); // a missed item has no moment
  });

  it("shows nothing to review and no flags for a clean analysis", () => {
    renderPanel({});
    expect(screen.queryByTestId("review-notice")).toBeNull();
    expect(screen.queryAllByTestId("review-badge")).toHaveLength(0);
    expect(screen.queryAllByTestId("insight-flag")).toHaveLength(0);
    expect(screen.getByTestId("analyzer").textContent).toContain("Analysed by AI (gpt-4o) · script v3 · Dec 2");
  });

  it("names the default checklist when no script version was saved", () => {
    renderPanel({ script_version: null });
    expect(screen.getByTestId("analyzer").textContent).toContain("· default script ·");
  });

  it("lists reviewed fields and marks them where they are shown", () => {
    renderPanel({
      review: [
        { field: "upsell_cents", reason: "The total did not match the items." },
        { field: "script.offer", reason: "The quote is not in the transcript." },
        { field: "coaching[1].at_ms", reason: "Past the end of the call." },
      ],
    });
    const notice = screen.getByTestId("review-notice");
    expect(notice.textContent).toContain("Needs review");
    expect(within(notice).getByText("Upsell total")).toBeTruthy();
    expect(notice.textContent).toContain("The total did not match the items.");
    expect(within(notice).getByText("Script: Make the offer")).toBeTruthy();
    expect(within(notice).getByText("Coaching note 2 (moment)")).toBeTruthy();
    const badges = screen.getAllByTestId("review-badge");
    expect(badges).toHaveLength(3);
    expect(badges.map((b) => b.getAttribute("title"))).toContain("The total did not match the items.");
  });

  it("explains the flags beside the analyzer line", () => {
    renderPanel({ flags: ["trimmed", "repaired"] });
    const flags = screen.getAllByTestId("insight-flag");
    expect(flags.map((f) => f.getAttribute("data-flag"))).toEqual(["trimmed", "repaired"]);
    expect(flags[0].textContent).toMatch(/middle of the transcript was left out/);
  });

  it("renders a dropped score, a note with no moment and a conversion with no moment", () => {
    const onSeek = vi.fn();
    renderPanel({ ai_score: null, converted_at_ms: null }, onSeek);
    expect(screen.getByTestId("ai-score").textContent).toContain("—");
    expect(screen.getAllByTestId("coaching-jump")).toHaveLength(1);
    expect(screen.getByTestId("coaching-no-moment").textContent).toBe("missed — no moment in the call");
    expect(screen.queryByRole("button", { name: /^at / })).toBeNull();
    fireEvent.click(screen.getByTestId("coaching-jump"));
    expect(onSeek).toHaveBeenCalledWith(2_000);
  });

  it("names the rules analyzer and the budget fallback", () => {
    renderPanel({ analyzer: "rules", model: null, flags: ["llm_budget"] });
    expect(screen.getByTestId("analyzer").textContent).toContain("Analysed by the built-in rules");
    expect(screen.getByTestId("insight-flag").textContent).toMatch(/monthly AI budget was reached/);
  });

  it("says why a lost call was lost, in the customer's words at their moment, and quotes the deciding line", () => {
    const onSeek = vi.fn();
    renderPanel(
      {
        converted: false,
        converted_evidence: "That's too expensive for us.",
        converted_at_ms: 95_000,
        objection: { kind: "price", quote: "That's too expensive for us.", at_ms: 95_000 },
      },
      onSeek,
    );
    const o = screen.getByTestId("objection");
    expect(o.textContent).toContain("Why it was lost");
    expect(screen.getByTestId("objection-kind").textContent).toBe("Too expensive");
    expect(screen.getByTestId("objection-quote").textContent).toBe("That's too expensive for us.");
    fireEvent.click(screen.getByTestId("objection-jump"));
    expect(onSeek).toHaveBeenCalledWith(95_000);
    expect(screen.getByTestId("no-evidence").textContent).toBe("That's too expensive for us.");
  });

  it("calls an objection a converted call got past overcome, and shows none when there was none", () => {
    renderPanel({ objection: { kind: "decision_maker", quote: "I need to ask my wife.", at_ms: null } });
    expect(screen.getByTestId("objection").textContent).toContain("Objection overcome");
    expect(screen.queryByTestId("objection-jump")).toBeNull();
    cleanup();
    renderPanel({});
    expect(screen.queryByTestId("objection")).toBeNull();
  });

  it("marks a manager's correction with the AI's value, and offers corrections only to editors", () => {
    const overrides = {
      converted: { value: false, ai_value: true, by: "dana@example.com", at: "2026-12-02T10:00:00Z", reason: "No booking" },
    };
    const props = { labels: {}, order: ["greeting", "offer"], onSeek: vi.fn(), callId: "c1" };
    const { unmount } = render(<InsightPanel {...props} insight={{ ...base, converted: false, overrides }} editable />);
    const mark = screen.getByTestId("edited-mark");
    expect(mark.dataset.field).toBe("converted");
    expect(mark.textContent).toContain("Edited by dana@example.com");
    expect(within(mark).getByTestId("ai-original").textContent).toBe("AI said: Converted");
    // converted, upsell, sentiment and the two script items
    expect(screen.getAllByTestId("override-edit").map((b) => b.dataset.field)).toEqual([
      "converted",
      "upsell_cents",
      "sentiment",
      "script.greeting",
      "script.offer",
    ]);
    fireEvent.click(screen.getAllByTestId("override-edit")[1]);
    expect(screen.getByTestId("override-form").dataset.field).toBe("upsell_cents");
    expect(screen.getByTestId("override-save")).toHaveProperty("disabled", true);
    unmount();
    render(<InsightPanel {...props} insight={{ ...base, converted: false, overrides }} />);
    expect(screen.getByTestId("edited-mark")).toBeTruthy();
    expect(screen.queryAllByTestId("override-edit")).toHaveLength(0);
  });
});
