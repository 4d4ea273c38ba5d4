"use client";
import { formatCents, formatDelta, formatNumber, formatPercent, formatSentiment, type DeltaKind } from "@/lib/format";
import type { KpiSummary } from "@/lib/api-types";
import { Card } from "../ui/card";
import { cx } from "../ui/cx";
import { Skeleton } from "../ui/states";

interface Def {
  id: string;
  label: string;
  value: (k: KpiSummary) => string;
  change: (k: KpiSummary) => number | null;
  kind: DeltaKind;
  hint: (k: KpiSummary) => string;
}

const defs: Def[] = [
  {
    id: "calls",
    label: "Calls",
    value: (k) => formatNumber(k.current.calls),
    change: (k) => k.change.calls,
    kind: "count",
    hint: (k) => `${formatNumber(k.current.analyzed)} analysed`,
  },
  {
    id: "conversion",
    label: "Conversion rate",
    value: (k) => formatPercent(k.current.conversion_rate),
    change: (k) => k.change.conversion_rate,
    kind: "percent",
    hint: (k) => `${formatNumber(k.current.converted)} converted`,
  },
  {
    id: "upsell",
    label: "Upsell revenue",
    value: (k) => formatCents(k.current.upsell_cents, { whole: true }),
    change: (k) => k.change.upsell_cents,
    kind: "cents",
    hint: () => "accepted upsells",
  },
  {
    id: "sentiment",
    label: "Avg sentiment",
    value: (k) => formatSentiment(k.current.avg_sentiment),
    change: (k) => k.change.avg_sentiment,
    kind: "sentiment",
    hint: () => "customer, −1 to +1",
  },
  {
    id: "ai-score",
    label: "AI score",
    value: (k) => (k.current.avg_ai_score == null ? "—" : k.current.avg_ai_score.toFixed(1)),
    change: (k) => k.change.avg_ai_score,
    kind: "score",
    hint: () => "out of 100",
  },
  {
    id: "adherence",
    label: "Script adherence",
    value: (k) => formatPercent(k.current.script_adherence),
    change: (k) => k.change.script_adherence,
    kind: "percent",
    hint: (k) => `talk ratio ${formatPercent(k.current.talk_ratio, 0)}`,
  },
];

export function KpiCards({ kpis, loading }: { kpis: KpiSummary | undefined; loading: boolean }) {
  return (
    <section aria-label="Key metrics" className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
      {defs.map((d) => {
        const delta = kpis ? formatDelta(d.change(kpis), d.kind) : null;
        return (
          <Card key={d.id} className="p-4" data-testid={`kpi-${d.id}`}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{d.label}</p>
            {loading || !kpis ? (
              <Skeleton className="mt-2 h-8 w-24" />
            ) : (
              <>
                <p className="tabular mt-1 text-2xl font-semibold tracking-tight text-slate-900" data-testid="kpi-value">
                  {d.value(kpis)}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-x-2 text-xs">
                  <span
                    className={cx(
                      "tabular inline-flex items-center font-medium",
                      delta?.direction === "up" && "text-emerald-700",
                      delta?.direction === "down" && "text-red-700",
                      (delta?.direction === "flat" || delta?.direction === "none") && "text-slate-600",
                    )}
                    title="Change vs the previous period of the same length"
                  >
                    {delta?.direction === "up" ? "▲ " : delta?.direction === "down" ? "▼ " : ""}
                    {delta?.text}
                    <span className="sr-only"> vs previous period</span>
                  </span>
                  <span className="text-slate-600">{d.hint(kpis)}</span>
                </p>
              </>
            )}
          </Card>
        );
      })}
    </section>
  );
}
