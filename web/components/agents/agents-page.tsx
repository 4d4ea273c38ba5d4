"use client";
import Link from "next/link";
import { useState } from "react";
import { useAgentMutation, useAgents } from "@/data/agents";
import { canEdit, useAuth } from "@/lib/auth";
import { formatCents, formatNumber, formatPercent, formatPhone, lastNDays } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { AgentForm } from "./agent-form";

export function AgentsPage() {
  const range = lastNDays(30);
  const agents = useAgents(range);
  const [editing, setEditing] = useState<string | null>(null);
  // The row buttons' requests; the forms show their own failures.
  const rows = useAgentMutation();
  const { me } = useAuth();
  const editable = canEdit(me);

  return (
    <>
      <PageHeader title="Agents" description="The people who answer your Converza numbers. Calls are routed to active agents." />
      {editable && (
        <Card className="mb-6">
          <CardHeader title="Add an agent" />
          <div className="px-5 py-4">
            <AgentForm submitLabel="Add agent" />
          </div>
        </Card>
      )}
      <Card>
        <CardHeader title="Team" description="Last 30 days" />
        {rows.error && (
          <div className="px-5 pt-4">
            <ErrorBox error={rows.error} />
          </div>
        )}
        {agents.error ? (
          <div className="p-5">
            <ErrorBox error={agents.error} onRetry={agents.reload} />
          </div>
        ) : !agents.data ? (
          <div className="space-y-2 p-5">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10" />
            ))}
          </div>
        ) : agents.data.agents.length === 0 ? (
          <EmptyState title="No agents yet">Add the first person who takes calls above.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agents-list">
            {agents.data.agents.map((a) => (
              <li key={a.id} className="px-5 py-3">
                {editing === a.id ? (
                  <AgentForm agent={a} submitLabel="Save" onCancel={() => setEditing(null)} onSaved={() => setEditing(null)} />
                ) : (
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div className="min-w-0 flex-1">
                      <p className="flex items-center gap-2 font-medium text-slate-900">
                        <Link className="hover:text-brand-700 hover:underline" href={`/agents/view?id=${a.id}`}>
                          {a.name}
                        </Link>{" "}
                        {!a.active && <Badge>Inactive</Badge>}
                      </p>
                      <p className="text-sm text-slate-600">
                        {formatPhone(a.phone)}
                        {a.email && <> · {a.email}</>}
                      </p>
                    </div>
                    <dl className="tabular grid w-72 grid-cols-3 gap-4 text-sm">
                      <div>
                        <dt className="text-xs text-slate-600">Calls</dt>
                        <dd className="font-medium">{formatNumber(a.kpis?.calls)}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-600">Conversion</dt>
                        <dd className="font-medium">{formatPercent(a.kpis?.conversion_rate)}</dd>
                      </div>
                      <div>
                        <dt className="text-xs text-slate-600">Upsell</dt>
                        <dd className="font-medium">{formatCents(a.kpis?.upsell_cents, { whole: true })}</dd>
                      </div>
                    </dl>
                    <div className={editable ? "flex gap-2" : "hidden"}>
                      <Button size="sm" variant="secondary" onClick={() => setEditing(a.id)} aria-label={`Edit ${a.name}`}>
                        Edit
                      </Button>
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={`${a.active ? "Deactivate" : "Activate"} ${a.name}`}
                        onClick={() => rows.update(a.id, { active: !a.active })}
                      >
                        {a.active ? "Deactivate" : "Activate"}
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        aria-label={`Delete ${a.name}`}
                        onClick={() => window.confirm(`Delete ${a.name}? Their past calls stay, unassigned.`) && rows.remove(a.id)}
                      >
                        Delete
                      </Button>
                    </div>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
