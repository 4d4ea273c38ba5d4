// The organisation's phone numbers: what each costs, whom it rings, whether Twilio sends its calls
// to us, and releasing one (after a confirmation: a released number may be bought by anyone).
"use client";
import Link from "next/link";
import { useState } from "react";
import { useNumbers, useReleaseNumber } from "@/data/numbers";
import type { ListedNumber } from "@/lib/api-types";
import { formatCents, formatDateTime, formatPhone } from "@/lib/format";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";
import { WebhookStatus } from "./webhook-status";

function NumberRow({ n }: { n: ListedNumber }) {
  const [confirming, setConfirming] = useState(false);
  const release = useReleaseNumber();
  const active = n.status === "active";
  return (
    <li className="px-5 py-4" data-testid="number-row">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="tabular flex items-center gap-2 text-lg font-semibold text-slate-900">
            {formatPhone(n.phone_number)} {active ? <Badge tone="green">Active</Badge> : <Badge>Released</Badge>}
            {n.attached && <Badge tone="blue">Your Twilio account</Badge>}
          </p>
          <p className="text-sm text-slate-600">
            {n.attached ? "Billed by Twilio to your own account" : `${formatCents(n.monthly_price_cents)} a month`} · since {formatDateTime(n.created_at)}
          </p>
        </div>
        {active && !confirming && (
          <Button size="sm" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Release ${formatPhone(n.phone_number)}`}>
            {n.attached ? "Unlink" : "Release"}
          </Button>
        )}
      </div>
      {active && (
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-xs text-slate-600">Rings</dt>
            <dd className="font-medium text-slate-900">
              {n.agent ? (
                n.agent.name
              ) : (
                <>
                  Every active agent (
                  <Link className="text-brand-700 underline" href="/agents">
                    manage
                  </Link>
                  )
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">Webhooks</dt>
            <dd className="mt-1">
              <WebhookStatus id={n.id} />
            </dd>
          </div>
        </dl>
      )}
      {confirming && (
        <div role="alertdialog" aria-label="Confirm release" className="mt-3 rounded-lg bg-red-50 p-4 ring-1 ring-red-200">
          <p className="text-sm text-red-900">
            {n.attached
              ? `Unlink ${formatPhone(n.phone_number)}? It stays on your Twilio account, but its calls are no longer recorded or analysed here.`
              : `Release ${formatPhone(n.phone_number)}? Callers will no longer reach your team on it, and Twilio may give it to someone else. This cannot be undone.`}
          </p>
          {release.error && (
            <div className="mt-2">
              <ErrorBox error={release.error} title="Release failed" />
            </div>
          )}
          <div className="mt-3 flex gap-2">
            <Button size="sm" variant="danger" disabled={release.busy} onClick={() => release.release(n.id)}>
              {release.busy ? "Releasing…" : n.attached ? "Unlink number" : "Release number"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </div>
      )}
    </li>
  );
}

export function NumbersPage() {
  const numbers = useNumbers();
  const list = numbers.data?.numbers ?? [];
  return (
    <>
      <PageHeader
        title="Phone numbers"
        description="The numbers your customers call. Calls are recorded and analysed when Twilio sends them to Converza."
        actions={
          <Link href="/onboarding?step=number" className="text-sm font-medium text-brand-700 hover:underline">
            Get another number
          </Link>
        }
      />
      <Card>
        <CardHeader title="Your numbers" />
        {numbers.error ? (
          <div className="p-5">
            <ErrorBox error={numbers.error} onRetry={numbers.reload} />
          </div>
        ) : !numbers.data ? (
          <div className="space-y-2 p-5">
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-16" />
            ))}
          </div>
        ) : list.length === 0 ? (
          <EmptyState title="No numbers yet">
            <Link className="font-medium text-brand-700 underline" href="/onboarding?step=number">
              Choose a number
            </Link>{" "}
            so customers can reach your team.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Phone numbers">
            {list.map((n) => (
              <NumberRow key={n.id} n={n} />
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
