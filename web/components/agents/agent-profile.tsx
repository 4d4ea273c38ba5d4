"use client";
// One agent's page (/agents/view?id=…): their KPIs against the team's over the period, the trend
// of both, the script items they miss most, their calls that need coaching, and what managers
// said on their calls and corrected in the AI's findings.
import Link from "next/link";
import dynamic from "next/dynamic";
import { useAgentProfile, type AgentProfile as Profile } from "@/data/agents";
import { useKpis, useKpiSeries } from "@/data/kpis";
import { useScriptOrEmpty } from "@/data/script";
import type { KpiSummary } from "@/lib/api-types";
import { formatCents, formatDateTime, formatMs, formatNumber, formatPercent, lastNDays } from "@/lib/format";
import { overrideFieldLabel, overrideValueText } from "@/lib/overrides";
import { useUrlState } from "@/lib/url-state";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { DateRangeFilter } from "../dashboard/filters";
import { NeedsCoaching } from "../dashboard/needs-coaching";

const AgentVsTeamChart = dynamic(() => import("../dashboard/charts").then((m) => m.AgentVsTeamChart), {
  ssr: false,
  loading: () => <Skeleton className="mx-5 h-64" />,
});

type Current = KpiSummary["current"];

const rows: { label: string; value: (k: Current) => string }[] = [
  { label: "Calls", value: (k) => formatNumber(k.calls) },
  { label: "Conversion rate", value: (k) => formatPercent(k.conversion_rate) },
  { label: "Upsell per analysed call", value: (k) => formatCents(k.analyzed ? k.upsell_cents / k.analyzed : null) },
  { label: "Average AI score", value: (k) => (k.avg_ai_score == null ? "—" : k.avg_ai_score.toFixed(1)) },
  { label: "Average sentiment", value: (k) => (k.avg_sentiment == null ? "—" : k.avg_sentiment.toFixed(2)) },
  { label: "Script adherence", value: (k) => formatPercent(k.script_adherence) },
];

function AgainstTeam({ agent, team }: { agent: Current | undefined; team: Current | undefined }) {
  return (
    <table className="min-w-full text-sm" data-testid="agent-vs-team">
      <caption className="sr-only">The agent&apos;s KPIs against the team&apos;s over the period</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
          <th scope="col" className="px-5 py-2 font-medium">
            Metric
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            Agent
          </th>
          <th scope="col" className="px-5 py-2 text-right font-medium">
            Team
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row" className="px-5 py-2 text-left font-normal text-slate-700">
              {r.label}
            </th>
            <td className="tabular px-3 py-2 text-right font-semibold text-slate-900">{agent ? r.value(agent) : <Skeleton className="ml-auto h-4 w-12" />}</td>
            <td className="tabular px-5 py-2 text-right text-slate-600">{team ? r.value(team) : <Skeleton className="ml-auto h-4 w-12" />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ScriptItems({ items, labels }: { items: Profile["script_items"]; labels: Record<string, string> }) {
  if (items.length === 0) return <EmptyState title="No scored calls in this period">Script items appear once the agent&apos;s calls are analysed.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Script items, weakest first">
      {items.map((i) => (
        <li key={i.key} className="px-5 py-3" data-testid="script-item">
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="font-medium text-slate-900">{labels[i.key] ?? i.key}</span>
            <span className="tabular whitespace-nowrap text-slate-600">
              <span className="font-semibold text-slate-900">{formatPercent(i.agent_rate, 0)}</span> vs team {formatPercent(i.team_rate, 0)}
            </span>
          </div>
          <div className="relative mt-1.5 h-2 rounded-full bg-slate-100" aria-hidden="true">
            <div className="h-2 rounded-full bg-brand-600" style={{ width: `${100 * (i.agent_rate ?? 0)}%` }} />
            <div className="absolute -top-0.5 h-3 w-0.5 bg-slate-500" style={{ left: `${100 * i.team_rate}%` }} title="Team" />
          </div>
          <p className="mt-1 text-xs text-slate-600">
            {i.agent_calls === 0 ? "No scored calls of theirs" : `${formatNumber(i.agent_calls)} scored call${i.agent_calls === 1 ? "" : "s"}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Comments({ comments }: { comments: Profile["comments"] }) {
  if (comments.length === 0) return <EmptyState title="No comments yet">Comments managers leave on this agent&apos;s calls gather here.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100">
      {comments.map((c) => (
        <li key={`${c.call_id}-${c.created_at}`} data-testid="agent-comment">
          <Link href={`/calls/view?id=${c.call_id}&t=${Math.floor(c.at_ms / 1000)}`} className="block px-5 py-3 hover:bg-slate-50">
            <p className="text-sm text-slate-900">{c.body}</p>
            <p className="mt-1 text-xs text-slate-600">
              {c.author_email} · at {formatMs(c.at_ms)} of the call of {formatDateTime(c.call_started_at)}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Overrides({ overrides, labels }: { overrides: Profile["overrides"]; labels: Record<string, string> }) {
  if (overrides.length === 0)
    return <EmptyState title="No corrections yet">When a manager corrects the AI on one of this agent&apos;s calls, it shows here.</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100">
      {overrides.map((o) => (
        <li key={`${o.call_id}-${o.field}-${o.created_at}`} data-testid="agent-override">
          <Link href={`/calls/view?id=${o.call_id}`} className="block px-5 py-3 hover:bg-slate-50">
            <p className="text-sm text-slate-900">
              <span className="font-medium">{overrideFieldLabel(o.field, labels)}</span>: {overrideValueText(o.field, o.value)}{" "}
              <span className="text-slate-600">(AI said {overrideValueText(o.field, o.ai_value)})</span>
            </p>
            <p className="mt-0.5 text-sm text-slate-700">“{o.reason}”</p>
            <p className="mt-1 text-xs text-slate-600">
              {o.author_email} · on the call of {formatDateTime(o.call_started_at)}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function AgentProfile() {
  const [q, setQ] = useUrlState(["id", "from", "to"] as const);
  const def = lastNDays(30);
  const range = { from: q.from || def.from, to: q.to || def.to };
  const id = q.id || null;
  const profile = useAgentProfile(id, range);
  const agentKpis = useKpis({ ...range, agent_id: id ?? undefined });
  const teamKpis = useKpis(range);
  const agentSeries = useKpiSeries({ ...range, agent_id: id ?? undefined });
  const teamSeries = useKpiSeries(range);
  const script = useScriptOrEmpty();
  const labels = Object.fromEntries((script.data?.items ?? []).map((i) => [i.key, i.label]));
  const name = profile.data?.agent.name ?? "Agent";

  if (!id) {
    return (
      <Card>
        <EmptyState title="No agent chosen">
          Pick an agent on the{" "}
          <Link className="font-medium text-brand-700 underline" href="/agents">
            agents page
          </Link>
          .
        </EmptyState>
      </Card>
    );
  }
  if (profile.error) return <ErrorBox error={profile.error} onRetry={profile.reload} title="Could not load this agent" />;

  return (
    <>
      <PageHeader
        title={profile.data ? name : "Agent"}
        description={
          profile.data && !profile.data.agent.active ? "Inactive: no longer rung for new calls." : "Performance against the team over the selected period."
        }
        actions={<DateRangeFilter from={range.from} to={range.to} onChange={(r) => setQ(r)} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title="Against the team" description="Same period, every agent together" />
          <AgainstTeam agent={agentKpis.data?.current} team={teamKpis.data?.current} />
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title="Over time" description={`${name} against the team, day by day`} />
          <div className="py-4">
            {agentSeries.data && teamSeries.data ? (
              <AgentVsTeamChart agent={agentSeries.data.days} team={teamSeries.data.days} agentName={name} />
            ) : (
              <Skeleton className="mx-5 h-64" />
            )}
          </div>
        </Card>
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card data-testid="weakest-items">
          <CardHeader title="Script items, weakest first" description="Share of their analysed calls that met each item; the mark is the team's" />
          {profile.data ? <ScriptItems items={profile.data.script_items} labels={labels} /> : <Skeleton className="mx-5 mb-5 h-40" />}
        </Card>
        <Card data-testid="agent-comments">
          <CardHeader title="Comments on their calls" description="The latest notes managers left, at their moment in the call" />
          {profile.data ? <Comments comments={profile.data.comments} /> : <Skeleton className="mx-5 mb-5 h-40" />}
        </Card>
        <Card data-testid="agent-overrides" className="lg:col-span-2">
          <CardHeader
            title="Corrections to the AI on their calls"
            description="What managers changed in the analysis, and why; the corrected values count in every KPI"
          />
          {profile.data ? <Overrides overrides={profile.data.overrides} labels={labels} /> : <Skeleton className="mx-5 mb-5 h-24" />}
        </Card>
      </div>
      <NeedsCoaching filter={{ ...range, agent_id: id }} />
    </>
  );
}
