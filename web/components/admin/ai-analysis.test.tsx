import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LlmReport } from "@/lib/api-types";

const state: { data?: LlmReport; error?: Error } = {};
const keys: string[] = [];
vi.mock("@/lib/use-api", () => ({
  useApi: (key: string) => {
    keys.push(key);
    return { data: state.data, error: state.error, loading: !state.data, validating: false, reload: async () => {}, mutate: () => {} };
  },
}));

import { AiAnalysisSection } from "./ai-analysis";

afterEach(() => {
  cleanup();
  state.data = undefined;
  state.error = undefined;
  keys.length = 0;
});

const zero = { analysed: 0, partial: 0, repaired: 0, length_retry: 0, trimmed: 0, refused: 0, content_filter: 0, llm_budget: 0, rules: 0, failed: 0 };
const acmeBudget = {
  tenant_id: "t1",
  tenant_name: "Acme",
  tenant_slug: "acme",
  plan: "growth",
  revenue_cents: 29_900,
  budget_micros: 59_800_000,
  llm_spend_micros: 1_150_000,
  other_spend_micros: 3_000_000,
  fallback_calls: 0,
  budget_reached: false,
};

describe("AiAnalysisSection", () => {
  it("asks for the chosen month", () => {
    render(<AiAnalysisSection month="2026-12" />);
    expect(keys[0]).toBe("/api/v1/admin/llm?month=2026-12");
  });

  it("says the rules analyzer handled every call when no model was used", () => {
    state.data = { month: "2026-12", target: 0.8, outcomes: { ...zero, rules: 31 }, models: [], budgets: [acmeBudget] };
    render(<AiAnalysisSection month="2026-12" />);
    expect(screen.getByTestId("llm-rules").querySelector('[data-testid="stat-value"]')?.textContent).toBe("31");
    expect(screen.getByTestId("llm-empty").textContent).toContain("No AI usage in December 2026");
    expect(screen.getByTestId("llm-empty").textContent).toContain("the rules analyzer handled every call");
    expect(screen.queryByTestId("budget-reached")).toBeNull();
    expect(within(screen.getByTestId("llm-budgets")).getByText("Acme")).toBeTruthy();
  });

  it("shows cost per call, the implied margin against the target, and tenants over budget", () => {
    const row = {
      tenant_id: "t1",
      tenant_name: "Acme",
      tenant_slug: "acme",
      plan: "growth",
      model: "gpt-4o",
      calls: 100,
      prompt_tokens: 250_000,
      cached_tokens: 120_000,
      completion_tokens: 40_000,
      cost_micros: 1_150_000,
      cost_per_call_micros: 11_500,
      implied_margin: 0.83,
    };
    state.data = {
      month: "2026-12",
      target: 0.8,
      outcomes: { ...zero, analysed: 120, llm_budget: 7, rules: 300 },
      models: [
        row,
        { ...row, model: "gpt-4.1", implied_margin: 0.61 },
        { ...row, tenant_id: "t2", tenant_name: "Free Co", tenant_slug: "free", implied_margin: null },
      ],
      budgets: [{ ...acmeBudget, fallback_calls: 7, budget_reached: true }],
    };
    render(<AiAnalysisSection month="2026-12" />);
    const models = screen.getByTestId("llm-models");
    expect(models.textContent).toContain("$0.0115");
    expect(models.textContent).toContain("2,900");
    const margins = screen.getAllByTestId("implied-margin").map((m) => m.textContent);
    expect(margins).toEqual(["83.0%", "61.0% below target", "no revenue"]);
    const banner = screen.getByTestId("budget-reached");
    expect(banner.textContent).toContain("AI budget reached — calls fall back to rules");
    expect(banner.textContent).toContain("Acme");
    expect(banner.textContent).toContain("7 calls analysed by rules");
    expect(screen.queryByTestId("llm-empty")).toBeNull();
  });
});
