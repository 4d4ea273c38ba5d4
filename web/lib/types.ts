// Response shapes of the Converza REST API (/tmp/api_contract.md, src/api/openapi.json).
// Money is integer cents, provider cost USD micros, rates 0..1 or null.

export type SentimentLabel = "positive" | "neutral" | "negative";

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
  pipeline_status: string;
  converted: boolean | null;
  upsell_cents: number | null;
  sentiment_label: SentimentLabel | null;
  sentiment_score: number | null;
  ai_score: number | null;
  summary: string | null;
  low_performer: boolean;
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
  converted_at_ms: number;
  upsell_cents: number;
  upsell_items: { name: string; cents: number }[];
  script: Record<string, { met: boolean; evidence: string }>;
  script_met: number;
  script_total: number;
  talk: Partial<TalkMetrics>;
  ai_score: number;
  summary: string;
  coaching: { note: string; at_ms: number }[];
  analyzer: string;
  model: string | null;
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
    pipeline_status: string;
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
