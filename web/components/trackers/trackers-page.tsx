// Trackers: named lists of phrases spotted in every analysed call (shown as chips on calls and
// counted on the dashboard). Managers create, edit and delete them and re-run them over past
// calls, with the re-run's progress; viewers see the list without the controls.
"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { type Tracker, type TrackerRun, useTrackerMutation, useTrackers } from "@/data/trackers";
import { canEdit, useAuth } from "@/lib/auth";
import { allTime, formatDateTime } from "@/lib/format";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { Input, Textarea } from "../ui/field";
import { ProgressBar } from "../ui/progress";
import { EmptyState, ErrorBox, Skeleton } from "../ui/states";

/** One phrase per line (or comma-separated), trimmed, blanks dropped. */
export function parsePhrases(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function TrackerForm({ tracker, onDone }: { tracker?: Tracker; onDone: () => void }) {
  const write = useTrackerMutation();
  const [name, setName] = useState(tracker?.name ?? "");
  const [phrases, setPhrases] = useState(tracker?.phrases.join("\n") ?? "");
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const body = { name: name.trim(), phrases: parsePhrases(phrases) };
    if (!body.name) return setProblem("Give the tracker a name.");
    if (body.phrases.length === 0) return setProblem("Add at least one phrase to listen for.");
    const ok = tracker ? await write.update(tracker.id, body) : await write.create(body);
    if (ok) {
      if (!tracker) {
        setName("");
        setPhrases("");
      }
      onDone();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 px-5 py-4 sm:grid-cols-[16rem_1fr]" data-testid="tracker-form">
      <Input
        label="Name"
        value={name}
        maxLength={60}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. Competitor mentioned"
        data-testid="tracker-name"
      />
      <Textarea
        label="Phrases (one per line)"
        rows={3}
        value={phrases}
        onChange={(e) => setPhrases(e.target.value)}
        placeholder={"cheaper elsewhere\nother company"}
        hint="Case, punctuation, fillers like “uh” and endings like -s, -ing and -ed are ignored."
        data-testid="tracker-phrases"
      />
      {(problem || write.error) && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2">
          {problem || write.error}
        </p>
      )}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={write.busy} data-testid="tracker-save">
          {tracker ? "Save tracker" : "Add tracker"}
        </Button>
        {tracker && (
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function RunStatus({ run }: { run: TrackerRun }) {
  if (!run) return <p className="text-sm text-slate-600">Trackers have not been re-run over past calls yet.</p>;
  const pct = run.total === 0 ? 100 : Math.min(100, Math.round((100 * run.done) / run.total));
  return (
    <div data-testid="rerun-status" data-done={run.finished_at ? "true" : "false"}>
      <p className="text-sm text-slate-700">
        {run.finished_at
          ? `Last re-run finished ${formatDateTime(run.finished_at)}: ${run.total.toLocaleString()} calls matched again.`
          : `Re-running over past calls: ${run.done.toLocaleString()} of ${run.total.toLocaleString()} calls…`}
      </p>
      <ProgressBar percent={pct} className="mt-2 max-w-md" />
    </div>
  );
}

export function TrackersPage() {
  const { me } = useAuth();
  const editable = canEdit(me);
  const trackers = useTrackers();
  const write = useTrackerMutation();
  const [editing, setEditing] = useState<string | null>(null);
  const run = trackers.data?.run ?? null;
  const running = !!run && !run.finished_at;

  return (
    <>
      <PageHeader
        title="Trackers"
        description="Phrases to spot in every call — a competitor, “cancel”, a price objection, the recording disclosure. Hits show on calls and on the dashboard."
      />
      {editable ? (
        <Card className="mb-6">
          <CardHeader title="Add a tracker" />
          <TrackerForm onDone={() => undefined} />
        </Card>
      ) : (
        <p className="mb-6 rounded-lg bg-slate-100 px-4 py-3 text-sm text-slate-700" data-testid="view-only">
          You have view-only access. Ask a manager to add or change trackers.
        </p>
      )}
      <Card className="mb-6">
        <CardHeader
          title="Past calls"
          description="New calls are matched as they are analysed. After changing trackers, re-run them to match calls already analysed."
          actions={
            editable && (
              <Button variant="secondary" disabled={running || write.busy} onClick={() => void write.rerun()} data-testid="rerun">
                {running ? "Re-running…" : "Re-run over past calls"}
              </Button>
            )
          }
        />
        <div className="px-5 py-4">
          {trackers.data && <RunStatus run={run} />}
          {write.error && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {write.error}
            </p>
          )}
        </div>
      </Card>
      <Card>
        <CardHeader title="Trackers" />
        {trackers.error ? (
          <div className="p-5">
            <ErrorBox error={trackers.error} onRetry={trackers.reload} />
          </div>
        ) : !trackers.data ? (
          <div className="space-y-2 p-5">
            <Skeleton className="h-6" />
            <Skeleton className="h-6" />
          </div>
        ) : trackers.data.trackers.length === 0 ? (
          <EmptyState title="No trackers yet">Add one above: a name and the phrases that count as a hit.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="trackers">
            {trackers.data.trackers.map((t) =>
              editing === t.id ? (
                <li key={t.id}>
                  <TrackerForm tracker={t} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-4" data-testid="tracker" data-name={t.name}>
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{t.name}</p>
                    <p className="mt-1 flex flex-wrap gap-1">
                      {t.phrases.map((p) => (
                        <span key={p} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                          {p}
                        </span>
                      ))}
                    </p>
                  </div>
                  <div className="flex items-center gap-3 text-sm">
                    <Link
                      href={`/calls?tracker=${t.id}&from=${allTime().from}`}
                      className="font-medium text-brand-700 hover:underline"
                      data-testid="tracker-calls"
                    >
                      {t.calls.toLocaleString()} {t.calls === 1 ? "call" : "calls"}
                    </Link>
                    {editable && (
                      <>
                        <Button size="sm" variant="secondary" onClick={() => setEditing(t.id)}>
                          Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="secondary"
                          disabled={write.busy}
                          onClick={() => {
                            if (window.confirm(`Delete the tracker “${t.name}” and its hits?`)) void write.remove(t.id);
                          }}
                          data-testid="tracker-delete"
                        >
                          Delete
                        </Button>
                      </>
                    )}
                  </div>
                </li>
              ),
            )}
          </ul>
        )}
      </Card>
    </>
  );
}
