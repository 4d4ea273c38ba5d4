// Insight: the one result shape every analyzer (rules or LLM) produces for a call, its JSON
// form (the `converza analyze` output line and what the API stores), the strict JSON schema an
// LLM must follow, and the validator that turns an LLM's output into an Insight or a precise
// InvalidArgument. Plain values; functions are pure and thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/objection.h"
#include "analysis/script.h"
#include "analysis/talk_metrics.h"
#include "common/status.h"

namespace converza::analysis {

struct Sentiment {
  double score = 0;               // -1..1
  std::string label = "neutral";  // positive | neutral | negative
};

struct UpsellItem {
  std::string name;
  long long cents = 0;
};

struct ScriptResult {
  bool met = false;
  std::string evidence;  // a quote from the transcript, empty when missed
  int at_ms = -1;        // where the quote starts (its turn's start); -1 without evidence
};

struct CoachingNote {
  std::string note;
  int at_ms = 0;  // -1: the note has no moment in the call (e.g. something the agent never did)
};

// A field of an LLM's answer that failed a business check and was dropped or corrected while
// the rest of the insight was kept (shown to managers as "needs review").
struct ReviewNote {
  std::string field;  // e.g. "upsell_cents", "coaching[1].at_ms", "script.offer"
  std::string reason;
};

// How many spans of one kind were redacted (the spans themselves live on the turns).
struct RedactionSummary {
  std::string kind;
  int count = 0;
};

struct Insight {
  Sentiment sentiment;
  bool converted = false;
  // The line that decided the verdict: the customer's commitment, or for a "no" the line where
  // they declined or deferred (their objection); empty and -1 when no line decides it.
  std::string converted_evidence;
  int converted_at_ms = -1;
  long long upsell_cents = 0;  // sum of accepted upsell items
  std::string currency = "USD";
  std::vector<UpsellItem> upsell_items;
  std::map<std::string, ScriptResult> script;  // one entry per script item key
  TalkMetrics talk;                            // computed from timings, never by the LLM
  int ai_score = 0;                            // 0..100; -1 when dropped by review (null)
  std::string summary;
  std::vector<CoachingNote> coaching;  // 0-3 notes
  Objection objection;                 // the customer's objection; kind empty when none
  std::vector<RedactionSummary> redactions;
  std::string analyzer;            // "rules" or "openai:<model>"
  std::string prompt_version;      // empty for the rules analyzer
  std::vector<ReviewNote> review;  // LLM answers only
  // How the answer was obtained: "repaired", "length_retry", "trimmed", "llm_budget" (the
  // insights.flags values; see db/migrations/20261203000100_add_analysis_outcomes.sql).
  std::vector<std::string> flags;
  // field -> 0..1, from the evidence in the call (analysis/confidence.h); empty until assessed.
  std::map<std::string, double> confidence;
};

// One JSON object on one line. With a non-empty `id`, "id" is the first member. Members:
// converted, converted_evidence, converted_at_ms, upsell_cents, currency, upsell_items,
// sentiment{score,label}, script{key:bool}, script_evidence{key:quote}, script_at_ms{key:ms}
// (only items with evidence), confidence{field:0..1}, talk{...}, ai_score,
// summary, coaching[{note,at_ms}], objection{kind,quote,at_ms} (null when none),
// redactions[{kind,count}], analyzer, prompt_version, review
// [{field,reason}], flags. ai_score -1 and at_ms -1 are written as null.
std::string InsightToJson(const Insight& insight, std::string_view id = {});

// The strict JSON schema (OpenAI structured outputs: strict, every property required, no
// additional properties) for the part of an Insight an LLM produces: everything but talk,
// redactions, analyzer and prompt_version. Every constraint the validator relies on is in it
// (enums, nullable moments, minimum/maximum, maxItems, the currency pattern), so an answer the
// model gives under strict mode always becomes an insight.
std::string InsightJsonSchema(const std::vector<ScriptItem>& script);

// Bounds shared by the schema and the validator.
inline constexpr int kMaxCoachingNotes = 3;
inline constexpr int kMaxUpsellItems = 20;
inline constexpr long long kMaxCents = 10'000'000'000LL;  // $100M
inline constexpr int kMaxMomentMs = 86'400'000;           // 24 h

// Turns an LLM's answer into an Insight. Only an answer that cannot be used at all is an error
// (InvalidArgument naming the reason): not a JSON object, `converted` not a boolean, or no
// sentiment label of the enum — the headline fields every KPI needs. Any other field that fails
// a check is dropped or corrected, and noted in `review` while the rest is kept:
//   - sentiment.score missing or outside its label's band: moved into the band of the label;
//   - upsell_cents not the sum of upsell_items: the items' sum (the items are the evidence);
//     an item without a name or with an invalid amount is dropped; at most kMaxUpsellItems;
//   - objection.kind not one of kObjectionKinds (or "none"): no objection; its quote is capped;
//   - converted_at_ms / coaching[i].at_ms / objection.at_ms invalid or past the end of the call
//     (`call_duration_ms` > 0): no moment (-1);
//   - a script item missing or malformed: not met; unknown script keys and properties: ignored;
//   - ai_score invalid: dropped (-1); currency invalid: USD; more than kMaxCoachingNotes notes:
//     the first ones;
//   - strings lose NUL and other control characters (PostgreSQL's jsonb cannot store U+0000) and
//     are capped (summary 2,000 bytes, quotes and notes 1,000, names 200) at a UTF-8 boundary.
Result<Insight> InsightFromLlmJson(std::string_view json, const std::vector<ScriptItem>& script,
                                   int call_duration_ms = 0);

// positive (score >= kPositiveThreshold), negative (score <= kNegativeThreshold) or neutral.
inline constexpr double kPositiveThreshold = 0.2;
inline constexpr double kNegativeThreshold = -0.2;
const char* SentimentLabel(double score);

}  // namespace converza::analysis
