// The price list as people read it: one wording for the landing page, sign-up, onboarding and
// the admin console, so they can never disagree about what a plan costs or includes.
import type { Plan } from "./api-types";
import { formatCents } from "./format";

/** "$299" (whole dollars; the list has no cents). */
export const planPrice = (p: Pick<Plan, "price_cents">): string => formatCents(p.price_cents, { whole: true });

/** "Up to 25 agents" or "Unlimited agents". */
export const planSeats = (p: Pick<Plan, "max_agents">): string => (p.max_agents == null ? "Unlimited agents" : `Up to ${p.max_agents} agents`);

/** The plan a `?plan=` names, when it is on the list (anything else: none, and the form asks). */
export function chosenPlan(plans: readonly Plan[] | undefined, key: string | null | undefined): Plan | undefined {
  if (!plans || !key) return undefined;
  return plans.find((p) => p.key === key);
}

/** Where a pricing card's button leads: sign-up with the plan chosen. */
export const signUpHref = (p: Pick<Plan, "key">): string => `/sign-up?plan=${encodeURIComponent(p.key)}`;
