import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ReanalysisRun } from "@/data/reanalysis";
import { RunProgress, rangeProblem } from "./reanalyse-card";

afterEach(cleanup);

const run = (over: Partial<ReanalysisRun> = {}): ReanalysisRun => ({
  id: "r1",
  from: "2026-11-01",
  to: "2026-11-30",
  total: 40,
  estimated_cost_micros: 1_250_000,
  requested_at: "2026-12-01T10:00:00Z",
  done: 12,
  failed: 4,
  finished: false,
  ...over,
});

describe("RunProgress", () => {
  it("counts done and failed calls toward the bar while the run goes", () => {
    render(<RunProgress run={run()} />);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("40");
    expect(screen.getByTestId("reanalysis-percent").textContent).toBe("40%");
    expect(screen.getByRole("status").textContent).toContain("16 of 40 calls…");
    expect(screen.getByRole("status").textContent).toContain("4 calls failed");
    expect(screen.getByText(/est\. \$1\.25/)).toBeTruthy();
    expect(screen.getByTestId("reanalysis-run").dataset.finished).toBe("false");
  });

  it("is full and says what was done once finished", () => {
    render(<RunProgress run={run({ done: 40, failed: 0, finished: true })} />);
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(screen.getByRole("status").textContent).toBe("Re-analysed 40 calls from Nov 1 to Nov 30");
  });
});

describe("rangeProblem", () => {
  it("accepts 1 to 366 days in order and explains anything else", () => {
    expect(rangeProblem("2026-11-01", "2026-11-01")).toBeNull();
    expect(rangeProblem("2025-12-01", "2026-11-30")).toBeNull(); // 365 days
    expect(rangeProblem("2026-11-02", "2026-11-01")).toMatch(/must not be after/);
    expect(rangeProblem("2025-01-01", "2026-11-30")).toMatch(/at most 366/);
    expect(rangeProblem("", "2026-11-30")).toMatch(/both days/);
  });
});
