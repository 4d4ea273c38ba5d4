// Insight: the one result shape every analyzer (rules or LLM) produces for a call, its JSON
// form (the `converza analyze` output line and what the API stores), the strict JSON schema an
// LLM must follow, and the validator that turns an LLM's output into an Insight or a precise
// InvalidArgument. Plain values; functions are pure and thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

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
};

struct CoachingNote {
  std::string note;
  int at_ms = 0;
};

// How many spans of one kind were redacted (the spans themselves live on the turns).
struct RedactionSummary {
  std::string kind;
  int count = 0;
};

struct Insight {
  Sentiment sentiment;
  bool converted = false;
  std::string converted_evidence;
  int converted_at_ms = -1;    // -1 when not converted
  long long upsell_cents = 0;  // sum of accepted upsell items
  std::string currency = "USD";
  std::vector<UpsellItem> upsell_items;
  std::map<std::string, ScriptResult> script;  // one entry per script item key
  TalkMetrics talk;                            // computed from timings, never by the LLM
  int ai_score = 0;                            // 0..100
  std::string summary;
  std::vector<CoachingNote> coaching;  // 1-3 notes
  std::vector<RedactionSummary> redactions;
  std::string analyzer;        // "rules" or "openai:<model>"
  std::string prompt_version;  // empty for the rules analyzer
};

// One JSON object on one line. With a non-empty `id`, "id" is the first member. Members:
// converted, converted_evidence, converted_at_ms, upsell_cents, currency, upsell_items,
// sentiment{score,label}, script{key:bool}, script_evidence{key:quote}, talk{...}, ai_score,
// summary, coaching[{note,at_ms}], redactions[{kind,count}], analyzer, prompt_version.
std::string InsightToJson(const Insight& insight, std::string_view id = {});

// The strict JSON schema (OpenAI structured outputs: strict, every property required, no
// additional properties) for the part of an Insight an LLM produces: everything but talk,
// redactions, analyzer and prompt_version.
std::string InsightJsonSchema(const std::vector<ScriptItem>& script);

// Validates an LLM's output against that schema and the product's rules (types, ranges, label
// enum, every script key present and no unknown ones, 1-3 coaching notes, upsell_cents equal to
// the sum of its items); InvalidArgument naming the offending field otherwise.
Result<Insight> InsightFromLlmJson(std::string_view json, const std::vector<ScriptItem>& script);

// positive (score >= kPositiveThreshold), negative (score <= kNegativeThreshold) or neutral.
inline constexpr double kPositiveThreshold = 0.2;
inline constexpr double kNegativeThreshold = -0.2;
const char* SentimentLabel(double score);

}  // namespace converza::analysis
