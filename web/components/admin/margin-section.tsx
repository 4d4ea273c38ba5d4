"use client";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useMargin } from "@/data/admin";
import { formatCents, formatMicros, formatPercent } from "@/lib/format";
import { missingCostText, statusLabel, targetGapText, tenantLabels } from "@/lib/margin";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { TableHead } from "../ui/table";

export function MarginSection({ month }: { month: string }) {
  const margin = useMargin(month);
  const m = margin.data;
  const labels = tenantLabels(m?.tenants ?? []);
  const target = m?.target ?? 0.8;
  const chart = (m?.tenants ?? []).map((t) => ({
    id: t.id,
    name: labels.get(t.id) ?? t.name,
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
          ["Provider cost", m ? formatMicros(m.total.cost_micros.total) : null, "total-cost"],
          ["Gross margin", m ? formatPercent(m.total.gross_margin) : null, "total-margin", m ? targetGapText(m.total.target_gap, target) : null],
          [
            `Below ${formatPercent(target, 0)} target`,
            m ? String(m.tenants.filter((t) => t.status === "below_target").length) : null,
            "below-target",
            m ? `${m.tenants.filter((t) => t.status === "no_revenue").length} with no revenue` : null,
          ],
        ].map(([label, value, id, note]) => (
          <Card key={id} className="p-4" data-testid={id ?? undefined}>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
            {value == null ? <Skeleton className="mt-2 h-8 w-24" /> : <p className="tabular mt-1 text-2xl font-semibold text-slate-900">{value}</p>}
            {note && (
              <p className="mt-1 text-xs text-slate-600" data-testid={`${id}-note`}>
                {note}
              </p>
            )}
          </Card>
        ))}
      </div>
      {m && m.total.missing_costs.length > 0 && (
        <p className="mt-3 text-sm text-amber-900" data-testid="missing-costs">
          {m.total.missing_costs.map(missingCostText).join("; ")}. The margin above leaves that cost out.
        </p>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Gross margin by tenant" description={`Target ${formatPercent(m?.target ?? 0.8, 0)}; tenants below it are red`} />
          <div className="h-72 p-4" role="img" aria-label="Gross margin per tenant against the 80% target">
            {m && chart.length === 0 ? (
              <EmptyState title={m.total.calls > 0 ? "No tenant bills revenue this month" : "No tenants or calls this month"} />
            ) : (
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={chart} margin={{ top: 8, right: 72, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#e2e8f0" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#475569" }} tickLine={false} interval={0} height={40} />
                  <YAxis
                    domain={[0, 100]}
                    tickFormatter={(v) => `${v}%`}
                    tick={{ fontSize: 12, fill: "#475569" }}
                    tickLine={false}
                    axisLine={false}
                    width={44}
                  />
                  <Tooltip
                    cursor={{ fill: "#f1f5f9" }}
                    formatter={(v) => [v == null ? "—" : `${v}%`, "Gross margin"]}
                    contentStyle={{ borderRadius: 8, fontSize: 12 }}
                  />
                  <ReferenceLine
                    y={(m?.target ?? 0.8) * 100}
                    stroke="#dc2626"
                    strokeDasharray="6 4"
                    label={{ value: "80% target", position: "right", fill: "#b91c1c", fontSize: 12 }}
                  />
                  <Bar dataKey="margin" name="Gross margin" radius={[3, 3, 0, 0]} isAnimationActive={false}>
                    {chart.map((c) => (
                      <Cell key={c.id} fill={c.below ? "#dc2626" : "#4f46e5"} />
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
            <TableHead
              columns={[
                { label: "Tenant" },
                { label: "Revenue", right: true },
                { label: "OpenAI", right: true },
                { label: "Twilio", right: true },
                { label: "Total cost", right: true },
                { label: "Gross margin", right: true },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {(m?.tenants ?? []).map((t) => (
                <tr key={t.id} className={t.status === "below_target" ? "bg-red-50/60" : undefined} data-testid="margin-row">
                  <td className="px-5 py-2.5">
                    <span className="font-medium text-slate-900">{t.name}</span>{" "}
                    <span className="text-xs text-slate-600" data-testid="tenant-slug">
                      {t.slug}
                    </span>
                  </td>
                  <td className="tabular px-3 py-2.5 text-right">{formatCents(t.revenue_cents)}</td>
                  <td className="tabular px-3 py-2.5 text-right">
                    <CostCell micros={t.cost_micros.openai} missing={t.missing_costs.find((c) => c.provider === "openai")} />
                  </td>
                  <td className="tabular px-3 py-2.5 text-right">
                    <CostCell micros={t.cost_micros.twilio} missing={t.missing_costs.find((c) => c.provider === "twilio")} />
                  </td>
                  <td className="tabular px-3 py-2.5 text-right">{formatMicros(t.cost_micros.total)}</td>
                  <td className="tabular px-5 py-2.5 text-right font-semibold" data-testid="margin-status">
                    {t.status === "no_revenue" ? (
                      <Badge tone="gray">{statusLabel.no_revenue}</Badge>
                    ) : t.status === "below_target" ? (
                      <Badge tone="red">
                        {formatPercent(t.gross_margin)} {statusLabel.below_target.toLowerCase()}
                      </Badge>
                    ) : (
                      formatPercent(t.gross_margin)
                    )}
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

/** A provider's spend, or why there is none ("no OpenAI spend: rules analyzer"), never a bare $0. */
function CostCell({ micros, missing }: { micros: number; missing?: Parameters<typeof missingCostText>[0] }) {
  if (micros === 0 && missing) return <span className="text-xs font-normal text-amber-900">{missingCostText(missing)}</span>;
  return <>{formatMicros(micros)}</>;
}
