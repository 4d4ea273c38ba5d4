"use client";
import Link from "next/link";
import { formatCents, formatNumber, formatPercent } from "@/lib/format";
import type { LeaderboardAgent } from "@/lib/api-types";
import { EmptyState } from "../ui/states";
import { cardsOnPhone, TableHead } from "../ui/table";

export function Leaderboard({ agents, range }: { agents: LeaderboardAgent[]; range: { from: string; to: string } }) {
  const ranked = agents.filter((a) => a.kpis && a.kpis.calls > 0);
  if (ranked.length === 0) return <EmptyState title="No agent activity in this period">Calls appear here once they are analysed.</EmptyState>;
  return (
    <div className="overflow-x-auto">
      <table className={`min-w-full text-sm ${cardsOnPhone}`}>
        <caption className="sr-only">Agents ranked by upsell revenue, then conversion rate</caption>
        <TableHead
          columns={[
            { label: "#" },
            { label: "Agent" },
            { label: "Calls", right: true },
            { label: "Conversion", right: true },
            { label: "Upsell", right: true },
            { label: "AI score", right: true },
            { label: "Script", right: true },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {ranked.map((a, i) => (
            <tr key={a.id} className="hover:bg-slate-50">
              <td data-label="Rank" className="tabular px-5 py-2.5 text-slate-600">
                {i + 1}
              </td>
              <td className="px-3 py-2.5 font-medium text-slate-900">
                <Link className="hover:text-brand-700 hover:underline" href={`/agents/view?id=${a.id}&from=${range.from}&to=${range.to}`}>
                  {a.name}
                </Link>
              </td>
              <td data-label="Calls" className="tabular px-3 py-2.5 text-right">
                {formatNumber(a.kpis!.calls)}
              </td>
              <td data-label="Conversion" className="tabular px-3 py-2.5 text-right">
                {formatPercent(a.kpis!.conversion_rate)}
              </td>
              <td data-label="Upsell" className="tabular px-3 py-2.5 text-right font-medium">
                {formatCents(a.kpis!.upsell_cents, { whole: true })}
              </td>
              <td data-label="AI score" className="tabular px-3 py-2.5 text-right">
                {a.kpis!.avg_ai_score == null ? "—" : a.kpis!.avg_ai_score.toFixed(1)}
              </td>
              <td data-label="Script" className="tabular px-5 py-2.5 text-right">
                {formatPercent(a.kpis!.script_adherence, 0)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
