import { describe, expect, it } from "vitest";
import type { Plan } from "./api-types";
import { chosenPlan, planPrice, planSeats, signUpHref } from "./plans";

const plans: Plan[] = [
  { key: "starter", name: "Starter", price_cents: 9900, max_agents: 5, summary: "" },
  { key: "scale", name: "Scale", price_cents: 89900, max_agents: null, summary: "" },
];

describe("price list wording", () => {
  it("prices in whole dollars and seats as a limit or unlimited", () => {
    expect(planPrice(plans[0])).toBe("$99");
    expect(planPrice(plans[1])).toBe("$899");
    expect(planSeats(plans[0])).toBe("Up to 5 agents");
    expect(planSeats(plans[1])).toBe("Unlimited agents");
  });
  it("honours ?plan= only for a plan on the list", () => {
    expect(chosenPlan(plans, "scale")?.name).toBe("Scale");
    expect(chosenPlan(plans, "enterprise")).toBeUndefined();
    expect(chosenPlan(plans, null)).toBeUndefined();
    expect(chosenPlan(undefined, "scale")).toBeUndefined();
  });
  it("links a card to sign-up with its plan", () => {
    expect(signUpHref({ key: "growth" })).toBe("/sign-up?plan=growth");
  });
});
