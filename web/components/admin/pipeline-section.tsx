"use client";
import { usePipeline } from "@/data/admin";
import { formatNumber } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { ErrorBox, Skeleton } from "../ui/states";

export function PipelineSection() {
  const p = usePipeline();
  const d = p.data;
  const healthy = d && d.queue.dead === 0 && (d.oldest_queued_s ?? 0) < 300;
  return (
    <Card>
      <CardHeader
        title="Pipeline health"
        actions={
          <>
            {d && <Badge tone={healthy ? "green" : "amber"}>{healthy ? "Healthy" : "Needs attention"}</Badge>}
            <Button size="sm" variant="ghost" onClick={p.reload}>
              Refresh
            </Button>
          </>
        }
      />
      {p.error ? (
        <div className="p-5">
          <ErrorBox error={p.error} onRetry={p.reload} />
        </div>
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
