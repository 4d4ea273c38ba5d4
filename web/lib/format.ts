// Display formatting for API values. Pure functions: the API's units (cents, micros, fractions,
// seconds, milliseconds) in, short human strings out; null/undefined always renders as "—".

export const DASH = "—";

type Maybe<T> = T | null | undefined;

const usd0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** Integer cents -> "$1,234.56"; `whole` drops the cents ("$1,235"). */
export function formatCents(cents: Maybe<number>, opts: { whole?: boolean } = {}): string {
  if (cents == null || !Number.isFinite(cents)) return DASH;
  return (opts.whole ? usd0 : usd2).format(cents / 100);
}

/** USD micros (provider cost) -> dollars; sub-cent amounts keep up to 4 decimals. */
export function formatMicros(micros: Maybe<number>): string {
  if (micros == null || !Number.isFinite(micros)) return DASH;
  const dollars = micros / 1_000_000;
  if (dollars !== 0 && Math.abs(dollars) < 0.01) {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 }).format(dollars);
  }
  return usd2.format(dollars);
}

/** Fraction 0..1 -> "42.5%" (digits after the point, default 1; trailing ".0" kept for alignment). */
export function formatPercent(fraction: Maybe<number>, digits = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return DASH;
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatNumber(n: Maybe<number>): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return int.format(n);
}

export function formatCompact(n: Maybe<number>): string {
  if (n == null || !Number.isFinite(n)) return DASH;
  return compact.format(n);
}

/** Seconds -> "m:ss" or "h:mm:ss". */
export function formatDuration(seconds: Maybe<number>): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return DASH;
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** Milliseconds -> "m:ss" (transcript timestamps). */
export function formatMs(ms: Maybe<number>): string {
  return ms == null ? DASH : formatDuration(ms / 1000);
}

/** Sentiment score -1..1 -> "+0.42" / "-0.10". */
export function formatSentiment(score: Maybe<number>): string {
  if (score == null || !Number.isFinite(score)) return DASH;
  const r = Math.round(score * 100) / 100;
  return `${r > 0 ? "+" : r < 0 ? "−" : ""}${Math.abs(r).toFixed(2)}`;
}

export type DeltaKind = "count" | "percent" | "cents" | "score" | "sentiment";

export interface Delta {
  text: string;
  direction: "up" | "down" | "flat" | "none";
}

/**
 * A change vs the previous period. Percent deltas are in percentage points ("+2.1 pts"),
 * counts and money are signed absolute changes. null -> direction "none".
 */
export function formatDelta(change: Maybe<number>, kind: DeltaKind): Delta {
  if (change == null || !Number.isFinite(change)) return { text: DASH, direction: "none" };
  const eps = kind === "percent" ? 0.0005 : kind === "sentiment" ? 0.005 : kind === "cents" ? 0.5 : 0.05;
  const direction = Math.abs(change) < eps ? "flat" : change > 0 ? "up" : "down";
  const sign = direction === "flat" ? "±" : change > 0 ? "+" : "−";
  const abs = Math.abs(change);
  let body: string;
  switch (kind) {
    case "percent":
      body = `${(abs * 100).toFixed(1)} pts`;
      break;
    case "cents":
      body = formatCents(abs, { whole: true });
      break;
    case "sentiment":
      body = abs.toFixed(2);
      break;
    case "score":
      body = abs.toFixed(1);
      break;
    default:
      body = int.format(abs);
  }
  if (direction === "flat") body = kind === "percent" ? "0.0 pts" : kind === "cents" ? "$0" : "0";
  return { text: `${sign}${body}`, direction };
}

/** "2026-11-25" -> "Nov 25"; full ISO timestamps -> "Nov 25, 14:03" in the viewer's zone. */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

export function formatDateTime(iso: Maybe<string>): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return d.toLocaleString("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });
}

/** "+14155550100" -> "(415) 555-0100"; other numbers unchanged. */
export function formatPhone(e164: Maybe<string>): string {
  if (!e164) return DASH;
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** UTC day "YYYY-MM-DD" for a Date. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The inclusive range of `days` days ending today (UTC), as the API's default. */
export function lastNDays(days: number, today = new Date()): { from: string; to: string } {
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: isoDay(from), to: isoDay(to) };
}

/** The calls list's total: "1 call", "1,234 calls", "10,000+ calls" when the API stopped counting. */
export function formatCallTotal(total: number, capped: boolean): string {
  return `${total.toLocaleString("en-US")}${capped ? "+" : ""} ${total === 1 && !capped ? "call" : "calls"}`;
}

/** The widest range the API accepts (3,660 days, about ten years), ending today: "all time". */
export const allTime = (today = new Date()) => lastNDays(3660, today);
