// Response shapes of the Converza REST API (/tmp/api_contract.md, src/api/openapi.json).
// Money is integer cents, provider cost USD micros, rates 0..1 or null.

export type SentimentLabel = "positive" | "neutral" | "negative";

/** Where a call is in the pipeline; "done", "failed" and "not_analysed" are terminal. */
export type PipelineStatus = "received" | "transcribing" | "analyzing" | "done" | "failed" | "not_analysed";

/** Why a call was deliberately not analysed: the model refused, or the provider's content filter blocked it. */
export type NotAnalysedReason = "refused" | "content_filter";

/**
 * How an insight was obtained: "repaired" (a repair request fixed an unusable answer),
 * "length_retry" (re-asked with a larger token limit), "trimmed" (the middle of a long transcript
 * was left out), "llm_budget" (the rules analyzer ran because the monthly LLM budget was reached).
 */
export type InsightFlag = "repaired" | "length_retry" | "trimmed" | "llm_budget";

/** A field of the model's answer that failed a business check and was dropped or corrected. */
export interface ReviewItem {
  /** path of the field: "upsell_cents", "sentiment", "coaching[1].at_ms", "script.offer", ... */
  field: string;
  reason: string;
}

export interface Me {
  user: { id: string; email: string };
  admin: boolean;
  tenant: { id: string; name: string; slug: string; plan: string; role: string } | null;
}

export interface KpiSet {
  calls: number;
  analyzed: number;
  converted: number;
  conversion_rate: number | null;
  upsell_cents: number;
  avg_sentiment: number | null;
  avg_ai_score: number | null;
  script_adherence: number | null;
  talk_ratio: number | null;
  sentiment: { positive: number; neutral: number; negative: number };
}

export interface Kpis {
  from: string;
  to: string;
  agent_id: string | null;
  current: KpiSet;
  previous: KpiSet;
  change: {
    calls: number | null;
    conversion_rate: number | null;
    upsell_cents: number | null;
    avg_sentiment: number | null;
    avg_ai_score: number | null;
    script_adherence: number | null;
  };
}

export interface KpiDay extends Omit<KpiSet, "script_adherence" | "talk_ratio" | "sentiment"> {
  day: string;
}

export interface Agent {
  id: string;
  name: string;
  phone: string;
  email: string | null;
  active: boolean;
  kpis?: Omit<KpiSet, "talk_ratio" | "sentiment">;
}

export interface CallRow {
  id: string;
  started_at: string;
  agent: { id: string; name: string } | null;
  from_number: string;
  to_number: string;
  duration_s: number | null;
  pipeline_status: PipelineStatus;
  converted: boolean | null;
  upsell_cents: number | null;
  sentiment_label: SentimentLabel | null;
  sentiment_score: number | null;
  ai_score: number | null;
  summary: string | null;
  low_performer: boolean;
  /** the call's insight has fields that need review (a non-empty insight.review, or a confidence below 0.5) */
  needs_review: boolean;
  snippet: string | null;
}

export interface Redaction {
  kind: string;
  start: number;
  end: number;
}

export interface TranscriptTurn {
  seq: number;
  speaker: "agent" | "customer";
  start_ms: number;
  end_ms: number;
  text: string;
  redactions: Redaction[];
}

export interface TalkMetrics {
  agent_ms: number;
  customer_ms: number;
  talk_listen_ratio: number;
  longest_monologue_ms: number;
  longest_monologue_speaker: "agent" | "customer";
  longest_monologue_start_ms: number;
  silence_share: number;
  interruptions: number;
  agent_wpm: number;
  customer_wpm: number;
  duration_ms: number;
}

export interface Insight {
  sentiment: { score: number; label: SentimentLabel };
  converted: boolean;
  converted_evidence: string;
  converted_at_ms: number | null;
  upsell_cents: number;
  upsell_items: { name: string; cents: number }[];
  script: Record<string, { met: boolean; evidence: string; at_ms?: number | null }>;
  script_met: number;
  script_total: number;
  talk: Partial<TalkMetrics>;
  /** null when a business check dropped it (see review) */
  ai_score: number | null;
  summary: string;
  /** at_ms null: the note is about no particular moment */
  coaching: { note: string; at_ms: number | null }[];
  analyzer: string;
  model: string | null;
  /** fields dropped or corrected by a business check; empty when nothing needs review */
  review: ReviewItem[];
  flags: InsightFlag[];
  /** field ("converted", "upsell", "sentiment", "script.<key>") -> 0..1 from the evidence in the call */
  confidence?: Record<string, number>;
  created_at: string;
}

export interface CallDetail {
  call: {
    id: string;
    call_sid: string;
    started_at: string;
    agent: { id: string; name: string } | null;
    from_number: string;
    to_number: string;
    direction: string;
    duration_s: number | null;
    pipeline_status: PipelineStatus;
    /** set when pipeline_status is "not_analysed" */
    not_analysed_reason: NotAnalysedReason | null;
    /** the provider's words, e.g. the model's refusal */
    not_analysed_detail: string | null;
    recording: { available: boolean; duration_s: number | null; channels: number | null };
  };
  transcript: TranscriptTurn[];
  insight: Insight | null;
}

export interface ScriptItem {
  key: string;
  label: string;
  description?: string | null;
}

export interface Script {
  version: number;
  items: ScriptItem[];
  created_at: string;
}

export interface AvailableNumber {
  phone_number: string;
  friendly_name: string;
  locality: string | null;
  region: string | null;
}

export interface PhoneNumber {
  id: string;
  phone_number: string;
  friendly_name: string;
  status: string;
  created_at: string;
}

export interface AdminTenant {
  id: string;
  name: string;
  plan: string;
  plan_price_cents: number;
  created_at: string;
  calls_30d: number;
  numbers: number;
}

export interface MarginRow {
  id: string;
  name: string;
  revenue_cents: number;
  cost_micros: { openai: number; twilio: number; total: number };
  gross_margin: number | null;
  below_target: boolean;
}

export interface Margin {
  month: string;
  target: number;
  tenants: MarginRow[];
  total: { revenue_cents: number; cost_micros: number | { openai: number; twilio: number; total: number }; gross_margin: number | null };
}

export interface UsageDay {
  day: string;
  openai_micros: number;
  twilio_micros: number;
  calls: number;
}

export interface Pipeline {
  queue: { queued: number; running: number; dead: number };
  oldest_queued_s: number | null;
  latency_ms: { p50: number | null; p95: number | null };
  processed_1h: number;
  failed_calls_24h: number;
}

export interface DeadJob {
  tenant_id: string;
  tenant_name: string;
  id: number | string;
  kind: string;
  call_id: string | null;
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

/** GET /api/v1/admin/llm: what became of the month's analyses, LLM cost per tenant and model, budgets. */
export interface LlmOutcomes {
  /** calls analysed by an LLM */
  analysed: number;
  /** LLM insights with a non-empty review */
  partial: number;
  repaired: number;
  length_retry: number;
  trimmed: number;
  /** calls not analysed: the model refused */
  refused: number;
  /** calls not analysed: the content filter blocked the answer */
  content_filter: number;
  /** calls the rules analyzer took because the tenant's LLM budget was reached */
  llm_budget: number;
  /** every call the rules analyzer analysed */
  rules: number;
  /** calls whose analysis failed (dead-lettered) */
  failed: number;
}

export interface LlmModelRow {
  tenant_id: string;
  tenant_name: string;
  tenant_slug: string;
  plan: string;
  model: string;
  calls: number;
  prompt_tokens: number;
  cached_tokens: number;
  completion_tokens: number;
  cost_micros: number;
  cost_per_call_micros: number;
  /** the tenant's gross margin this month if every analysed call cost this model's cost per call; null without revenue */
  implied_margin: number | null;
}

export interface LlmBudgetRow {
  tenant_id: string;
  tenant_name: string;
  tenant_slug: string;
  plan: string;
  revenue_cents: number;
  budget_micros: number;
  llm_spend_micros: number;
  other_spend_micros: number;
  fallback_calls: number;
  budget_reached: boolean;
}

export interface LlmReport {
  month: string;
  target: number;
  outcomes: LlmOutcomes;
  models: LlmModelRow[];
  budgets: LlmBudgetRow[];
}
