// Managers correct the AI: an "Edit" beside each finding (converted, upsell, sentiment, each
// script item) opens a small form with the new value and a required reason. A corrected finding
// is marked as the manager's, with the AI's own value beside it, and the call's override history
// lists every correction. Viewers see the marks and the history without the controls.
"use client";
import { useState } from "react";
import { type NewOverride, useOverrideMutation, useOverrides } from "@/data/overrides";
import type { Insight } from "@/lib/api-types";
import { formatDateTime } from "@/lib/format";
import { overrideFieldLabel, overrideValueText, parseDollars } from "@/lib/overrides";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { Input, Select, Textarea } from "../ui/field";
import { ErrorBox } from "../ui/states";

type Mark = Insight["overrides"][string];

/** "Edited by <manager>" with the AI's value, on a finding a manager corrected. */
export function EditedMark({ field, mark }: { field: string; mark: Mark | undefined }) {
  if (!mark) return null;
  return (
    <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600" data-testid="edited-mark" data-field={field}>
      <Badge tone="blue" title={`Reason: ${mark.reason}`} className="normal-case tracking-normal">
        Edited by {mark.by}
      </Badge>
      <span data-testid="ai-original">
        AI said: <span className="font-medium text-slate-700">{overrideValueText(field, mark.ai_value)}</span>
      </span>
    </span>
  );
}

function ValueInput({ field, value, onChange }: { field: string; value: string; onChange: (v: string) => void }) {
  if (field === "upsell_cents") {
    return (
      <Input
        label="Upsell accepted (USD)"
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="w-40"
        data-testid="override-value"
      />
    );
  }
  const options: [string, string][] =
    field === "converted"
      ? [
          ["true", "Converted"],
          ["false", "Not converted"],
        ]
      : field === "sentiment"
        ? [
            ["positive", "Positive"],
            ["neutral", "Neutral"],
            ["negative", "Negative"],
          ]
        : [
            ["true", "Met"],
            ["false", "Missed"],
          ];
  return (
    <Select label="Correct value" value={value} onChange={(e) => onChange(e.target.value)} className="w-44" data-testid="override-value">
      {options.map(([v, label]) => (
        <option key={v} value={v}>
          {label}
        </option>
      ))}
    </Select>
  );
}

/** The form's text for a field's current value (booleans start at the other answer: that is the likely correction). */
function initialValue(field: string, current: unknown): string {
  if (field === "upsell_cents") return typeof current === "number" ? (current / 100).toFixed(2) : "0.00";
  if (field === "sentiment") return typeof current === "string" ? current : "neutral";
  return current ? "false" : "true";
}

function toValue(field: string, text: string): NewOverride["value"] | null {
  if (field === "upsell_cents") return parseDollars(text);
  if (field === "sentiment") return text as NewOverride["value"];
  return text === "true";
}

/**
 * The mark of a corrected finding, and for managers an "Edit" that opens the correction form.
 * `current` is the value shown now (the manager's, if one was given).
 */
export function FieldOverride({
  callId,
  field,
  current,
  mark,
  editable,
  labels,
}: {
  callId: string;
  field: string;
  current: unknown;
  mark: Mark | undefined;
  editable: boolean;
  labels: Record<string, string>;
}) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const write = useOverrideMutation(callId);
  const name = overrideFieldLabel(field, labels);

  const start = () => {
    setValue(initialValue(field, current));
    setReason("");
    setInvalid(null);
    setOpen(true);
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const v = toValue(field, value);
    if (v === null) {
      setInvalid("Enter an amount in dollars, such as 25 or 25.50.");
      return;
    }
    setInvalid(null);
    if (await write.save({ field, value: v, reason: reason.trim() })) setOpen(false);
  };

  return (
    <>
      <EditedMark field={field} mark={mark} />
      {editable && !open && (
        <span className="mt-1 block">
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline"
            onClick={start}
            aria-label={`Correct ${name}`}
            data-testid="override-edit"
            data-field={field}
          >
            {mark ? "Edit again" : "Edit"}
          </button>
        </span>
      )}
      {open && (
        <form
          onSubmit={submit}
          className="mt-2 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
          aria-label={`Correct ${name}`}
          data-testid="override-form"
          data-field={field}
        >
          <ValueInput field={field} value={value} onChange={setValue} />
          <Textarea
            label="Reason (required)"
            value={reason}
            rows={2}
            maxLength={500}
            required
            onChange={(e) => setReason(e.target.value)}
            placeholder="What did the AI get wrong?"
            data-testid="override-reason"
          />
          {(invalid || write.error) && (
            <p role="alert" className="text-sm text-red-700">
              {invalid ?? write.error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" size="sm" disabled={write.busy || !reason.trim()} data-testid="override-save">
              Save correction
            </Button>
          </div>
        </form>
      )}
    </>
  );
}

/** Every correction of this call's analysis, newest first. */
export function OverrideHistoryCard({ callId, labels }: { callId: string; labels: Record<string, string> }) {
  const history = useOverrides(callId);
  const items = history.data?.overrides ?? [];
  return (
    <Card data-testid="override-history">
      <CardHeader
        title="Override history"
        description="Managers' corrections of the AI's analysis. The corrected values count everywhere: lists, KPIs, leaderboard and exports."
      />
      <div className="px-5 pb-4">
        {history.error ? (
          <ErrorBox error={history.error} onRetry={history.reload} />
        ) : history.data && items.length === 0 ? (
          <p className="py-2 text-sm text-slate-600">No corrections yet. Use “Edit” beside a finding when the AI got it wrong.</p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {items.map((o) => (
              <li key={o.id} className="py-3 text-sm" data-testid="override-entry" data-field={o.field}>
                <p className="font-medium text-slate-900">
                  {overrideFieldLabel(o.field, labels)}:{" "}
                  <span className="font-normal text-slate-600 line-through decoration-slate-400" title="The AI's value">
                    {overrideValueText(o.field, o.ai_value)}
                  </span>{" "}
                  → <span className="text-slate-900">{overrideValueText(o.field, o.value)}</span>
                </p>
                <p className="mt-0.5 whitespace-pre-wrap text-slate-700">“{o.reason}”</p>
                <p className="mt-0.5 text-xs text-slate-500">
                  {o.mine ? "You" : o.author_email} · {formatDateTime(o.created_at)}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
