// Alerts: rules that watch every analysed call ("negative call longer than 2 minutes", "tracker
// hit", "AI score below N", "upsell above $M") and send a signed webhook (Slack works as it is)
// and/or e-mails, once per call and rule; and the delivery log. Managers add, edit, pause and
// delete rules and see each rule's signing secret; viewers see the rules and the log only.
"use client";
import { useState } from "react";
import { type AlertRule, useAlertRuleMutation, useAlertRules } from "@/data/alerts";
import { canEdit, useAuth } from "@/lib/auth";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { AlertRuleForm } from "./alert-rule-form";
import { DeliveryLog } from "./delivery-log";

/** What the rule watches for, in words. */
export function describeRule(r: Pick<AlertRule, "kind" | "threshold" | "tracker_name">): string {
  const t = r.threshold ?? 0;
  switch (r.kind) {
    case "negative_long_call":
      return `Negative call longer than ${t % 60 === 0 ? `${t / 60} min` : `${Math.round((t / 60) * 10) / 10} min`}`;
    case "tracker_hit":
      return `Tracker “${r.tracker_name ?? "deleted"}” hit`;
    case "ai_score_below":
      return `AI score below ${t}`;
    case "upsell_above":
      return `Upsell above ${t.toLocaleString()}`;
  }
}

function RuleRow({ rule, editable, onEdit }: { rule: AlertRule; editable: boolean; onEdit: () => void }) {
  const write = useAlertRuleMutation();
  const [showSecret, setShowSecret] = useState(false);
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-5 py-4" data-testid="alert-rule" data-name={rule.name}>
      <div className="min-w-0">
        <p className="flex items-center gap-2 font-medium text-slate-900">
          {rule.name}
          {!rule.enabled && <Badge>paused</Badge>}
        </p>
        <p className="mt-1 text-sm text-slate-700">{describeRule(rule)}</p>
        <p className="mt-1 flex flex-wrap gap-1 text-xs">
          {rule.webhook_host && (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700" title={rule.webhook_url ?? undefined}>
              Webhook: {rule.webhook_host}
            </span>
          )}
          {rule.emails.map((e) => (
            <span key={e} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
              {e}
            </span>
          ))}
        </p>
        {editable && rule.secret && rule.webhook_host && (
          <p className="mt-2 text-xs text-slate-600">
            Signing secret:{" "}
            {showSecret ? (
              <code className="break-all rounded bg-slate-100 px-1 py-0.5 text-slate-800" data-testid="alert-secret">
                {rule.secret}
              </code>
            ) : (
              <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setShowSecret(true)}>
                Show
              </button>
            )}
          </p>
        )}
        {write.error && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {write.error}
          </p>
        )}
      </div>
      <div className="flex items-center gap-3 text-sm">
        <span className="text-slate-600" data-testid="alert-rule-deliveries">
          {rule.deliveries.toLocaleString()} {rule.deliveries === 1 ? "alert" : "alerts"}
        </span>
        {editable && (
          <>
            <Button
              size="sm"
              variant="secondary"
              disabled={write.busy}
              onClick={() => void write.update(rule.id, { enabled: !rule.enabled })}
              data-testid="alert-toggle"
            >
              {rule.enabled ? "Pause" : "Resume"}
            </Button>
            <Button size="sm" variant="secondary" onClick={onEdit}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={write.busy}
              onClick={() => {
                if (window.confirm(`Delete the alert rule “${rule.name}” and its delivery log?`)) void write.remove(rule.id);
              }}
              data-testid="alert-delete"
            >
              Delete
            </Button>
          </>
        )}
      </div>
    </li>
  );
}

export function AlertsPage() {
  const { me } = useAuth();
  const editable = canEdit(me);
  const rules = useAlertRules();
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Hear about the calls that need you as soon as they are analysed — by webhook (Slack works) or e-mail, once per call and rule."
      />
      {editable ? (
        <Card className="mb-6">
          <CardHeader title="Add a rule" />
          <AlertRuleForm onDone={() => undefined} />
        </Card>
      ) : (
        <p className="mb-6 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" data-testid="view-only">
          You have view-only access. Ask a manager to add or change alert rules.
        </p>
      )}
      <Card className="mb-6">
        <CardHeader title="Rules" />
        {rules.error ? (
          <div className="p-5">
            <ErrorBox error={rules.error} onRetry={rules.reload} />
          </div>
        ) : !rules.data ? (
          <div className="space-y-2 p-5">
            <Skeleton className="h-6" />
            <Skeleton className="h-6" />
          </div>
        ) : rules.data.rules.length === 0 ? (
          <EmptyState title="No alert rules yet">Add one above: a condition and where to send it.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="alert-rules">
            {rules.data.rules.map((r) =>
              editing === r.id ? (
                <li key={r.id}>
                  <AlertRuleForm rule={r} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <RuleRow key={r.id} rule={r} editable={editable} onEdit={() => setEditing(r.id)} />
              ),
            )}
          </ul>
        )}
      </Card>
      <DeliveryLog />
    </>
  );
}
