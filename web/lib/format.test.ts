import { describe, expect, it } from "vitest";
import {
  allTime,
  formatCallTotal,
  formatCents,
  formatDateTime,
  formatDelta,
  formatDuration,
  formatMicros,
  formatMs,
  formatNumber,
  formatPercent,
  formatPhone,
  formatSentiment,
  lastNDays,
} from "./format";

describe("money", () => {
  it("formats integer cents as dollars", () => {
    expect(formatCents(123456)).toBe("$1,234.56");
    expect(formatCents(5)).toBe("$0.05");
    expect(formatCents(0)).toBe("$0.00");
    expect(formatCents(-2500)).toBe("-$25.00");
  });
  it("rounds to whole dollars on request", () => {
    expect(formatCents(123456, { whole: true })).toBe("$1,235");
    expect(formatCents(49, { whole: true })).toBe("$0");
  });
  it("renders missing values as a dash", () => {
    expect(formatCents(null)).toBe("—");
    expect(formatCents(undefined)).toBe("—");
    expect(formatCents(Number.NaN)).toBe("—");
  });
  it("formats provider micros, keeping sub-cent precision", () => {
    expect(formatMicros(12_340_000)).toBe("$12.34");
    expect(formatMicros(2_500)).toBe("$0.0025");
    expect(formatMicros(0)).toBe("$0.00");
    expect(formatMicros(null)).toBe("—");
  });
});

describe("percentages", () => {
  it("formats fractions", () => {
    expect(formatPercent(0.425)).toBe("42.5%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0.8, 0)).toBe("80%");
    expect(formatPercent(0)).toBe("0.0%");
  });
  it("null means nothing to divide by", () => {
    expect(formatPercent(null)).toBe("—");
  });
});

describe("durations", () => {
  it("formats seconds as m:ss and h:mm:ss", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(599.9)).toBe("9:59");
    expect(formatDuration(3725)).toBe("1:02:05");
  });
  it("formats milliseconds and rejects bad input", () => {
    expect(formatMs(83_400)).toBe("1:23");
    expect(formatDuration(-1)).toBe("—");
    expect(formatDuration(null)).toBe("—");
    expect(formatMs(null)).toBe("—");
  });
});

describe("deltas", () => {
  it("shows percentage-point changes for rates", () => {
    expect(formatDelta(0.021, "percent")).toEqual({ text: "+2.1 pts", direction: "up" });
    expect(formatDelta(-0.05, "percent")).toEqual({ text: "−5.0 pts", direction: "down" });
    expect(formatDelta(0.0001, "percent")).toEqual({ text: "±0.0 pts", direction: "flat" });
  });
  it("shows signed counts, money, scores and sentiment", () => {
    expect(formatDelta(12, "count")).toEqual({ text: "+12", direction: "up" });
    expect(formatDelta(-1500, "count")).toEqual({ text: "−1,500", direction: "down" });
    expect(formatDelta(250000, "cents")).toEqual({ text: "+$2,500", direction: "up" });
    expect(formatDelta(-3.25, "score")).toEqual({ text: "−3.3", direction: "down" });
    expect(formatDelta(0.1, "sentiment")).toEqual({ text: "+0.10", direction: "up" });
    expect(formatDelta(0, "count")).toEqual({ text: "±0", direction: "flat" });
  });
  it("null change (either period empty) has no direction", () => {
    expect(formatDelta(null, "percent")).toEqual({ text: "—", direction: "none" });
  });
});

describe("other values", () => {
  it("formats numbers, sentiment and phone numbers", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatSentiment(0.4249)).toBe("+0.42");
    expect(formatSentiment(-0.1)).toBe("−0.10");
    expect(formatSentiment(0)).toBe("0.00");
    expect(formatPhone("+14155550100")).toBe("(415) 555-0100");
    expect(formatPhone("+442071234567")).toBe("+442071234567");
  });
  it("returns a dash for an invalid timestamp", () => {
    expect(formatDateTime("not a date")).toBe("—");
    expect(formatDateTime(null)).toBe("—");
  });
  it("computes the API's default range: N days ending today (UTC), inclusive", () => {
    expect(lastNDays(30, new Date("2026-03-01T23:30:00Z"))).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(lastNDays(1, new Date("2026-03-01T00:00:00Z"))).toEqual({ from: "2026-03-01", to: "2026-03-01" });
  });
});

describe("formatCallTotal / allTime", () => {
  it("counts calls, and says when counting stopped", () => {
    expect(formatCallTotal(1, false)).toBe("1 call");
    expect(formatCallTotal(1234, false)).toBe("1,234 calls");
    expect(formatCallTotal(10000, true)).toBe("10,000+ calls");
  });

  it("makes all time the widest range the API accepts", () => {
    expect(allTime(new Date("2026-12-04T12:00:00Z"))).toEqual({ from: "2016-11-27", to: "2026-12-04" });
  });
});
