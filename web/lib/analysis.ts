// What became of a call's AI analysis, in words for a manager: pipeline status badges, why a call
// was not analysed, the flags on an insight, the fields a business check sent for review, and the
// admin's LLM cost view (cost per call, implied margin against the target). Pure functions.
import type { Tone } from "@/components/ui/badge";
import type { CoachingReason, InsightFlag, NotAnalysedReason, ObjectionKind, ReviewItem } from "./api-types";

/** Calls not worth scoring, by why: what the list and the call page call them. */
const unscoredLabel: Partial<Record<NotAnalysedReason, string>> = {
  voicemail: "Voicemail",
  too_short: "Under 15 s",
  silent: "Silent",
  no_answer: "No answer",
};

/** The status badge of a call, or null when it is done (its outcome is shown instead). */
export function pipelineBadge(status: string, where: "list" | "detail", reason?: NotAnalysedReason | null): { label: string; tone: Tone } | null {
  switch (status) {
    case "done":
      return null;
    case "failed":
      return { label: where === "list" ? "Failed" : "Analysis failed", tone: "red" };
    case "not_analysed":
      return { label: (reason && unscoredLabel[reason]) || "Not analysed", tone: "gray" };
    default:
      return { label: where === "list" ? "Processing" : "Analysis in progress", tone: "blue" };
  }
}

/** One sentence saying why a call was deliberately not analysed. */
export function notAnalysedText(reason: NotAnalysedReason | string | null | undefined): string {
  switch (reason) {
    case "refused":
      return "The AI model refused to analyse this call.";
    case "content_filter":
      return "The AI provider's content filter blocked the analysis of this call.";
    case "voicemail":
      return "This call reached a voicemail greeting, so it was not scored and does not count toward conversion or sentiment.";
    case "too_short":
      return "This call lasted under 15 seconds, too short to score; it does not count toward conversion or sentiment.";
    case "silent":
      return "Almost nothing was said on this call, so it was not scored and does not count toward conversion or sentiment.";
    case "no_answer":
      return "Nobody answered this call, so there is nothing to score.";
    default:
      return "This call was deliberately left without an analysis.";
  }
}

/** An objection kind as a manager says it: "Too expensive", "Needs to ask someone". */
export const objectionLabel: Record<ObjectionKind, string> = {
  price: "Too expensive",
  decision_maker: "Needs to ask someone else",
  competitor: "Prefers a competitor",
  just_looking: "Just looking",
  timing: "Bad timing",
  undecided: "Wants to think it over",
};

/** Unknown kinds are shown as they are. */
export function describeObjection(kind: string): string {
  return (objectionLabel as Record<string, string>)[kind] ?? kind.replace(/_/g, " ");
}

/**
 * Why a call needs coaching, as a chip: "Missed 3 of 6 script items", "Customer unhappy",
 * "Lost: too expensive". The reasons themselves are decided by the API (GET /api/v1/calls).
 */
export function coachingReasonLabel(r: CoachingReason): string {
  switch (r.code) {
    case "missed_script":
      return r.detail ? `Missed ${r.detail} script items` : "Missed script items";
    case "negative_sentiment":
      return "Customer unhappy";
    case "lost_sale":
      return r.detail ? `Lost: ${describeObjection(r.detail).toLowerCase()}` : "Lost sale";
    default:
      return String(r.code).replace(/_/g, " ");
  }
}

export const flagInfo: Record<InsightFlag, { label: string; explanation: string }> = {
  repaired: { label: "Fixed on second try", explanation: "The AI's first answer was unusable; a second request fixed it." },
  length_retry: { label: "Asked again", explanation: "The AI's answer was cut off, so it was asked again with more room." },
  trimmed: { label: "Long call shortened", explanation: "The call was too long for the AI, so the middle of the transcript was left out." },
  llm_budget: { label: "Rules analysis (budget)", explanation: "The monthly AI budget was reached, so the built-in rules analysed this call." },
};

/** Label and explanation of a flag; unknown flags are shown as they are. */
export function describeFlag(flag: string): { label: string; explanation: string } {
  return (flagInfo as Record<string, { label: string; explanation: string }>)[flag] ?? { label: flag.replace(/_/g, " "), explanation: "" };
}

const fieldLabels: Record<string, string> = {
  ai_score: "AI score",
  summary: "Summary",
  sentiment: "Sentiment",
  converted: "Converted",
  converted_at_ms: "Moment of conversion",
  converted_evidence: "Conversion evidence",
  upsell_cents: "Upsell total",
  upsell_items: "Upsell items",
  currency: "Currency",
  coaching: "Coaching notes",
  script: "Script checklist",
};

/**
 * A reviewed field's path ("upsell_cents", "coaching[1].at_ms", "script.offer") in words:
 * "Upsell total", "Coaching note 2 (moment)", "Script: Make the offer" (with the script's labels).
 */
export function reviewFieldLabel(field: string, scriptLabels: Record<string, string> = {}): string {
  const script = /^script\.([^.[\]]+)(?:\.(\w+))?$/.exec(field);
  if (script) return `Script: ${scriptLabels[script[1]] ?? script[1].replace(/_/g, " ")}`;
  const item = /^(coaching|upsell_items)\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (item) {
    const n = Number(item[2]) + 1;
    const what = item[1] === "coaching" ? `Coaching note ${n}` : `Upsell item ${n}`;
    const sub = item[3] === "at_ms" ? " (moment)" : item[3] === "cents" ? " (amount)" : item[3] === "note" ? " (text)" : item[3] === "name" ? " (name)" : "";
    return what + sub;
  }
  const sub = /^(\w+)\.(\w+)$/.exec(field);
  if (sub && fieldLabels[sub[1]]) return `${fieldLabels[sub[1]]} (${sub[2].replace(/_/g, " ")})`;
  return fieldLabels[field] ?? field.replace(/_/g, " ");
}

/**
 * The review entries about a displayed field: those whose path is one of `fields` or lies under
 * one of them ("coaching[1]" covers "coaching[1].at_ms"; "sentiment" covers "sentiment.score").
 */
export function reviewFor(review: ReviewItem[] | null | undefined, ...fields: string[]): ReviewItem[] {
  if (!review?.length) return [];
  return review.filter((r) => fields.some((f) => r.field === f || r.field.startsWith(`${f}.`) || r.field.startsWith(`${f}[`)));
}

/**
 * USD micros of a per-unit cost (cost per call) -> dollars with enough digits to compare models:
 * $1.15, $0.0115, $0.00025. Whole-dollar amounts keep cents; zero is "$0.00".
 */
export function formatUnitCost(micros: number | null | undefined): string {
  if (micros == null || !Number.isFinite(micros)) return "—";
  const dollars = micros / 1_000_000;
  const abs = Math.abs(dollars);
  const maximumFractionDigits = abs === 0 || abs >= 1 ? 2 : abs >= 0.001 ? 4 : 6;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits }).format(dollars);
}

/** Green at or above the target margin, red below it, "none" without revenue (null). */
export function marginTone(margin: number | null | undefined, target: number): "green" | "red" | "none" {
  if (margin == null || !Number.isFinite(margin)) return "none";
  return margin >= target ? "green" : "red";
}

/** Average tokens (prompt + completion) per call; null without calls. */
export function tokensPerCall(row: { calls: number; prompt_tokens: number; completion_tokens: number }): number | null {
  return row.calls > 0 ? Math.round((row.prompt_tokens + row.completion_tokens) / row.calls) : null;
}

/** Share of the budget spent, 0..1+ (over 1 when overspent); null when there is no budget to spend. */
export function budgetUsed(spendMicros: number, budgetMicros: number): number | null {
  return budgetMicros > 0 ? spendMicros / budgetMicros : null;
}

/** "2026-12" -> "December 2026" (the month as the API names it, in UTC). */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}
