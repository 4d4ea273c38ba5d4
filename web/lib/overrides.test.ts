import { describe, expect, it } from "vitest";
import { overrideFieldLabel, overrideValueText, parseDollars } from "./overrides";

describe("overrides", () => {
  it("names fields, script items by their label", () => {
    expect(overrideFieldLabel("converted")).toBe("Converted");
    expect(overrideFieldLabel("script.recap", { recap: "Recap the booking" })).toBe("Script: Recap the booking");
    expect(overrideFieldLabel("script.needs_discovery")).toBe("Script: needs discovery");
  });
  it("reads values as words", () => {
    expect(overrideValueText("converted", false)).toBe("Not converted");
    expect(overrideValueText("upsell_cents", 2500)).toBe("$25.00");
    expect(overrideValueText("sentiment", "negative")).toBe("Negative");
    expect(overrideValueText("script.recap", true)).toBe("Met");
    expect(overrideValueText("converted", null)).toBe("none");
  });
  it("parses dollar amounts to cents", () => {
    expect(parseDollars("25")).toBe(2500);
    expect(parseDollars("$1,200.5")).toBe(120050);
    expect(parseDollars("0")).toBe(0);
    expect(parseDollars("-3")).toBeNull();
    expect(parseDollars("1.234")).toBeNull();
    expect(parseDollars("")).toBeNull();
  });
});
