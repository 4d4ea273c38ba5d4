import { describe, expect, it } from "vitest";
import { missingCostText, targetGapText, tenantLabels } from "./margin";

describe("admin margin wording", () => {
  it("says which cost source is missing and why", () => {
    expect(missingCostText({ provider: "openai", reason: "rules_analyzer" })).toBe("no OpenAI spend: rules analyzer");
    expect(missingCostText({ provider: "twilio", reason: "no_calls" })).toBe("no Twilio spend: no calls");
    expect(missingCostText({ provider: "twilio", reason: "not_metered" })).toBe("no Twilio spend: calls but nothing metered");
  });
  it("states the headline's distance to the target in points", () => {
    expect(targetGapText(0.062, 0.8)).toBe("6.2 pts above the 80% target");
    expect(targetGapText(-0.03, 0.8)).toBe("3.0 pts below the 80% target");
    expect(targetGapText(0.00001, 0.8)).toBe("on the 80% target");
    expect(targetGapText(null, 0.8)).toBe("no revenue to measure against the 80% target");
  });
  it("tells tenants with the same name apart by slug, and only those", () => {
    const labels = tenantLabels([
      { id: "1", name: "Acme", slug: "acme" },
      { id: "2", name: "Acme", slug: "acme-2" },
      { id: "3", name: "Bolt", slug: "bolt" },
    ]);
    expect(labels.get("1")).toBe("Acme (acme)");
    expect(labels.get("2")).toBe("Acme (acme-2)");
    expect(labels.get("3")).toBe("Bolt");
  });
});
