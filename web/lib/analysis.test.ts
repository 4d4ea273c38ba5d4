import { describe, expect, it } from "vitest";
import {
  coachingReasonLabel,
  describeObjection,
  budgetUsed,
  describeFlag,
  formatMonth,
  formatUnitCost,
  marginTone,
  notAnalysedText,
  pipelineBadge,
  reviewFieldLabel,
  reviewFor,
  tokensPerCall,
} from "./analysis";

describe("cost per call", () => {
  it("keeps enough digits to compare models", () => {
    expect(formatUnitCost(11_500)).toBe("$0.0115");
    expect(formatUnitCost(1_150_000)).toBe("$1.15");
    expect(formatUnitCost(120_000)).toBe("$0.12");
    expect(formatUnitCost(123_456)).toBe("$0.1235");
    expect(formatUnitCost(250)).toBe("$0.00025");
    expect(formatUnitCost(1)).toBe("$0.000001");
    expect(formatUnitCost(12_345_678)).toBe("$12.35");
  });
  it("zero and missing values", () => {
    expect(formatUnitCost(0)).toBe("$0.00");
    expect(formatUnitCost(null)).toBe("—");
    expect(formatUnitCost(Number.NaN)).toBe("—");
  });
});

describe("implied margin against the target", () => {
  it("is green at or above the target, red below it", () => {
    expect(marginTone(0.83, 0.8)).toBe("green");
    expect(marginTone(0.8, 0.8)).toBe("green");
    expect(marginTone(0.7999, 0.8)).toBe("red");
    expect(marginTone(-0.5, 0.8)).toBe("red");
  });
  it("has no tone without revenue", () => {
    expect(marginTone(null, 0.8)).toBe("none");
    expect(marginTone(undefined, 0.8)).toBe("none");
  });
});

describe("tokens and budgets", () => {
  it("averages prompt and completion tokens per call", () => {
    expect(tokensPerCall({ calls: 100, prompt_tokens: 250_000, completion_tokens: 40_000 })).toBe(2_900);
    expect(tokensPerCall({ calls: 3, prompt_tokens: 10, completion_tokens: 0 })).toBe(3);
    expect(tokensPerCall({ calls: 0, prompt_tokens: 0, completion_tokens: 0 })).toBeNull();
  });
  it("budget share spent; none when nothing is left to spend", () => {
    expect(budgetUsed(1_150_000, 59_800_000)).toBeCloseTo(0.0192, 4);
    expect(budgetUsed(70, 50)).toBe(1.4);
    expect(budgetUsed(10, 0)).toBeNull();
    expect(budgetUsed(0, -5_000)).toBeNull();
  });
  it("names the month", () => {
    expect(formatMonth("2026-12")).toBe("December 2026");
    expect(formatMonth("2027-01")).toBe("January 2027");
    expect(formatMonth("soon")).toBe("soon");
  });
});

describe("call status", () => {
  it("not analysed is its own neutral state, in the list and on the call", () => {
    expect(pipelineBadge("not_analysed", "list")).toEqual({ label: "Not analysed", tone: "gray" });
    expect(pipelineBadge("not_analysed", "detail")).toEqual({ label: "Not analysed", tone: "gray" });
    expect(pipelineBadge("not_analysed", "list", "voicemail")).toEqual({ label: "Voicemail", tone: "gray" });
    expect(pipelineBadge("not_analysed", "list", "too_short")).toEqual({ label: "Under 15 s", tone: "gray" });
    expect(pipelineBadge("not_analysed", "detail", "refused")).toEqual({ label: "Not analysed", tone: "gray" });
  });
  it("failed, in progress and done", () => {
    expect(pipelineBadge("failed", "list")).toEqual({ label: "Failed", tone: "red" });
    expect(pipelineBadge("failed", "detail")).toEqual({ label: "Analysis failed", tone: "red" });
    expect(pipelineBadge("analyzing", "list")).toEqual({ label: "Processing", tone: "blue" });
    expect(pipelineBadge("received", "detail")).toEqual({ label: "Analysis in progress", tone: "blue" });
    expect(pipelineBadge("done", "list")).toBeNull();
  });
  it("says why a call was not analysed", () => {
    expect(notAnalysedText("refused")).toBe("The AI model refused to analyse this call.");
    expect(notAnalysedText("content_filter")).toMatch(/content filter/);
    expect(notAnalysedText(null)).toMatch(/without an analysis/);
  });
});

describe("review and flags", () => {
  const review = [
    { field: "upsell_cents", reason: "total is not the sum of the items" },
    { field: "coaching[1].at_ms", reason: "past the end of the call" },
    { field: "script.offer", reason: "evidence not in the transcript" },
    { field: "sentiment.score", reason: "out of range" },
  ];
  it("finds the entries about a displayed field, including its sub-fields", () => {
    expect(reviewFor(review, "upsell_cents", "upsell_items")).toEqual([review[0]]);
    expect(reviewFor(review, "coaching[1]")).toEqual([review[1]]);
    expect(reviewFor(review, "coaching[0]")).toEqual([]);
    expect(reviewFor(review, "coaching[10]")).toEqual([]);
    expect(reviewFor(review, "script.offer")).toEqual([review[2]]);
    expect(reviewFor(review, "script.offer_made")).toEqual([]);
    expect(reviewFor(review, "sentiment")).toEqual([review[3]]);
    expect(reviewFor([], "summary")).toEqual([]);
    expect(reviewFor(undefined, "summary")).toEqual([]);
  });
  it("names reviewed fields in words", () => {
    expect(reviewFieldLabel("upsell_cents")).toBe("Upsell total");
    expect(reviewFieldLabel("ai_score")).toBe("AI score");
    expect(reviewFieldLabel("converted_at_ms")).toBe("Moment of conversion");
    expect(reviewFieldLabel("coaching[1].at_ms")).toBe("Coaching note 2 (moment)");
    expect(reviewFieldLabel("upsell_items[0].cents")).toBe("Upsell item 1 (amount)");
    expect(reviewFieldLabel("script.offer", { offer: "Make the offer" })).toBe("Script: Make the offer");
    expect(reviewFieldLabel("script.ask_budget")).toBe("Script: ask budget");
    expect(reviewFieldLabel("sentiment.score")).toBe("Sentiment (score)");
    expect(reviewFieldLabel("something_new")).toBe("something new");
  });
  it("explains every flag, and shows unknown ones as they are", () => {
    for (const f of ["repaired", "length_retry", "trimmed", "llm_budget"]) {
      expect(describeFlag(f).label).not.toBe("");
      expect(describeFlag(f).explanation).not.toBe("");
    }
    expect(describeFlag("trimmed").explanation).toMatch(/middle of the transcript/);
    expect(describeFlag("new_flag")).toEqual({ label: "new flag", explanation: "" });
  });
});

describe("coaching reasons and objections", () => {
  it("says why a call needs coaching in a manager's words", () => {
    expect(coachingReasonLabel({ code: "missed_script", detail: "3 of 6" })).toBe("Missed 3 of 6 script items");
    expect(coachingReasonLabel({ code: "negative_sentiment", detail: null })).toBe("Customer unhappy");
    expect(coachingReasonLabel({ code: "lost_sale", detail: "price" })).toBe("Lost: too expensive");
    expect(coachingReasonLabel({ code: "lost_sale", detail: "decision_maker" })).toBe("Lost: needs to ask someone else");
  });

  it("names every objection kind, and unknown ones as they are", () => {
    expect(describeObjection("just_looking")).toBe("Just looking");
    expect(describeObjection("timing")).toBe("Bad timing");
    expect(describeObjection("new_kind")).toBe("new kind");
  });
});
