// The alert delivery log: every webhook POST and e-mail a rule queued, newest first, with its
// status chip (pending / sent / failed), attempts and the last error, linking to the call.
"use client";
import Link from "next/link";
import { type AlertDelivery, useAlertDeliveries } from "@/data/alerts";
import { formatDateTime } from "@/lib/format";
import { Badge, type Tone } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { cardsOnPhone, TableHead } from "../ui/table";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";

const statusTone: Record<AlertDelivery["status"], Tone> = { pending: "amber", sent: "green", failed: "red" };

function Status({ d }: { d: AlertDelivery }) {
  const label = d.status === "pending" && d.attempts > 0 ? `retrying (${d.attempts})` : d.status;
  return (
    <Badge tone={statusTone[d.status]} data-testid="delivery-status" data-status={d.status}>
      {label}
    </Badge>
  );
}

export function DeliveryLog() {
  const log = useAlertDeliveries();
  return (
    <Card>
      <CardHeader title="Delivery log" description="The latest 100 alerts sent or being sent. Failed sends are retried with growing waits, up to 8 attempts." />
      {log.error ? (
        <div className="p-5">
          <ErrorBox error={log.error} onRetry={log.reload} />
        </div>
      ) : !log.data ? (
        <div className="space-y-2 p-5">
          <Skeleton className="h-6" />
          <Skeleton className="h-6" />
        </div>
      ) : log.data.deliveries.length === 0 ? (
        <EmptyState title="Nothing sent yet">When an analysed call matches a rule, its webhook and e-mails show here.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className={`w-full text-sm ${cardsOnPhone}`} data-testid="deliveries">
            <TableHead
              columns={[
                { label: "Queued" },
                { label: "Rule" },
                { label: "Sent to" },
                { label: "Status" },
                { label: "Attempts", right: true },
                { label: "Call" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {log.data.deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery" data-rule={d.rule_name} data-channel={d.channel}>
                  <td data-label="Queued" className="whitespace-nowrap py-2 pl-5 pr-3 text-slate-700">
                    {formatDateTime(d.created_at)}
                  </td>
                  <td data-label="Rule" className="px-3 py-2 font-medium text-slate-900">
                    {d.rule_name}
                  </td>
                  <td data-label="Sent to" className="px-3 py-2 text-slate-700">
                    {d.channel === "webhook" ? "Webhook" : d.target}
                  </td>
                  <td data-label="Status" className="px-3 py-2">
                    <Status d={d} />
                    {d.last_error && (
                      <p className="mt-1 max-w-xs text-xs text-red-700" data-testid="delivery-error">
                        {d.last_error}
                      </p>
                    )}
                    {d.status === "sent" && d.sent_at && <p className="mt-1 text-xs text-slate-600">{formatDateTime(d.sent_at)}</p>}
                  </td>
                  <td data-label="Attempts" className="px-3 py-2 text-right tabular-nums text-slate-700">
                    {d.attempts}
                  </td>
                  <td data-label="Call" className="py-2 pl-3 pr-5">
                    <Link href={`/calls/view?id=${d.call_id}`} className="font-medium text-brand-700 hover:underline">
                      {d.call_started_at ? formatDateTime(d.call_started_at) : "Open call"}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
