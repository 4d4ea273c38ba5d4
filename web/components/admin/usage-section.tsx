"use client";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useUsage } from "@/data/admin";
import { formatDay, lastNDays } from "@/lib/format";
import { Card, CardHeader } from "../ui/card";
import { ErrorBox, Skeleton } from "../ui/states";

export function UsageSection() {
  const range = lastNDays(30);
  const usage = useUsage(range);
  const data = (usage.data?.days ?? []).map((d) => ({ ...d, openai: d.openai_micros / 1e6, twilio: d.twilio_micros / 1e6 }));
  return (
    <Card>
      <CardHeader title="Usage over time" description="Provider spend and calls per day, last 30 days" />
      {usage.error ? (
        <div className="p-5">
          <ErrorBox error={usage.error} onRetry={usage.reload} />
        </div>
      ) : !usage.data ? (
        <Skeleton className="m-5 h-64" />
      ) : (
        <div className="h-72 p-4" role="img" aria-label="Daily OpenAI and Twilio spend and calls">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} minTickGap={24} />
              <YAxis yAxisId="usd" tickFormatter={(v) => `$${v}`} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={52} />
              <YAxis
                yAxisId="calls"
                orientation="right"
                tick={{ fontSize: 12, fill: "#475569" }}
                tickLine={false}
                axisLine={false}
                width={40}
                allowDecimals={false}
              />
              <Tooltip
                labelFormatter={(d) => formatDay(String(d))}
                formatter={(v, n) => [n === "Calls" ? String(v) : `$${Number(v).toFixed(2)}`, n]}
                contentStyle={{ borderRadius: 8, fontSize: 12 }}
              />
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
