"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { agentKeys, useAgents } from "@/data/agents";
import { refreshKpis, useKpis, useKpiSeries } from "@/data/kpis";
import { numberKeys, useChecklist } from "@/data/numbers";
import { getJson } from "@/lib/api";
import type { Ok } from "@/lib/api-types";
import { formatPhone, lastNDays } from "@/lib/format";
import { useLiveEvents } from "@/lib/use-live";
import { useUrlState } from "@/lib/url-state";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import dynamic from "next/dynamic";
import { AgentFilter, DateRangeFilter } from "./filters";
import { KpiCards } from "./kpi-cards";
import { Leaderboard } from "./leaderboard";
import { ExportButton } from "../ui/export-button";
import { LiveBadge } from "./live-badge";
import { NeedsCoaching } from "./needs-coaching";
import { SetupChecklist } from "./setup-checklist";
import { TrackersCard } from "./trackers-card";

type Checklist = Ok<"/api/v1/onboarding/checklist">;

// Charts (recharts) load after the KPI cards: they are the heaviest part of the page.
const TrendChart = dynamic(() => import("./charts").then((m) => m.TrendChart), { ssr: false, loading: () => <Skeleton className="mx-5 h-72" /> });
const SentimentDistribution = dynamic(() => import("./charts").then((m) => m.SentimentDistribution), {
  ssr: false,
  loading: () => <Skeleton className="mx-5 mb-5 h-40" />,
});

export function Dashboard() {
  const [q, setQ] = useUrlState(["from", "to", "agent"] as const);
  const def = lastNDays(30);
  const range = { from: q.from || def.from, to: q.to || def.to };
  const filter = { ...range, agent_id: q.agent || undefined };

  const kpis = useKpis(filter);
  const series = useKpiSeries(filter);
  const agents = useAgents(range);
  const checklist = useChecklist();
  const router = useRouter();
  // Setup left half-way (no number or no agents, and no call yet): back to where it stopped.
  const unfinished = checklist.data && checklist.data.calls === 0 && (checklist.data.next === "number" || checklist.data.next === "agents");
  useEffect(() => {
    if (!unfinished) return;
    // The cached checklist may predate the last onboarding step: ask again before sending the
    // manager back.
    let live = true;
    getJson<Checklist>(numberKeys.checklist).then(
      (c) => live && c.calls === 0 && (c.next === "number" || c.next === "agents") && router.replace("/onboarding"),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [unfinished, router]);
  const live = useLiveEvents(() => {
    refreshKpis();
    checklist.reload();
    // KPIs come from a rollup the workers refresh about a second after an insight lands.
    setTimeout(refreshKpis, 2500);
  });

  const empty = kpis.data && kpis.data.current.calls === 0 && kpis.data.previous.calls === 0;

  return (
    <>
      <PageHeader
        title="Performance"
        description={
          <span className="inline-flex items-center gap-2">
            Team KPIs for the selected period, compared with the period before. <LiveBadge status={live} />
          </span>
        }
        actions={
          <>
            <DateRangeFilter from={range.from} to={range.to} onChange={(r) => setQ(r)} />
            <AgentFilter agents={agents.data?.agents} value={q.agent} onChange={(agent) => setQ({ agent })} />
          </>
        }
      />
      {kpis.error && (
        <div className="mb-4">
          <ErrorBox error={kpis.error} onRetry={kpis.reload} title="Could not load KPIs" />
        </div>
      )}
      {checklist.data && <SetupChecklist checklist={checklist.data} />}
      <KpiCards kpis={kpis.data} loading={kpis.loading} />
      {empty && (
        <Card className="mt-6">
          <EmptyState title="No calls in this period yet">
            Calls to your Converza numbers show up here as soon as they are analysed.{" "}
            {checklist.data?.number ? (
              <>Pick a longer range, or call {formatPhone(checklist.data.number)} to make one.</>
            ) : checklist.data ? (
              <>
                Pick a longer range, or{" "}
                <Link className="font-medium text-brand-700 underline" href="/onboarding?step=number">
                  set up a number
                </Link>
                .
              </>
            ) : (
              <>Pick a longer range.</>
            )}
          </EmptyState>
        </Card>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Daily trend" description="Calls per day with the selected metric" />
          <div className="py-4">
            {series.error ? (
              <div className="px-5">
                <ErrorBox error={series.error} onRetry={series.reload} />
              </div>
            ) : series.data ? (
              <TrendChart days={series.data.days} />
            ) : (
              <Skeleton className="mx-5 h-72" />
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title="Customer sentiment" description="Analysed calls by sentiment" />
          <div className="pt-4">{kpis.data ? <SentimentDistribution sentiment={kpis.data.current.sentiment} /> : <Skeleton className="mx-5 mb-5 h-40" />}</div>
        </Card>
      </div>
      <NeedsCoaching filter={filter} />
      <TrackersCard range={range} />
      <Card className="mt-6">
        <CardHeader
          title="Agent leaderboard"
          description="Ranked by upsell revenue, then conversion rate"
          actions={
            <>
              <ExportButton path={agentKeys.export(range)} testId="leaderboard-export" />
              <Link href="/agents" className="text-sm font-medium text-brand-700 hover:underline">
                Manage agents
              </Link>
            </>
          }
        />
        {agents.error ? (
          <div className="p-5">
            <ErrorBox error={agents.error} onRetry={agents.reload} />
          </div>
        ) : agents.data ? (
          <Leaderboard agents={agents.data.agents} range={range} />
        ) : (
          <div className="space-y-2 p-5">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-8" />
            ))}
          </div>
        )}
      </Card>
    </>
  );
}
