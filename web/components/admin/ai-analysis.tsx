// The admin console's "AI analysis" section (GET /api/v1/admin/llm): what became of the month's
// analyses, what each tenant's model costs per call against the margin target, and the tenants
// whose monthly AI budget is spent (their calls fall back to the rules analyzer).
"use client";
import { budgetUsed, formatMonth, formatUnitCost, marginTone, tokensPerCall } from "@/lib/analysis";
import { useLlmReport } from "@/data/admin";
import { formatCents, formatMicros, formatNumber, formatPercent } from "@/lib/format";
import type { LlmBudgetRow, LlmOutcomes, LlmReport } from "@/lib/api-types";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { TableHead } from "../ui/table";

type Attention = "red" | "amber" | undefined;

/** The outcome tiles in reading order: label, one line for a manager, and a colour when non-zero. */
const tiles: { key: keyof LlmOutcomes; label: string; hint: string; attention?: Attention }[] = [
  { key: "analysed", label: "Analysed by AI", hint: "Calls the AI model analysed." },
  { key: "rules", label: "Rules analyzer", hint: "Calls the built-in rules analysed, at no AI cost." },
  { key: "partial", label: "Needs review", hint: "AI analyses with some fields left out or corrected by our checks.", attention: "amber" },
  { key: "repaired", label: "Fixed on second try", hint: "The AI's first answer was unusable; a second request fixed it." },
  { key: "length_retry", label: "Asked again", hint: "The answer was cut off, so the AI was asked again with more room." },
  { key: "trimmed", label: "Long calls shortened", hint: "The middle of a long transcript was left out to fit the AI." },
  { key: "llm_budget", label: "Rules: budget reached", hint: "Analysed by the rules because the tenant's AI budget was spent.", attention: "amber" },
  { key: "refused", label: "Refused by AI", hint: "The AI model refused to analyse the call; it has no analysis.", attention: "red" },
  { key: "content_filter", label: "Blocked by filter", hint: "The provider's content filter blocked the answer; no analysis.", attention: "red" },
  { key: "failed", label: "Failed", hint: "The analysis failed every attempt; see Dead letters below.", attention: "red" },
];

function OutcomeTiles({ outcomes }: { outcomes: LlmOutcomes | undefined }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="llm-outcomes">
      {tiles.map((t) => {
        const v = outcomes?.[t.key];
        const hot = v != null && v > 0 ? t.attention : undefined;
        return (
          <Card key={t.key} className={cx("p-4", hot === "red" && "ring-red-300", hot === "amber" && "ring-amber-300")} data-testid={`llm-${t.key}`}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.label}</p>
            {v == null ? (
              <Skeleton className="mt-2 h-7 w-16" />
            ) : (
              <p
                className={cx("tabular mt-1 text-2xl font-semibold", hot === "red" ? "text-red-700" : hot === "amber" ? "text-amber-800" : "text-slate-900")}
                data-testid="stat-value"
              >
                {formatNumber(v)}
              </p>
            )}
            <p className="mt-1 text-xs leading-5 text-slate-600">{t.hint}</p>
          </Card>
        );
      })}
    </div>
  );
}

function MarginCell({ margin, target }: { margin: number | null; target: number }) {
  const tone = marginTone(margin, target);
  if (tone === "none") return <span className="text-slate-500">no revenue</span>;
  return tone === "green" ? (
    <Badge tone="green" title={`At or above the ${formatPercent(target, 0)} target`}>
      {formatPercent(margin)}
    </Badge>
  ) : (
    <Badge tone="red" title={`Below the ${formatPercent(target, 0)} target`}>
      {formatPercent(margin)} below target
    </Badge>
  );
}

function ModelsTable({ report, monthName }: { report: LlmReport; monthName: string }) {
  const o = report.outcomes;
  if (report.models.length === 0) {
    const noAi = o.analysed + o.refused + o.content_filter === 0;
    return (
      <div data-testid="llm-empty">
        <EmptyState title={`No AI usage in ${monthName}`}>
          {noAi && o.rules > 0
            ? "No AI model was used: the rules analyzer handled every call."
            : noAi
              ? "No calls have been analysed yet."
              : "No AI cost was recorded for these calls."}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="llm-models">
        <TableHead
          columns={[
            { label: "Tenant" },
            { label: "Plan" },
            { label: "Model" },
            { label: "Calls", right: true },
            { label: "Tokens / call", right: true },
            { label: "Cost / call", right: true },
            { label: "Implied margin", right: true },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {report.models.map((r) => {
            const perCall = tokensPerCall(r);
            return (
              <tr key={`${r.tenant_id}/${r.model}`} className={marginTone(r.implied_margin, report.target) === "red" ? "bg-red-50/60" : undefined}>
                <td className="px-5 py-2.5">
                  <span className="font-medium text-slate-900">{r.tenant_name}</span>
                  <span className="block font-mono text-xs text-slate-500">{r.tenant_slug}</span>
                </td>
                <td className="px-3 py-2.5 capitalize">
                  <Badge tone="blue">{r.plan}</Badge>
                </td>
                <td className="px-3 py-2.5 font-mono text-xs text-slate-800">{r.model}</td>
                <td className="tabular px-3 py-2.5 text-right">{formatNumber(r.calls)}</td>
                <td
                  className="tabular px-3 py-2.5 text-right"
                  title={`${formatNumber(r.prompt_tokens)} prompt tokens (${formatNumber(r.cached_tokens)} cached) and ${formatNumber(r.completion_tokens)} answer tokens in total`}
                >
                  {formatNumber(perCall)}
                </td>
                <td className="tabular px-3 py-2.5 text-right font-medium text-slate-900" title={`${formatMicros(r.cost_micros)} in total`}>
                  {formatUnitCost(r.cost_per_call_micros)}
                </td>
                <td className="tabular px-5 py-2.5 text-right" data-testid="implied-margin">
                  <MarginCell margin={r.implied_margin} target={report.target} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function BudgetReachedBanner({ rows }: { rows: LlmBudgetRow[] }) {
  return (
    <div role="alert" className="mb-4 rounded-xl border border-red-200 bg-red-50 px-5 py-4 text-sm text-red-900" data-testid="budget-reached">
      <p className="font-semibold">AI budget reached — calls fall back to rules</p>
      <p className="mt-0.5">
        {rows.length === 1 ? "This tenant's" : "These tenants'"} new calls are analysed by the built-in rules until the month ends, to keep the margin on
        target.
      </p>
      <ul className="mt-2 space-y-1">
        {rows.map((b) => (
          <li key={b.tenant_id}>
            <span className="font-medium">{b.tenant_name}</span> <span className="font-mono text-xs text-red-800">{b.tenant_slug}</span>: spent{" "}
            {formatMicros(b.llm_spend_micros)} of {b.budget_micros > 0 ? formatMicros(b.budget_micros) : "no budget left after other costs"}
            {b.fallback_calls > 0 && `, ${formatNumber(b.fallback_calls)} ${b.fallback_calls === 1 ? "call" : "calls"} analysed by rules`}
          </li>
        ))}
      </ul>
    </div>
  );
}

function SpendCell({ row }: { row: LlmBudgetRow }) {
  const used = budgetUsed(row.llm_spend_micros, row.budget_micros);
  const width = row.budget_reached ? 100 : Math.min(100, Math.max(0, (used ?? 0) * 100));
  return (
    <div className="ml-auto w-32">
      <span className="tabular">{formatMicros(row.llm_spend_micros)}</span>
      <span className="tabular ml-1 text-xs text-slate-500">{used == null ? "" : `(${formatPercent(used, 0)})`}</span>
      <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        <div
          className={cx("h-full", row.budget_reached ? "bg-red-500" : (used ?? 0) >= 0.8 ? "bg-amber-500" : "bg-brand-600")}
          style={{ width: `${width}%` }}
        />
      </div>
    </div>
  );
}

function BudgetsTable({ report, monthName }: { report: LlmReport; monthName: string }) {
  if (report.budgets.length === 0)
    return <EmptyState title={`No tenant has revenue in ${monthName}`}>Budgets are set from each tenant&apos;s plan price.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="llm-budgets">
        <TableHead
          columns={[
            { label: "Tenant" },
            { label: "Plan" },
            { label: "Revenue", right: true },
            { label: "Other costs", right: true },
            { label: "AI budget", right: true },
            { label: "AI spend", right: true },
            { label: "Calls moved to rules", right: true },
            { label: "Status", right: true },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {report.budgets.map((b) => (
            <tr key={b.tenant_id} className={b.budget_reached ? "bg-red-50/60" : undefined} data-reached={b.budget_reached || undefined}>
              <td className="px-5 py-2.5">
                <span className="font-medium text-slate-900">{b.tenant_name}</span>
                <span className="block font-mono text-xs text-slate-500">{b.tenant_slug}</span>
              </td>
              <td className="px-3 py-2.5 capitalize">
                <Badge tone="blue">{b.plan}</Badge>
              </td>
              <td className="tabular px-3 py-2.5 text-right">{formatCents(b.revenue_cents)}</td>
              <td className="tabular px-3 py-2.5 text-right" title="Twilio and other provider costs this month">
                {formatMicros(b.other_spend_micros)}
              </td>
              <td className="tabular px-3 py-2.5 text-right">{formatMicros(b.budget_micros)}</td>
              <td className="px-3 py-2.5 text-right">
                <SpendCell row={b} />
              </td>
              <td className="tabular px-3 py-2.5 text-right">{formatNumber(b.fallback_calls)}</td>
              <td className="px-5 py-2.5 text-right">
                {b.budget_reached ? <Badge tone="red">Budget reached</Badge> : <Badge tone="green">Within budget</Badge>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AiAnalysisSection({ month }: { month: string }) {
  const llm = useLlmReport(month);
  const r = llm.data;
  const monthName = formatMonth(r?.month ?? month);
  const target = formatPercent(r?.target ?? 0.8, 0);
  const reached = (r?.budgets ?? []).filter((b) => b.budget_reached);
  return (
    <section className="mt-10" aria-labelledby="ai-analysis-title" data-testid="ai-analysis">
      <div className="mb-4">
        <h2 id="ai-analysis-title" className="text-lg font-semibold text-slate-900">
          AI analysis
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">How calls were analysed in {monthName}, what the AI costs per call, and each tenant&apos;s AI budget.</p>
      </div>
      {llm.error ? (
        <ErrorBox error={llm.error} onRetry={llm.reload} title="Could not load the AI analysis report" />
      ) : (
        <>
          {reached.length > 0 && <BudgetReachedBanner rows={reached} />}
          <OutcomeTiles outcomes={r?.outcomes} />
          <Card className="mt-6">
            <CardHeader
              title="Cost per call by tenant and model"
              description={`The margin each tenant would have this month if every analysed call cost this much. Target ${target}.`}
            />
            {r ? <ModelsTable report={r} monthName={monthName} /> : <Skeleton className="m-5 h-24" />}
          </Card>
          <Card className="mt-6">
            <CardHeader
              title="AI budgets"
              description={`What each tenant can spend on AI this month and still reach the ${target} margin, after its other provider costs. Past it, calls are analysed by the rules.`}
            />
            {r ? <BudgetsTable report={r} monthName={monthName} /> : <Skeleton className="m-5 h-24" />}
          </Card>
        </>
      )}
    </section>
  );
}
