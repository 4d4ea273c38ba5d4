"use client";
import { describeFlag, describeObjection, reviewFieldLabel, reviewFor } from "@/lib/analysis";
import { formatCents, formatDateTime, formatMs, formatPercent, formatSentiment } from "@/lib/format";
import type { Insight, Objection, ReviewItem } from "@/lib/api-types";
import { overrideFieldLabel, overrideValueText } from "@/lib/overrides";
import { Badge, sentimentTone } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { FieldOverride } from "./overrides";

function ScoreRing({ score }: { score: number | null }) {
  const r = 26;
  const c = 2 * Math.PI * r;
  const color = score == null ? "#e2e8f0" : score >= 80 ? "#059669" : score >= 60 ? "#4f46e5" : "#d97706";
  return (
    <div className="relative h-16 w-16" data-testid="ai-score">
      <svg viewBox="0 0 64 64" className="h-16 w-16 -rotate-90" aria-hidden="true">
        <circle cx="32" cy="32" r={r} stroke="#e2e8f0" strokeWidth="6" fill="none" />
        {score != null && (
          <circle
            cx="32"
            cy="32"
            r={r}
            stroke={color}
            strokeWidth="6"
            fill="none"
            strokeDasharray={c}
            strokeDashoffset={c * (1 - score / 100)}
            strokeLinecap="round"
          />
        )}
      </svg>
      <span className="tabular absolute inset-0 flex items-center justify-center text-lg font-semibold text-slate-900">
        {score ?? "—"}
        <span className="sr-only">{score == null ? " no score" : " out of 100"}</span>
      </span>
    </div>
  );
}

/** A small amber "needs review" marker beside a field a business check dropped or corrected. */
function ReviewBadge({ items }: { items: ReviewItem[] }) {
  if (items.length === 0) return null;
  return (
    <Badge tone="amber" title={items.map((i) => i.reason).join("\n")} data-testid="review-badge" className="align-middle normal-case tracking-normal">
      needs review
    </Badge>
  );
}

/** Below this a finding rests on weak evidence (analysis/confidence.h). */
const LOW_CONFIDENCE = 0.5;

/** A "check this" marker beside a finding whose evidence in the call is weak. */
function ConfidenceBadge({ confidence, field }: { confidence?: Record<string, number>; field: string }) {
  const value = confidence?.[field];
  if (value == null || value >= LOW_CONFIDENCE) return null;
  return (
    <Badge
      tone="amber"
      title={`Weak evidence in the call (confidence ${Math.round(value * 100)}%): check it in the recording.`}
      data-testid="confidence-badge"
      className="align-middle normal-case tracking-normal"
    >
      low confidence
    </Badge>
  );
}

/** The findings to check by hand, each with the reason (a check that failed, or a call the analyzer could not make), above the analysis. */
function ReviewNotice({ review, labels }: { review: ReviewItem[]; labels: Record<string, string> }) {
  return (
    <div
      role="note"
      aria-label="Needs review"
      className="rounded-xl border border-amber-300 bg-amber-50 px-5 py-4 text-sm text-amber-950"
      data-testid="review-notice"
    >
      <p className="font-semibold">Needs review</p>
      <p className="mt-0.5 text-amber-900">Check these in the recording before relying on them. The rest of the analysis stands.</p>
      <ul className="mt-2 space-y-1">
        {review.map((r, i) => (
          <li key={i} data-field={r.field}>
            <span className="font-medium">{reviewFieldLabel(r.field, labels)}</span>: {r.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Who analysed the call, and how the answer was obtained (retries, a shortened transcript, budget). */
function AnalyzerLine({ insight }: { insight: Insight }) {
  const by = insight.analyzer === "rules" ? "the built-in rules" : insight.model ? `AI (${insight.model})` : "AI";
  const flags = insight.flags ?? [];
  return (
    <div className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-600" data-testid="analyzer">
      <p>
        Analysed by {by} · {insight.script_version != null ? `script v${insight.script_version}` : "default script"} ·{" "}
        {formatDateTime(insight.analyzed_at ?? insight.created_at)}
      </p>
      {flags.length > 0 && (
        <ul className="mt-2 space-y-1.5">
          {flags.map((f) => {
            const d = describeFlag(f);
            return (
              <li key={f} className="flex items-start gap-2" data-testid="insight-flag" data-flag={f}>
                <Badge tone={f === "llm_budget" ? "amber" : "blue"} title={d.explanation}>
                  {d.label}
                </Badge>
                {d.explanation && <span className="pt-0.5">{d.explanation}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Why the call was lost (or what the customer objected to before committing), in their words. */
function ObjectionRow({
  objection,
  converted,
  onSeek,
  review,
}: {
  objection: Objection;
  converted: boolean;
  onSeek: (ms: number) => void;
  review: ReviewItem[];
}) {
  const at = objection.at_ms;
  return (
    <div data-testid="objection">
      <dt className="font-medium text-slate-900">
        {converted ? "Objection overcome" : "Why it was lost"} <ReviewBadge items={reviewFor(review, "objection")} />
      </dt>
      <dd className="mt-0.5 text-slate-700">
        <Badge tone={converted ? "gray" : "red"} data-testid="objection-kind">
          {describeObjection(objection.kind)}
        </Badge>
        {at != null && at >= 0 && (
          <button
            type="button"
            className="ml-2 text-xs font-medium text-brand-700 hover:underline"
            onClick={() => onSeek(at)}
            aria-label={`Jump to ${formatMs(at)}`}
            data-testid="objection-jump"
          >
            at {formatMs(at)}
          </button>
        )}
        {objection.quote && (
          <q className="mt-1 block text-slate-600 italic" data-testid="objection-quote">
            {objection.quote}
          </q>
        )}
      </dd>
    </div>
  );
}

export function InsightPanel({
  insight,
  labels,
  order,
  onSeek,
  callId,
  editable = false,
}: {
  insight: Insight;
  labels: Record<string, string>;
  order: string[];
  onSeek: (ms: number) => void;
  /** With a call id, corrected findings are marked and (when `editable`) can be corrected. */
  callId?: string;
  editable?: boolean;
}) {
  const marks = insight.overrides ?? {};
  const correct = (field: string, current: unknown) =>
    callId ? <FieldOverride callId={callId} field={field} current={current} mark={marks[field]} editable={editable} labels={labels} /> : null;
  // Checklist in the script's own order; keys the current script no longer has go last.
  const rank = (k: string) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k));
  const scriptEntries = Object.entries(insight.script ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  const review = insight.review ?? [];
  const coaching = insight.coaching ?? [];
  const upsellItems = insight.upsell_items ?? [];
  const convertedAt = insight.converted_at_ms;
  const summaryReview = reviewFor(review, "summary");
  return (
    <div className="space-y-4">
      {review.length > 0 && <ReviewNotice review={review} labels={labels} />}
      <Card className="p-5">
        <div className="flex items-center gap-4">
          <ScoreRing score={insight.ai_score} />
          <div className="min-w-0">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">
              AI score <ReviewBadge items={reviewFor(review, "ai_score")} />
            </p>
            <div className="mt-1 flex flex-wrap gap-2">
              <Badge tone={sentimentTone(insight.sentiment.label)}>
                <span className="capitalize">{insight.sentiment.label}</span> {formatSentiment(insight.sentiment.score)}
              </Badge>
              <ReviewBadge items={reviewFor(review, "sentiment")} />
              <ConfidenceBadge confidence={insight.confidence} field="sentiment" />
              {insight.converted ? <Badge tone="green">Converted</Badge> : <Badge>Not converted</Badge>}
              {insight.upsell_cents > 0 && <Badge tone="violet">{formatCents(insight.upsell_cents, { whole: true })} upsell</Badge>}
            </div>
          </div>
        </div>
        {(insight.summary || summaryReview.length > 0) && (
          <p className="mt-4 text-sm leading-6 text-slate-700">
            {insight.summary || <span className="text-slate-500">No summary.</span>} <ReviewBadge items={summaryReview} />
          </p>
        )}
        {insight.summary && Object.keys(marks).length > 0 && (
          // The summary is the AI's prose, written before the corrections: say which of its
          // findings a manager has since changed, so it is not read as the call's final word.
          <p className="mt-1 text-xs text-slate-600" data-testid="summary-corrections">
            Summary written by the AI before a manager&apos;s corrections:{" "}
            {Object.entries(marks)
              .map(([field, mark]) =>
                // "Converted" / "Not converted" says it all; the others need their field's name.
                field === "converted" ? overrideValueText(field, mark.value) : `${overrideFieldLabel(field, labels)} ${overrideValueText(field, mark.value)}`,
              )
              .join("; ")}
            .
          </p>
        )}
        <AnalyzerLine insight={insight} />
      </Card>

      <Card>
        <CardHeader title="Coaching notes" />
        {coaching.length === 0 ? (
          <p className="px-5 py-3 text-sm text-slate-600">No coaching notes for this call.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {coaching.map((n, i) => (
              <li key={i} className="flex items-start gap-3 px-5 py-3 text-sm">
                {n.at_ms != null ? (
                  <button
                    type="button"
                    onClick={() => onSeek(n.at_ms as number)}
                    className="tabular shrink-0 rounded-md bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800 ring-1 ring-brand-200 hover:bg-brand-100"
                    aria-label={`Jump to ${formatMs(n.at_ms)}`}
                    data-testid="coaching-jump"
                  >
                    {formatMs(n.at_ms)}
                  </button>
                ) : (
                  <span
                    className="shrink-0 whitespace-nowrap rounded-md bg-slate-50 px-2 py-0.5 text-xs text-slate-600 ring-1 ring-slate-200"
                    title="This is about something that never happened in the call, so there is no moment to jump to."
                    data-testid="coaching-no-moment"
                  >
                    missed — no moment in the call
                  </span>
                )}
                <span className="text-slate-800">
                  {n.note} <ReviewBadge items={reviewFor(review, `coaching[${i}]`)} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <CardHeader title="Outcome" />
        <dl className="space-y-3 px-5 py-4 text-sm">
          <div>
            <dt className="font-medium text-slate-900">
              Converted <ReviewBadge items={reviewFor(review, "converted", "converted_at_ms", "converted_evidence")} />{" "}
              <ConfidenceBadge confidence={insight.confidence} field="converted" />
            </dt>
            <dd className="mt-0.5 text-slate-700">
              {insight.converted ? (
                <>
                  Yes
                  {convertedAt != null && convertedAt >= 0 && (
                    <button type="button" className="ml-2 text-xs font-medium text-brand-700 hover:underline" onClick={() => onSeek(convertedAt)}>
                      at {formatMs(convertedAt)}
                    </button>
                  )}
                  {insight.converted_evidence && <q className="mt-1 block text-slate-600 italic">{insight.converted_evidence}</q>}
                </>
              ) : (
                <>
                  No
                  {insight.converted_evidence && convertedAt != null && convertedAt >= 0 && (
                    <button type="button" className="ml-2 text-xs font-medium text-brand-700 hover:underline" onClick={() => onSeek(convertedAt)}>
                      at {formatMs(convertedAt)}
                    </button>
                  )}
                  {insight.converted_evidence && (
                    <q className="mt-1 block text-slate-600 italic" data-testid="no-evidence">
                      {insight.converted_evidence}
                    </q>
                  )}
                </>
              )}
              {correct("converted", insight.converted)}
            </dd>
          </div>
          {insight.objection && <ObjectionRow objection={insight.objection} converted={!!insight.converted} onSeek={onSeek} review={review} />}
          <div>
            <dt className="font-medium text-slate-900">
              Upsell <ReviewBadge items={reviewFor(review, "upsell_cents", "upsell_items")} />{" "}
              <ConfidenceBadge confidence={insight.confidence} field="upsell" />
            </dt>
            <dd className="mt-1">
              {upsellItems.length === 0 && insight.upsell_cents > 0 ? (
                <span className="tabular font-semibold text-slate-900" data-testid="upsell-total">
                  {formatCents(insight.upsell_cents)}
                </span>
              ) : upsellItems.length === 0 ? (
                <span className="text-slate-600">No upsell accepted.</span>
              ) : (
                <ul className="space-y-1">
                  {upsellItems.map((u, i) => (
                    <li key={i} className="flex justify-between gap-3 text-slate-700">
                      <span>{u.name}</span>
                      <span className="tabular font-medium">{formatCents(u.cents)}</span>
                    </li>
                  ))}
                  <li className="flex justify-between gap-3 border-t border-slate-100 pt-1 font-semibold text-slate-900">
                    <span>Total</span>
                    <span className="tabular">{formatCents(insight.upsell_cents)}</span>
                  </li>
                </ul>
              )}
              {correct("upsell_cents", insight.upsell_cents)}
            </dd>
          </div>
          <div data-testid="sentiment-row">
            <dt className="font-medium text-slate-900">Customer sentiment</dt>
            <dd className="mt-0.5 text-slate-700">
              {insight.sentiment.label ? <span className="capitalize">{insight.sentiment.label}</span> : <span className="text-slate-600">Not scored</span>}{" "}
              <span className="tabular text-slate-500">{formatSentiment(insight.sentiment.score)}</span>
              {correct("sentiment", insight.sentiment.label)}
            </dd>
          </div>
        </dl>
      </Card>

      <Card>
        <CardHeader title="Script checklist" description={`${insight.script_met} of ${insight.script_total} items met`} />
        <ul className="divide-y divide-slate-100" data-testid="script-checklist">
          {scriptEntries.map(([key, r]) => (
            <li key={key} className="flex items-start gap-3 px-5 py-2.5 text-sm">
              <span
                className={cx(
                  "mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white",
                  r.met ? "bg-emerald-600" : "bg-red-600",
                )}
                aria-hidden="true"
              >
                {r.met ? "✓" : "✕"}
              </span>
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {labels[key] ?? key.replace(/_/g, " ")}
                  <span className="sr-only">: {r.met ? "met" : "missed"}</span> <ReviewBadge items={reviewFor(review, `script.${key}`)} />{" "}
                  <ConfidenceBadge confidence={insight.confidence} field={`script.${key}`} />
                </p>
                {r.evidence ? (
                  <p className="text-xs text-slate-600">
                    <q className="italic">{r.evidence}</q>
                    {r.at_ms != null && r.at_ms >= 0 && (
                      <button type="button" className="ml-2 font-medium text-brand-700 hover:underline" onClick={() => onSeek(r.at_ms as number)}>
                        at {formatMs(r.at_ms)}
                      </button>
                    )}
                  </p>
                ) : (
                  !r.met && <p className="text-xs text-red-700">Missed</p>
                )}
                {correct(`script.${key}`, r.met)}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

export function TalkMetricsCard({ talk, onSeek }: { talk: NonNullable<Insight["talk"]>; onSeek: (ms: number) => void }) {
  const agent = talk.agent_ms ?? 0;
  const customer = talk.customer_ms ?? 0;
  const total = agent + customer;
  const agentShare = total ? agent / total : null;
  return (
    <Card>
      <CardHeader title="Talk metrics" />
      <div className="px-5 py-4">
        <div className="flex justify-between text-xs font-medium text-slate-700">
          <span>Agent {formatPercent(agentShare, 0)}</span>
          <span>Customer {formatPercent(agentShare == null ? null : 1 - agentShare, 0)}</span>
        </div>
        <div className="mt-1 flex h-2.5 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`Agent talk share ${formatPercent(agentShare, 0)}`}>
          <div className="bg-slate-700" style={{ width: `${(agentShare ?? 0) * 100}%` }} />
          <div className="bg-brand-400 flex-1" style={{ background: "#818cf8" }} />
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
          {[
            ["Talk : listen", talk.talk_listen_ratio != null ? `${talk.talk_listen_ratio.toFixed(2)} : 1` : "—"],
            ["Silence", formatPercent(talk.silence_share, 0)],
            ["Interruptions", String(talk.interruptions ?? "—")],
            ["Agent pace", talk.agent_wpm != null ? `${Math.round(talk.agent_wpm)} wpm` : "—"],
            ["Customer pace", talk.customer_wpm != null ? `${Math.round(talk.customer_wpm)} wpm` : "—"],
          ].map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs text-slate-600">{k}</dt>
              <dd className="tabular font-medium text-slate-900">{v}</dd>
            </div>
          ))}
          <div>
            <dt className="text-xs text-slate-600">Longest monologue</dt>
            <dd className="tabular font-medium text-slate-900">
              {talk.longest_monologue_ms != null ? (
                <button type="button" className="hover:text-brand-700 hover:underline" onClick={() => onSeek(talk.longest_monologue_start_ms ?? 0)}>
                  {formatMs(talk.longest_monologue_ms)} ({talk.longest_monologue_speaker})
                </button>
              ) : (
                "—"
              )}
            </dd>
          </div>
        </dl>
      </div>
    </Card>
  );
}
