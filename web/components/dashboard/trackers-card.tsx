// "Trackers over time": calls hit per tracker and day in the dashboard's range, with each
// tracker's total linking to those calls.
"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo } from "react";
import { type TrackerSeries, useTrackerSeries } from "@/data/trackers";
import { Card, CardHeader } from "../ui/card";
import { ErrorBox, Skeleton } from "../ui/states";

const TrackerChart = dynamic(() => import("./charts").then((m) => m.TrackerChart), { ssr: false, loading: () => <Skeleton className="mx-5 h-56" /> });

/** One row per day of the range, with a count per tracker id (0 where none hit). */
export function trackerRows(s: TrackerSeries): Array<Record<string, number | string>> {
  const byDay = new Map<string, Record<string, number | string>>();
  const start = new Date(`${s.from}T00:00:00Z`);
  const end = new Date(`${s.to}T00:00:00Z`);
  for (let d = start; d <= end; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    byDay.set(day, Object.fromEntries([["day", day], ...s.trackers.map((t) => [t.id, 0])]));
  }
  for (const r of s.days) {
    const row = byDay.get(r.day);
    if (row) row[r.tracker_id] = r.calls;
  }
  return [...byDay.values()];
}

export function TrackersCard({ range }: { range: { from: string; to: string } }) {
  const series = useTrackerSeries(range);
  const rows = useMemo(() => (series.data ? trackerRows(series.data) : []), [series.data]);
  const totals = useMemo(() => {
    const t = new Map<string, number>();
    for (const r of series.data?.days ?? []) t.set(r.tracker_id, (t.get(r.tracker_id) ?? 0) + r.calls);
    return t;
  }, [series.data]);

  return (
    <Card className="mt-6" data-testid="trackers-card">
      <CardHeader
        title="Trackers over time"
        description="Calls per day in which each tracker was heard"
        actions={
          <Link href="/trackers" className="text-sm font-medium text-brand-700 hover:underline">
            Manage trackers
          </Link>
        }
      />
      {series.error ? (
        <div className="p-5">
          <ErrorBox error={series.error} onRetry={series.reload} />
        </div>
      ) : !series.data ? (
        <Skeleton className="mx-5 my-4 h-56" />
      ) : series.data.trackers.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">
          No trackers yet.{" "}
          <Link href="/trackers" className="font-medium text-brand-700 hover:underline">
            Add one
          </Link>{" "}
          to spot phrases like “cancel” or a competitor’s name in every call.
        </p>
      ) : (
        <div className="pb-4 pt-3">
          <TrackerChart rows={rows} trackers={series.data.trackers} />
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 px-5 text-sm">
            {series.data.trackers.map((t) => (
              <li key={t.id}>
                <Link href={`/calls?tracker=${t.id}&from=${range.from}&to=${range.to}`} className="text-brand-700 hover:underline" data-testid="tracker-total">
                  {t.name}: {(totals.get(t.id) ?? 0).toLocaleString()} calls
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
