// How the admin console words a month's margin: a tenant with no revenue has no margin (it is
// not "below target"), the headline says how far it is from the target, a provider with no spend
// says why, and tenants with the same name are told apart by their slug.
import type { MarginTenant, MissingCost } from "./api-types";
import { formatPercent } from "./format";

const providerName: Record<MissingCost["provider"], string> = { openai: "OpenAI", twilio: "Twilio" };
const reasonText: Record<MissingCost["reason"], string> = {
  rules_analyzer: "rules analyzer",
  no_calls: "no calls",
  not_metered: "calls but nothing metered",
};

/** "no OpenAI spend: rules analyzer". */
export const missingCostText = (m: MissingCost): string => `no ${providerName[m.provider]} spend: ${reasonText[m.reason] ?? m.reason.replace(/_/g, " ")}`;

/** "6.2 pts above the 80% target" / "3.0 pts below the 80% target" / "on the 80% target". */
export function targetGapText(gap: number | null | undefined, target: number): string {
  const t = `the ${formatPercent(target, 0)} target`;
  if (gap == null || !Number.isFinite(gap)) return `no revenue to measure against ${t}`;
  const pts = Math.round(Math.abs(gap) * 1000) / 10;
  if (pts === 0) return `on ${t}`;
  return `${pts.toFixed(1)} pts ${gap > 0 ? "above" : "below"} ${t}`;
}

export type MarginStatus = MarginTenant["status"];
export const statusLabel: Record<MarginStatus, string> = {
  no_revenue: "No revenue",
  below_target: "Below target",
  on_target: "On target",
};

/** Names to show: the name alone when unique, "Name (slug)" when another tenant shares it. */
export function tenantLabels<T extends { id: string; name: string; slug: string }>(tenants: readonly T[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const t of tenants) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  return new Map(tenants.map((t) => [t.id, (count.get(t.name) ?? 0) > 1 ? `${t.name} (${t.slug})` : t.name]));
}
