"use client";
// The dashboard's "Needs coaching" card: the lowest-scored analysed calls of the selected period
// that need coaching, each with why (the API's reasons) and a link straight to its coaching view.
import Link from "next/link";
import { useCalls } from "@/data/calls";
import { coachingReasonLabel } from "@/lib/analysis";
import { formatDateTime } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";

const shown = 5;

export function NeedsCoaching({ filter }: { filter: { from: string; to: string; agent_id?: string } }) {
  const calls = useCalls({ ...filter, low_performers: "true", sort: "ai_score", order: "asc", limit: shown });
  const all = `/calls?from=${filter.from}&to=${filter.to}${filter.agent_id ? `&agent=${filter.agent_id}` : ""}&low=1&sort=ai_score&order=asc`;
  const total = calls.data ? `${calls.data.total.toLocaleString("en-US")}${calls.data.total_capped ? "+" : ""}` : null;
  return (
    <Card className="mt-6" data-testid="needs-coaching">
      <CardHeader
        title="Needs coaching"
        description={total ? `Lowest-scored calls of the period that need coaching (${total} in all)` : "Lowest-scored calls of the period that need coaching"}
        actions={
          <Link className="text-sm font-medium text-brand-700 hover:underline" href={all}>
            See all
          </Link>
        }
      />
      {calls.error ? (
        <div className="px-5 pb-5">
          <ErrorBox error={calls.error} onRetry={calls.reload} />
        </div>
      ) : !calls.data ? (
        <Skeleton className="mx-5 mb-5 h-32" />
      ) : calls.data.calls.length === 0 ? (
        <EmptyState title="No call needs coaching in this period">Calls with missed script items, an unhappy customer or a lost sale show up here.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {calls.data.calls.map((c) => (
            <li key={c.id} data-testid="coaching-call">
              <Link href={`/calls/view?id=${c.id}`} className="flex items-start gap-4 px-5 py-3 hover:bg-slate-50">
                <span className="tabular w-10 shrink-0 text-right text-lg font-semibold text-slate-900" title="AI score">
                  {c.ai_score ?? "—"}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-medium text-slate-900">
                    {c.agent?.name ?? "Unassigned"} · {formatDateTime(c.started_at)}
                  </span>
                  <span className="mt-1 flex flex-wrap gap-1.5">
                    {c.coaching_reasons.map((r) => (
                      <Badge key={r.code} tone="amber" data-testid="coaching-reason">
                        {coachingReasonLabel(r)}
                      </Badge>
                    ))}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
