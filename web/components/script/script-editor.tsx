"use client";
import { useMemo, useState } from "react";
import { useSaveScript, useScript, useScriptVersions } from "@/data/script";
import { ApiError } from "@/lib/api";
import { canEdit, useAuth } from "@/lib/auth";
import type { ScriptItem } from "@/lib/api-types";
import { formatDateTime } from "@/lib/format";
import { toKey, validateScript } from "@/lib/script";
import { useUnsavedChanges } from "@/lib/use-unsaved-changes";
import { Button } from "../ui/button";
import { Card, CardHeader, PageHeader } from "../ui/card";
import { Input } from "../ui/field";
import { ErrorBox, Skeleton } from "../ui/states";
import { ReanalyseCard } from "./reanalyse-card";

// A saved item keeps its key (reports and past calls use it); a new one takes it from its label.
interface Draft extends ScriptItem {
  fresh: boolean;
}

const comparable = (items: ScriptItem[]) => JSON.stringify(items.map(({ key, label, description }) => [key, label.trim(), (description ?? "").trim()]));

const defaults: ScriptItem[] = [
  { key: "greeting", label: "Greeting", description: "Greets the caller and introduces themselves and the company." },
  { key: "verify_identity", label: "Verify identity", description: "Confirms the customer's name or account." },
  { key: "needs_discovery", label: "Needs discovery", description: "Asks what the customer needs." },
  { key: "offer", label: "Offer", description: "Presents a product, plan or upgrade with its price." },
  { key: "recap", label: "Recap", description: "States what was agreed or the next steps." },
  { key: "closing", label: "Closing", description: "Thanks the customer or says goodbye." },
];

export function ScriptEditor() {
  const { me } = useAuth();
  const editable = canEdit(me);
  const script = useScript();
  const versions = useScriptVersions();
  const { save: saveScript, busy: saving, error } = useSaveScript();
  const [draft, setDraft] = useState<Draft[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const missing = script.error instanceof ApiError && script.error.status === 404;

  // The draft starts from the saved script (or the defaults when there is none) once it is known.
  if (!draft && script.data) setDraft(script.data.items.map((i) => ({ ...i, description: i.description ?? "", fresh: false })));
  else if (!draft && missing) setDraft(defaults.map((i) => ({ ...i, fresh: false })));

  // Unsaved means different from what is stored (the defaults count as unsaved: nothing is stored).
  const baseline = useMemo(() => (script.data ? comparable(script.data.items) : null), [script.data]);
  const dirty = editable && !!draft && (baseline === null ? missing : comparable(draft) !== baseline);
  useUnsavedChanges(dirty);

  const problems = draft ? validateScript(draft) : [];
  const update = (i: number, patch: Partial<Draft>) => setDraft((d) => d!.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const move = (i: number, by: number) =>
    setDraft((d) => {
      const next = [...d!];
      const [it] = next.splice(i, 1);
      next.splice(i + by, 0, it);
      return next;
    });

  async function save() {
    if (!draft || problems.length) return;
    setSaved(null);
    const s = await saveScript(
      draft.map(({ key, label, description }) => ({ key, label: label.trim(), ...(description?.trim() ? { description: description.trim() } : {}) })),
    );
    if (!s) return;
    script.mutate(s);
    setDraft(s.items.map((i) => ({ ...i, description: i.description ?? "", fresh: false })));
    setSaved(`Saved as version ${s.version}. New calls are checked against it; re-analyse past calls to check them too.`);
  }

  return (
    <>
      <PageHeader
        title="Call script"
        description="The checklist every call is scored against. Saving creates a new version; past calls keep the version they were analysed with."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title={script.data ? `Version ${script.data.version}` : missing ? "No script yet — start from the defaults" : "Script"}
            actions={
              editable ? (
                <Button onClick={save} disabled={!draft || saving || problems.length > 0}>
                  {saving ? "Saving…" : "Save new version"}
                </Button>
              ) : (
                <span className="text-sm text-slate-600" data-testid="view-only">
                  View only
                </span>
              )
            }
          />
          {script.error && !missing && (
            <div className="p-5">
              <ErrorBox error={script.error} onRetry={script.reload} />
            </div>
          )}
          {!draft ? (
            <div className="space-y-3 p-5">
              {[0, 1, 2].map((i) => (
                <Skeleton key={i} className="h-16" />
              ))}
            </div>
          ) : (
            <ol className="divide-y divide-slate-100">
              {draft.map((it, i) => {
                const p = problems.find((x) => x.index === i);
                return (
                  <li key={i} className="flex gap-3 px-5 py-4" data-testid="script-item">
                    <span className="tabular mt-7 w-5 shrink-0 text-sm text-slate-500">{i + 1}.</span>
                    <div className="grid min-w-0 flex-1 gap-3 sm:grid-cols-2">
                      <Input
                        label="Label"
                        value={it.label}
                        disabled={!editable}
                        onChange={(e) => update(i, { label: e.target.value, ...(it.fresh ? { key: toKey(e.target.value) } : {}) })}
                      />
                      <Input
                        label="ID (used in reports)"
                        value={it.key}
                        disabled
                        hint={it.fresh ? "Made from the label." : "Kept so past reports still match."}
                      />
                      <Input
                        label="What counts as met"
                        value={it.description ?? ""}
                        disabled={!editable}
                        onChange={(e) => update(i, { description: e.target.value })}
                        className="sm:col-span-2"
                      />
                      {p && (
                        <p role="alert" className="text-sm text-red-700 sm:col-span-2">
                          {p.message}
                        </p>
                      )}
                    </div>
                    <div className={editable ? "mt-6 flex shrink-0 flex-col gap-1" : "hidden"}>
                      <Button size="sm" variant="ghost" aria-label={`Move ${it.label || "item"} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                        ↑
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Move ${it.label || "item"} down`}
                        disabled={i === draft.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </Button>
                      <Button size="sm" variant="ghost" aria-label={`Remove ${it.label || "item"}`} onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
                        ✕
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-5 py-3">
            {editable ? (
              <Button variant="secondary" size="sm" onClick={() => setDraft([...(draft ?? []), { key: "", label: "", description: "", fresh: true }])}>
                + Add item
              </Button>
            ) : (
              <span />
            )}
            {saved && (
              <p role="status" className="text-sm text-emerald-700">
                {saved}
              </p>
            )}
            {error && (
              <p role="alert" className="text-sm text-red-700">
                {error}
              </p>
            )}
            {problems.find((p) => p.index === -1) && <p className="text-sm text-red-700">Add at least one item.</p>}
          </div>
        </Card>
        <div className="space-y-6 self-start">
          <Card>
            <CardHeader title="History" />
            <ul className="divide-y divide-slate-100 text-sm">
              {(versions.data?.versions ?? []).map((v) => (
                <li key={v.version} className="flex justify-between px-5 py-2.5">
                  <span className="font-medium text-slate-900">Version {v.version}</span>
                  <span className="text-slate-600">
                    {v.items_count} items · {formatDateTime(v.created_at)}
                  </span>
                </li>
              ))}
              {versions.data && versions.data.versions.length === 0 && <li className="px-5 py-3 text-slate-600">No versions saved yet.</li>}
            </ul>
          </Card>
          <ReanalyseCard />
        </div>
      </div>
    </>
  );
}
