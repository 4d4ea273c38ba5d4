"use client";
import { Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents, formatDay, formatPercent } from "@/lib/format";
import type { KpiDay, Kpis } from "@/lib/api-types";
import { useState } from "react";

const metricDefs = {
  conversion: { label: "Conversion rate", key: "conversion_rate", fmt: (v: number) => formatPercent(v, 0), tick: (v: number) => formatPercent(v, 0) },
  upsell: {
    label: "Upsell revenue",
    key: "upsell_cents",
    fmt: (v: number) => formatCents(v, { whole: true }),
    tick: (v: number) => formatCents(v, { whole: true }),
  },
  score: { label: "AI score", key: "avg_ai_score", fmt: (v: number) => v.toFixed(1), tick: (v: number) => String(Math.round(v)) },
} as const;
type Metric = keyof typeof metricDefs;

/** The row of pills that chooses which metric a chart draws. */
function MetricPicker<M extends string>({
  label,
  defs,
  value,
  onChange,
}: {
  label: string;
  defs: Record<M, { label: string }>;
  value: M;
  onChange: (m: M) => void;
}) {
  return (
    <div role="radiogroup" aria-label={label} className="mb-3 flex flex-wrap gap-2 px-5">
      {(Object.keys(defs) as M[]).map((m) => (
        <button
          key={m}
          role="radio"
          aria-checked={value === m}
          type="button"
          onClick={() => onChange(m)}
          className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${value === m ? "bg-brand-50 text-brand-800 ring-brand-300" : "text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
        >
          {defs[m].label}
        </button>
      ))}
    </div>
  );
}

export function TrendChart({ days }: { days: KpiDay[] }) {
  const [metric, setMetric] = useState<Metric>("conversion");
  const def = metricDefs[metric];
  return (
    <div>
      <MetricPicker label="Line metric" defs={metricDefs} value={metric} onChange={setMetric} />
      <div className="h-72 px-2" role="img" aria-label={`Daily calls and ${def.label.toLowerCase()}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={formatDay}
              tick={{ fontSize: 12, fill: "#475569" }}
              tickLine={false}
              axisLine={{ stroke: "#cbd5e1" }}
              minTickGap={24}
            />
            <YAxis yAxisId="calls" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
            <YAxis
              yAxisId="metric"
              orientation="right"
              tick={{ fontSize: 12, fill: "#475569" }}
              tickLine={false}
              axisLine={false}
              width={56}
              tickFormatter={def.tick}
            />
            <Tooltip
              labelFormatter={(d) => formatDay(String(d))}
              formatter={(v, name) => (name === "Calls" ? [String(v), name] : [v == null ? "—" : def.fmt(Number(v)), name])}
              contentStyle={{ borderRadius: 8, borderColor: "#cbd5e1", fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(v) => <span style={{ color: "#334155" }}>{v}</span>} />
            <Bar yAxisId="calls" dataKey="calls" name="Calls" fill="#a5b4fc" radius={[3, 3, 0, 0]} maxBarSize={36} isAnimationActive={false} />
            <Line yAxisId="metric" dataKey={def.key} name={def.label} stroke="#4f46e5" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

const sentimentColors = { positive: "#059669", neutral: "#94a3b8", negative: "#dc2626" } as const;

export function SentimentDistribution({ sentiment }: { sentiment: Kpis["sentiment"] }) {
  const total = sentiment.positive + sentiment.neutral + sentiment.negative;
  const data = (["positive", "neutral", "negative"] as const).map((k) => ({ name: k, value: sentiment[k] }));
  return (
    <div className="flex flex-col items-center gap-4 px-5 pb-5 sm:flex-row lg:flex-col">
      <div className="h-40 w-40 shrink-0" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie
              data={total ? data : [{ name: "none", value: 1 }]}
              dataKey="value"
              innerRadius={48}
              outerRadius={72}
              paddingAngle={total ? 2 : 0}
              isAnimationActive={false}
              stroke="none"
            >
              {(total ? data : [{ name: "none" }]).map((d) => (
                <Cell key={d.name} fill={total ? sentimentColors[d.name as keyof typeof sentimentColors] : "#e2e8f0"} />
              ))}
            </Pie>
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul className="w-full space-y-3" aria-label="Sentiment of analysed calls">
        {data.map((d) => (
          <li key={d.name}>
            <div className="flex items-center justify-between text-sm">
              <span className="flex items-center gap-2 capitalize text-slate-700">
                <span className="h-2.5 w-2.5 rounded-full" style={{ background: sentimentColors[d.name] }} aria-hidden="true" />
                {d.name}
              </span>
              <span className="tabular whitespace-nowrap font-medium text-slate-900">
                {d.value} <span className="font-normal text-slate-600">({formatPercent(total ? d.value / total : null, 0)})</span>
              </span>
            </div>
            <div className="mt-1 h-1.5 rounded-full bg-slate-100">
              <div className="h-1.5 rounded-full" style={{ width: `${total ? (100 * d.value) / total : 0}%`, background: sentimentColors[d.name] }} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

const compareDefs = {
  conversion: { label: "Conversion rate", key: "conversion_rate", fmt: (v: number) => formatPercent(v, 0) },
  score: { label: "AI score", key: "avg_ai_score", fmt: (v: number) => v.toFixed(1) },
  sentiment: { label: "Sentiment", key: "avg_sentiment", fmt: (v: number) => v.toFixed(2) },
} as const;
type CompareMetric = keyof typeof compareDefs;

/** One agent's daily metric against the whole team's, on the same days. */
export function AgentVsTeamChart({ agent, team, agentName }: { agent: KpiDay[]; team: KpiDay[]; agentName: string }) {
  const [metric, setMetric] = useState<CompareMetric>("conversion");
  const def = compareDefs[metric];
  const teamByDay = new Map(team.map((d) => [d.day, d]));
  const data = agent.map((d) => ({ day: d.day, agent: d[def.key], team: teamByDay.get(d.day)?.[def.key] ?? null }));
  return (
    <div>
      <MetricPicker label="Compared metric" defs={compareDefs} value={metric} onChange={setMetric} />
      <div className="h-64 px-2" role="img" aria-label={`Daily ${def.label.toLowerCase()}: ${agentName} against the team`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={formatDay}
              tick={{ fontSize: 12, fill: "#475569" }}
              tickLine={false}
              axisLine={{ stroke: "#cbd5e1" }}
              minTickGap={24}
            />
            <YAxis tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={48} tickFormatter={(v: number) => def.fmt(v)} />
            <Tooltip
              labelFormatter={(d) => formatDay(String(d))}
              formatter={(v, name) => [v == null ? "—" : def.fmt(Number(v)), name]}
              contentStyle={{ borderRadius: 8, borderColor: "#cbd5e1", fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(v) => <span style={{ color: "#334155" }}>{v}</span>} />
            <Line dataKey="agent" name={agentName} stroke="#4f46e5" strokeWidth={2} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
            <Line dataKey="team" name="Team" stroke="#94a3b8" strokeWidth={2} strokeDasharray="4 3" dot={false} connectNulls isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

const trackerColors = ["#0284c7", "#f59e0b", "#7c3aed", "#059669", "#dc2626", "#64748b"];

/** Calls hit per tracker and day, as stacked bars (one colour per tracker). */
export function TrackerChart({ rows, trackers }: { rows: Array<Record<string, number | string>>; trackers: Array<{ id: string; name: string }> }) {
  return (
    <div className="h-56 px-2" role="img" aria-label="Calls hit per tracker and day">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={formatDay}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
            minTickGap={24}
          />
          <YAxis tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={40} allowDecimals={false} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} contentStyle={{ borderRadius: 8, borderColor: "#cbd5e1", fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(v) => <span style={{ color: "#334155" }}>{v}</span>} />
          {trackers.map((t, i) => (
            <Bar
              key={t.id}
              dataKey={t.id}
              name={t.name}
              stackId="hits"
              fill={trackerColors[i % trackerColors.length]}
              maxBarSize={36}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
