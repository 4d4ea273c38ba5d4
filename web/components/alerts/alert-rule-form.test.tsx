import { describe, expect, it } from "vitest";
import { parseEmails, thresholdFromForm, thresholdToForm } from "./alert-rule-form";
import { describeRule } from "./alerts-page";

describe("alert rule thresholds", () => {
  it("takes minutes for a long call and sends seconds", () => {
    expect(thresholdFromForm("negative_long_call", "2")).toBe(120);
    expect(thresholdFromForm("negative_long_call", "1.5")).toBe(90);
    expect(thresholdToForm("negative_long_call", 90)).toBe("1.5");
    expect(thresholdFromForm("ai_score_below", " 40 ")).toBe(40);
    expect(thresholdFromForm("upsell_above", "99.5")).toBe(99.5);
  });
  it("refuses what is not a non-negative number", () => {
    expect(thresholdFromForm("ai_score_below", "")).toBeNull();
    expect(thresholdFromForm("ai_score_below", "abc")).toBeNull();
    expect(thresholdFromForm("upsell_above", "-1")).toBeNull();
    expect(thresholdToForm("tracker_hit", null)).toBe("");
  });
});

describe("parseEmails", () => {
  it("splits on commas, semicolons, spaces and lines and drops blanks", () => {
    expect(parseEmails("a@x.test, b@x.test\n\n c@x.test;d@x.test")).toEqual(["a@x.test", "b@x.test", "c@x.test", "d@x.test"]);
    expect(parseEmails("  ")).toEqual([]);
  });
});

describe("describeRule", () => {
  it("says what each kind watches for", () => {
    expect(describeRule({ kind: "negative_long_call", threshold: 120, tracker_name: null })).toBe("Negative call longer than 2 min");
    expect(describeRule({ kind: "negative_long_call", threshold: 90, tracker_name: null })).toBe("Negative call longer than 1.5 min");
    expect(describeRule({ kind: "tracker_hit", threshold: null, tracker_name: "Competitor" })).toBe("Tracker “Competitor” hit");
    expect(describeRule({ kind: "ai_score_below", threshold: 40, tracker_name: null })).toBe("AI score below 40");
    expect(describeRule({ kind: "upsell_above", threshold: 1000, tracker_name: null })).toBe("Upsell above 1,000");
  });
});
