// The form of one alert rule: its condition (kind and threshold, or the tracker) and where it
// goes (a webhook URL, e-mail addresses). The server checks everything again; this only saves a
// round trip for the obvious (a name, a number, somewhere to send).
"use client";
import { useState, type FormEvent } from "react";
import { type AlertKind, type AlertRule, useAlertRuleMutation } from "@/data/alerts";
import { useTrackers } from "@/data/trackers";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/field";

export const kindLabels: Record<AlertKind, string> = {
  negative_long_call: "Negative long call",
  tracker_hit: "Tracker hit",
  ai_score_below: "Low AI score",
  upsell_above: "Big upsell",
};

const thresholdLabel: Record<AlertKind, string> = {
  negative_long_call: "Longer than (minutes)",
  tracker_hit: "",
  ai_score_below: "AI score below (0–100)",
  upsell_above: "Upsell above (amount)",
};

/** The threshold as the form shows it: minutes for a long call, the number otherwise. */
export function thresholdToForm(kind: AlertKind, threshold: number | null | undefined): string {
  if (threshold == null) return "";
  return String(kind === "negative_long_call" ? Math.round((threshold / 60) * 100) / 100 : threshold);
}

/** The form's threshold as the API takes it (seconds for a long call); null when not a number. */
export function thresholdFromForm(kind: AlertKind, text: string): number | null {
  const n = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(n) || n < 0) return null;
  return kind === "negative_long_call" ? Math.round(n * 60) : n;
}

/** Addresses separated by commas, spaces or lines, trimmed, blanks dropped. */
export function parseEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

export function AlertRuleForm({ rule, onDone }: { rule?: AlertRule; onDone: () => void }) {
  const write = useAlertRuleMutation();
  const trackers = useTrackers();
  const [name, setName] = useState(rule?.name ?? "");
  const [kind, setKind] = useState<AlertKind>(rule?.kind ?? "negative_long_call");
  const [threshold, setThreshold] = useState(rule ? thresholdToForm(rule.kind, rule.threshold) : "2");
  const [trackerId, setTrackerId] = useState(rule?.tracker_id ?? "");
  const [webhook, setWebhook] = useState(rule?.webhook_url ?? "");
  const [emails, setEmails] = useState(rule?.emails.join("\n") ?? "");
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const t = thresholdFromForm(kind, threshold);
    if (!name.trim()) return setProblem("Give the rule a name.");
    if (kind === "tracker_hit" && !trackerId) return setProblem("Choose the tracker to alert on.");
    if (kind !== "tracker_hit" && t === null) return setProblem("Enter a number for the threshold.");
    const url = webhook.trim();
    if (url && !/^https?:\/\//i.test(url)) return setProblem("The webhook URL must start with http:// or https://.");
    const to = parseEmails(emails);
    if (!url && to.length === 0) return setProblem("Add a webhook URL or at least one e-mail address to send to.");
    const body = {
      name: name.trim(),
      kind,
      threshold: kind === "tracker_hit" ? null : t,
      tracker_id: kind === "tracker_hit" ? trackerId : null,
      webhook_url: url || null,
      emails: to,
    };
    const ok = rule ? await write.update(rule.id, body) : await write.create(body);
    if (ok) {
      if (!rule) {
        setName("");
        setWebhook("");
        setEmails("");
      }
      onDone();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 px-5 py-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="alert-form">
      <Input
        label="Name"
        value={name}
        maxLength={60}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. Unhappy long calls"
        data-testid="alert-name"
      />
      <Select label="When" value={kind} onChange={(e) => setKind(e.target.value as AlertKind)} data-testid="alert-kind">
        {(Object.keys(kindLabels) as AlertKind[]).map((k) => (
          <option key={k} value={k}>
            {kindLabels[k]}
          </option>
        ))}
      </Select>
      {kind === "tracker_hit" ? (
        <Select label="Tracker" value={trackerId} onChange={(e) => setTrackerId(e.target.value)} data-testid="alert-tracker">
          <option value="">Choose a tracker…</option>
          {(trackers.data?.trackers ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          label={thresholdLabel[kind]}
          inputMode="decimal"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          data-testid="alert-threshold"
        />
      )}
      <div className="hidden lg:block" />
      <Input
        label="Webhook URL (optional)"
        className="sm:col-span-2"
        value={webhook}
        onChange={(e) => setWebhook(e.target.value)}
        placeholder="https://hooks.slack.com/services/…"
        hint="A Slack incoming-webhook URL works as it is. Requests are signed (X-Converza-Signature)."
        data-testid="alert-webhook"
      />
      <Textarea
        label="E-mail to (optional)"
        className="sm:col-span-2"
        rows={2}
        value={emails}
        onChange={(e) => setEmails(e.target.value)}
        placeholder={"team-lead@example.com"}
        hint="Up to 10 addresses, one per line or comma-separated."
        data-testid="alert-emails"
      />
      {(problem || write.error) && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-4">
          {problem || write.error}
        </p>
      )}
      <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
        <Button type="submit" disabled={write.busy} data-testid="alert-save">
          {rule ? "Save rule" : "Add rule"}
        </Button>
        {rule && (
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
