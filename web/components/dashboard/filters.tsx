"use client";
import { lastNDays } from "@/lib/format";
import type { LeaderboardAgent } from "@/lib/api-types";
import { Input, Select } from "../ui/field";

const presets = [7, 30, 90] as const;

export function DateRangeFilter({ from, to, onChange }: { from: string; to: string; onChange: (r: { from: string; to: string }) => void }) {
  const active = presets.find((n) => {
    const r = lastNDays(n);
    return r.from === from && r.to === to;
  });
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div role="group" aria-label="Quick date ranges" className="inline-flex rounded-lg bg-white p-0.5 shadow-sm ring-1 ring-slate-300">
        {presets.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={active === n}
            onClick={() => onChange(lastNDays(n))}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${active === n ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {n}d
          </button>
        ))}
      </div>
      <Input label="From" type="date" value={from} max={to} onChange={(e) => e.target.value && onChange({ from: e.target.value, to })} className="w-40" />
      <Input label="To" type="date" value={to} min={from} onChange={(e) => e.target.value && onChange({ from, to: e.target.value })} className="w-40" />
    </div>
  );
}

export function AgentFilter({ agents, value, onChange }: { agents: LeaderboardAgent[] | undefined; value: string; onChange: (id: string) => void }) {
  return (
    <Select label="Agent" value={value} onChange={(e) => onChange(e.target.value)} className="w-48">
      <option value="">All agents</option>
      {(agents ?? []).map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </Select>
  );
}
