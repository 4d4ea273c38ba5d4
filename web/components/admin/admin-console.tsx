"use client";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, ComposedChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { api, paths } from "@/lib/api";
import { formatCents, formatDateTime, formatDay, formatMicros, formatNumber, formatPercent, lastNDays } from "@/lib/format";
import type { AdminTenant, DeadJob, Margin, Pipeline, UsageDay } from "@/lib/types";
import { revalidate, useApi } from "@/lib/use-api";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { Input } from "../ui/field";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { TableHead } from "../ui/table";
import { AiAnalysisSection } from "./ai-analysis";

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

const totalMicros = (c: Margin["total"]["cost_micros"]) => (typeof c === "number" ? c : c.total);

function MarginSection({ month }: { month: string }) {
  const margin = useApi<Margin>(paths.adminMargin(month));
  const m = margin.data;
  const chart = (m?.tenants ?? []).map((t) => ({
    name: t.name,
    margin: t.gross_margin == null ? null : Math.round(t.gross_margin * 1000) / 10,
    below: t.below_target,
    revenue: t.revenue_cents / 100,
    openai: t.cost_micros.openai / 1e6,
    twilio: t.cost_micros.twilio / 1e6,
  }));
  return (
    <>
      <h2 className="mb-4 text-lg font-semibold text-slate-900">Unit economics</h2>
      {margin.error && <ErrorBox error={margin.error} onRetry={margin.reload} title="Could not load margins" />}
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[
          ["Revenue", m ? formatCents(m.total.revenue_cents, { whole: true }) : null, "total-revenue"],
          ["Provider cost", m ? formatMicros(totalMicros(m.total.cost_micros)) : null, "total-cost"],
          ["Gross margin", m ? formatPercent(m.total.gross_margin) : null, "total-margin"],
          ["Below 80% target", m ? String(m.tenants.filter((t) => t.below_target).length) : null, "below-target"],
        ].map(([label, value, id]) => (
          <Card key={id} className="p-4" data-testid={id ?? undefined}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
            {value == null ? <Skeleton className="mt-2 h-8 w-24" /> : <p className="tabular mt-1 text-2xl font-semibold text-slate-900">{value}</p>}
          </Card>
        ))}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Gross margin by tenant" description={`Target ${formatPercent(m?.target ?? 0.8, 0)}; tenants below it are red`} />
          <div className="h-72 p-4" role="img" aria-label="Gross margin per tenant against the 80% target">
            {m && chart.length === 0 ? (
              <EmptyState title="No billable tenants this month" />
            ) : (
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={chart} margin={{ top: 8, right: 72, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#e2e8f0" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} interval={0} height={40} />
                  <YAxis domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={44} />
                  <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(v) => [v == null ? "—" : `${v}%`, "Gross margin"]} contentStyle={{ borderRadius: 8, fontSize: 12 }} />
                  <ReferenceLine y={(m?.target ?? 0.8) * 100} stroke="#dc2626" strokeDasharray="6 4" label={{ value: "80% target", position: "right", fill: "#b91c1c", fontSize: 12 }} />
                  <Bar dataKey="margin" name="Gross margin" radius={[3, 3, 0, 0]} isAnimationActive={false}>
                    {chart.map((c) => (
                      <Cell key={c.name} fill={c.below ? "#dc2626" : "#4f46e5"} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title="Revenue vs cost by provider" description="Per tenant, USD" />
          <div className="h-72 p-4" role="img" aria-label="Revenue against OpenAI and Twilio cost per tenant">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} interval={0} height={40} />
                <YAxis tickFormatter={(v) => `$${v}`} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={52} />
                <Tooltip formatter={(v, n) => [`$${Number(v).toFixed(2)}`, n]} contentStyle={{ borderRadius: 8, fontSize: 12 }} />
                <Legend wrapperStyle={{ fontSize: 12 }} formatter={(v) => <span style={{ color: "#334155" }}>{v}</span>} />
                <Bar dataKey="revenue" name="Revenue" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
                <Bar dataKey="openai" name="OpenAI" stackId="cost" fill="#f59e0b" isAnimationActive={false} />
                <Bar dataKey="twilio" name="Twilio" stackId="cost" fill="#ef4444" radius={[3, 3, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader title="Margin by tenant" />
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="margin-table">
            <TableHead columns={[{ label: "Tenant" }, { label: "Revenue", right: true }, { label: "OpenAI", right: true }, { label: "Twilio", right: true }, { label: "Total cost", right: true }, { label: "Gross margin", right: true }]} />
            <tbody className="divide-y divide-slate-100">
              {(m?.tenants ?? []).map((t) => (
                <tr key={t.id} className={t.below_target ? "bg-red-50/60" : undefined}>
                  <td className="px-5 py-2.5 font-medium text-slate-900">{t.name}</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatCents(t.revenue_cents)}</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatMicros(t.cost_micros.openai)}</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatMicros(t.cost_micros.twilio)}</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatMicros(t.cost_micros.total)}</td>
                  <td className="tabular px-5 py-2.5 text-right font-semibold">
                    {t.below_target ? <Badge tone="red">{formatPercent(t.gross_margin)} below target</Badge> : formatPercent(t.gross_margin)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

function UsageSection() {
  const range = lastNDays(30);
  const usage = useApi<{ days: UsageDay[] }>(paths.adminUsage(range));
  const data = (usage.data?.days ?? []).map((d) => ({ ...d, openai: d.openai_micros / 1e6, twilio: d.twilio_micros / 1e6 }));
  return (
    <Card>
      <CardHeader title="Usage over time" description="Provider spend and calls per day, last 30 days" />
      {usage.error ? (
        <div className="p-5"><ErrorBox error={usage.error} onRetry={usage.reload} /></div>
      ) : !usage.data ? (
        <Skeleton className="m-5 h-64" />
      ) : (
        <div className="h-72 p-4" role="img" aria-label="Daily OpenAI and Twilio spend and calls">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} minTickGap={24} />
              <YAxis yAxisId="usd" tickFormatter={(v) => `$${v}`} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={52} />
              <YAxis yAxisId="calls" orientation="right" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
              <Tooltip labelFormatter={(d) => formatDay(String(d))} formatter={(v, n) => [n === "Calls" ? String(v) : `$${Number(v).toFixed(2)}`, n]} contentStyle={{ borderRadius: 8, fontSize: 12 }} />
              <Legend wrapperStyle={{ fontSize: 12 }} formatter={(v) => <span style={{ color: "#334155" }}>{v}</span>} />
              <Bar yAxisId="usd" dataKey="openai" name="OpenAI" stackId="c" fill="#f59e0b" isAnimationActive={false} />
              <Bar yAxisId="usd" dataKey="twilio" name="Twilio" stackId="c" fill="#ef4444" isAnimationActive={false} />
              <Line yAxisId="calls" dataKey="calls" name="Calls" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

function PipelineSection() {
  const p = useApi<Pipeline>(paths.adminPipeline());
  const d = p.data;
  const healthy = d && d.queue.dead === 0 && (d.oldest_queued_s ?? 0) < 300;
  return (
    <Card>
      <CardHeader
        title="Pipeline health"
        actions={
          <>
            {d && <Badge tone={healthy ? "green" : "amber"}>{healthy ? "Healthy" : "Needs attention"}</Badge>}
            <Button size="sm" variant="ghost" onClick={p.reload}>Refresh</Button>
          </>
        }
      />
      {p.error ? (
        <div className="p-5"><ErrorBox error={p.error} onRetry={p.reload} /></div>
      ) : (
        <dl className="grid grid-cols-2 gap-4 p-5 text-sm sm:grid-cols-4" data-testid="pipeline">
          {[
            ["Queued", d && formatNumber(d.queue.queued)],
            ["Running", d && formatNumber(d.queue.running)],
            ["Dead letters", d && formatNumber(d.queue.dead)],
            ["Oldest queued", d && (d.oldest_queued_s == null ? "—" : `${Math.round(d.oldest_queued_s)} s`)],
            ["Latency p50", d && (d.latency_ms.p50 == null ? "—" : `${(d.latency_ms.p50 / 1000).toFixed(1)} s`)],
            ["Latency p95", d && (d.latency_ms.p95 == null ? "—" : `${(d.latency_ms.p95 / 1000).toFixed(1)} s`)],
            ["Processed (1 h)", d && formatNumber(d.processed_1h)],
            ["Failed calls (24 h)", d && formatNumber(d.failed_calls_24h)],
          ].map(([k, v]) => (
            <div key={k as string}>
              <dt className="text-xs text-slate-600">{k}</dt>
              <dd className="tabular mt-0.5 text-lg font-semibold text-slate-900">{v ?? <Skeleton className="h-6 w-12" />}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

function DeadJobsSection() {
  const jobs = useApi<{ jobs: DeadJob[] }>(paths.adminDeadJobs());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader title="Dead letters" description="Jobs that failed every attempt. Retry after fixing the cause." />
      {error && <div className="px-5 pt-4"><ErrorBox error={new Error(error)} /></div>}
      {jobs.error ? (
        <div className="p-5"><ErrorBox error={jobs.error} onRetry={jobs.reload} /></div>
      ) : !jobs.data ? (
        <Skeleton className="m-5 h-24" />
      ) : jobs.data.jobs.length === 0 ? (
        <EmptyState title="No dead letters">Every job has succeeded or is still being retried.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="dead-jobs">
            <TableHead columns={[{ label: "Tenant" }, { label: "Job" }, { label: "Attempts", right: true }, { label: "Last error" }, { label: "Updated" }, { label: "Actions", hidden: true }]} />
            <tbody className="divide-y divide-slate-100">
              {jobs.data.jobs.map((j) => {
                const k = `${j.tenant_id}/${j.id}`;
                return (
                  <tr key={k}>
                    <td className="px-5 py-2.5 font-medium text-slate-900">{j.tenant_name}</td>
                    <td className="px-3 py-2.5"><Badge tone="violet">{j.kind}</Badge> <span className="font-mono text-xs text-slate-600">#{j.id}</span></td>
                    <td className="tabular px-3 py-2.5 text-right">{j.attempts}</td>
                    <td className="max-w-sm px-3 py-2.5 text-xs text-red-800"><span className="line-clamp-2 break-words">{j.last_error ?? "—"}</span></td>
                    <td className="px-3 py-2.5 text-slate-600">{formatDateTime(j.updated_at)}</td>
                    <td className="px-5 py-2.5 text-right">
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy === k}
                        onClick={async () => {
                          setBusy(k);
                          setError(null);
                          try {
                            await api.retryDeadJob(j.tenant_id, j.id);
                            revalidate("/api/v1/admin/dead-jobs");
                            revalidate("/api/v1/admin/pipeline");
                          } catch (e) {
                            setError(e instanceof Error ? e.message : String(e));
                          } finally {
                            setBusy(null);
                          }
                        }}
                      >
                        {busy === k ? "Retrying…" : "Retry"}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function TenantsSection() {
  const t = useApi<{ tenants: AdminTenant[] }>(paths.adminTenants());
  return (
    <Card>
      <CardHeader title="Tenants" description={t.data ? `${t.data.tenants.length} organisations` : undefined} />
      {t.error ? (
        <div className="p-5"><ErrorBox error={t.error} onRetry={t.reload} /></div>
      ) : !t.data ? (
        <Skeleton className="m-5 h-24" />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="tenants-table">
            <TableHead columns={[{ label: "Name" }, { label: "Plan" }, { label: "Price", right: true }, { label: "Calls (30 d)", right: true }, { label: "Numbers", right: true }, { label: "Since" }]} />
            <tbody className="divide-y divide-slate-100">
              {t.data.tenants.map((x) => (
                <tr key={x.id}>
                  <td className="px-5 py-2.5 font-medium text-slate-900">{x.name}</td>
                  <td className="px-3 py-2.5 capitalize"><Badge tone="blue">{x.plan}</Badge></td>
                  <td className="tabular px-3 py-2.5 text-right">{formatCents(x.plan_price_cents, { whole: true })}/mo</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatNumber(x.calls_30d)}</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatNumber(x.numbers)}</td>
                  <td className="py-2.5 pl-3 pr-5 text-slate-600">{new Date(x.created_at).toLocaleDateString("en-US", { month: "short", year: "numeric" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function AdminConsole() {
  const [month, setMonth] = useState(thisMonth());
  return (
    <>
      <PageHeader
        title="Admin console"
        description="What every tenant pays and costs us, how calls are analysed, and how the pipeline is doing."
        actions={<Input label="Month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} className="w-44" />}
      />
      <MarginSection month={month} />
      <AiAnalysisSection month={month} />
      <div className="mt-10 grid gap-6 xl:grid-cols-2">
        <UsageSection />
        <PipelineSection />
      </div>
      <div className="mt-6 space-y-6">
        <DeadJobsSection />
        <TenantsSection />
      </div>
    </>
  );
}
