"use client";
import { useState } from "react";
import { useDeadJobs, useRetryDeadJob } from "@/data/admin";
import { formatDateTime } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { TableHead } from "../ui/table";

export function DeadJobsSection() {
  const jobs = useDeadJobs();
  const { retry, error } = useRetryDeadJob();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader title="Dead letters" description="Jobs that failed every attempt. Retry after fixing the cause." />
      {error && (
        <div className="px-5 pt-4">
          <ErrorBox error={error} />
        </div>
      )}
      {jobs.error ? (
        <div className="p-5">
          <ErrorBox error={jobs.error} onRetry={jobs.reload} />
        </div>
      ) : !jobs.data ? (
        <Skeleton className="m-5 h-24" />
      ) : jobs.data.jobs.length === 0 ? (
        <EmptyState title="No dead letters">Every job has succeeded or is still being retried.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="dead-jobs">
            <TableHead
              columns={[
                { label: "Tenant" },
                { label: "Job" },
                { label: "Attempts", right: true },
                { label: "Last error" },
                { label: "Updated" },
                { label: "Actions", hidden: true },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {jobs.data.jobs.map((j) => {
                const k = `${j.tenant_id}/${j.id}`;
                return (
                  <tr key={k}>
                    <td className="px-5 py-2.5 font-medium text-slate-900">{j.tenant_name}</td>
                    <td className="px-3 py-2.5">
                      <Badge tone="violet">{j.kind}</Badge> <span className="font-mono text-xs text-slate-600">#{j.id}</span>
                    </td>
                    <td className="tabular px-3 py-2.5 text-right">{j.attempts}</td>
                    <td className="max-w-sm px-3 py-2.5 text-xs text-red-800">
                      <span className="line-clamp-2 break-words">{j.last_error ?? "—"}</span>
                    </td>
                    <td className="px-3 py-2.5 text-slate-600">{formatDateTime(j.updated_at)}</td>
                    <td className="px-5 py-2.5 text-right">
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy === k}
                        onClick={async () => {
                          setBusy(k);
                          await retry(j.tenant_id, j.id);
                          setBusy(null);
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
