"use client";
import { useTenants } from "@/data/admin";
import { formatCents, formatNumber } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { ErrorBox, Skeleton } from "../ui/states";
import { TableHead } from "../ui/table";

export function TenantsSection() {
  const t = useTenants();
  return (
    <Card>
      <CardHeader title="Tenants" description={t.data ? `${t.data.tenants.length} organisations` : undefined} />
      {t.error ? (
        <div className="p-5">
          <ErrorBox error={t.error} onRetry={t.reload} />
        </div>
      ) : !t.data ? (
        <Skeleton className="m-5 h-24" />
      ) : (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="tenants-table">
            <TableHead
              columns={[
                { label: "Name" },
                { label: "Plan" },
                { label: "Billed", right: true },
                { label: "Calls (30 d)", right: true },
                { label: "Numbers", right: true },
                { label: "Since" },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {t.data.tenants.map((x) => (
                <tr key={x.id}>
                  <td className="px-5 py-2.5">
                    <span className="font-medium text-slate-900">{x.name}</span> <span className="text-xs text-slate-600">{x.slug}</span>
                  </td>
                  <td className="px-3 py-2.5 capitalize">
                    <Badge tone="blue">{x.plan}</Badge>
                  </td>
                  <td className="tabular px-3 py-2.5 text-right">
                    {x.plan_price_cents === 0 ? <Badge tone="gray">Not billed yet</Badge> : `${formatCents(x.plan_price_cents, { whole: true })}/mo`}
                  </td>
                  <td className="tabular px-3 py-2.5 text-right">{formatNumber(x.calls_30d)}</td>
                  <td className="tabular px-3 py-2.5 text-right">{formatNumber(x.numbers)}</td>
                  <td className="py-2.5 pl-3 pr-5 text-slate-600">{new Date(x.created_at).toLocaleDateString("en-US", { month: "short", year: "numeric" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
