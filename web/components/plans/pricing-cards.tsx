// The price list as cards: the one rendering of GET /api/v1/plans that the landing page,
// onboarding and the admin console share. `action` decides what each card's button does
// (landing: sign up with this plan; onboarding: choose it); none for a read-only list.
"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { usePlans } from "@/data/plans";
import type { Plan } from "@/lib/api-types";
import { planPrice, planSeats, signUpHref } from "@/lib/plans";
import { cx } from "../ui/cx";
import { ErrorBox, Skeleton } from "../ui/states";

export type PlanAction = { href: (p: Plan) => string; label: (p: Plan) => string } | { onChoose: (p: Plan) => void; label: (p: Plan) => string };

export function PricingCards({ action, selected, compact, children }: { action?: PlanAction; selected?: string; compact?: boolean; children?: ReactNode }) {
  const plans = usePlans();
  if (plans.error) return <ErrorBox title="Could not load the price list" error={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Skeleton className="h-40" />;
  return (
    <div className={cx("grid gap-4", compact ? "sm:grid-cols-3" : "gap-6 sm:grid-cols-3")} data-testid="price-list">
      {plans.data.plans.map((p) => {
        const chosen = selected === p.key;
        return (
          <div
            key={p.key}
            data-testid={`plan-${p.key}`}
            className={cx("flex flex-col rounded-xl bg-white text-left ring-1", compact ? "p-4" : "p-6", chosen ? "ring-2 ring-brand-600" : "ring-slate-200")}
          >
            <h3 className="font-semibold text-slate-900">{p.name}</h3>
            <p className={cx("font-semibold text-slate-900", compact ? "mt-1 text-2xl" : "mt-3 text-3xl")}>
              <span data-testid="plan-price">{planPrice(p)}</span>
              <span className="text-sm font-normal text-slate-600">/month</span>
            </p>
            <p className="mt-1 text-sm font-medium text-slate-700">{planSeats(p)}</p>
            {!compact && <p className="mt-2 text-sm text-slate-600">{p.summary}</p>}
            {action && (
              <div className="mt-auto pt-4">
                {"href" in action ? (
                  <Link
                    href={action.href(p)}
                    className="block rounded-lg bg-brand-600 px-4 py-2 text-center text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
                  >
                    {action.label(p)}
                  </Link>
                ) : (
                  <button
                    type="button"
                    aria-pressed={chosen}
                    onClick={() => action.onChoose(p)}
                    className={cx(
                      "w-full rounded-lg px-4 py-2 text-sm font-semibold",
                      chosen ? "bg-brand-600 text-white" : "text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50",
                    )}
                  >
                    {action.label(p)}
                  </button>
                )}
              </div>
            )}
          </div>
        );
      })}
      {children}
    </div>
  );
}

/** The landing page's cards: each button signs up with its plan (a client component, so the
 * server-rendered landing page passes no functions). */
export function SignUpPricingCards() {
  return <PricingCards action={{ href: signUpHref, label: (p) => `Start with ${p.name}` }} />;
}
