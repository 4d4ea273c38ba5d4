#include "analysis/openai_prompt.h"

#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>

#include "analysis/money.h"
#include "analysis/talk_metrics.h"
#include "analysis/transcript_cleanup.h"

namespace converza::analysis {
namespace json = boost::json;
namespace {

// Identical for every call of every tenant: the cacheable prefix (see the header). The
// definitions are the product's (docs/architecture.md); each has a counter-example for the
// mistakes analyzers make most.
constexpr std::string_view kInstructions =
    "You analyze recorded phone calls between a company's agent and a customer for Converza, a "
    "call performance platform. Answer only with JSON that follows the schema. Use only what is "
    "said in the transcript; quote it verbatim for evidence. Personal data has been replaced by "
    "placeholders like [card number]; never try to restore it. Part of a very long call may be "
    "left out; a line in brackets says so. Do not guess what was said there.\n\n"
    "Definitions:\n"
    "- converted: during the call the customer committed to a purchase, a paid booking, a "
    "sign-up, an upgrade, or to keep a paid plan they meant to cancel. Free service visits, "
    "\"I'll think about it\", \"send me a proposal\" and \"let me ask my boss\" are not "
    "conversions. Not conversions either: a polite ending (\"sounds great, thanks\") after a "
    "free tour or visit, \"I'll check other places\", a refund, a downgrade, a cancellation. "
    "converted_evidence quotes, verbatim, the line that decided the verdict: the customer's "
    "committing words (never a line that declines an add-on), or when not converted the line "
    "where they declined or deferred; converted_at_ms is the start of that turn; \"\" and null "
    "only when no line decides it.\n"
    "- upsell: the total of add-ons or upgrades the customer explicitly accepted beyond the base "
    "purchase or what they already had; offers declined or left open count zero. The base "
    "purchase itself, a trade-in value, a deposit, a refund and prices merely mentioned are not "
    "upsell. A recurring price counts as stated once (\"$15 more a month\" -> 1500 cents); a "
    "per-unit price counts for the units agreed (\"$50 more per night\" for two nights -> 10000 "
    "cents). Discounts are not upsell. One item per accepted add-on; upsell_cents is the sum of "
    "upsell_items; both empty/zero when nothing was accepted. An accepted add-on is itself a "
    "conversion: a call that is not converted has no upsell.\n"
    "- sentiment: the customer's overall feeling, weighted toward how the call ends; score in "
    "-1..1; label positive (score >= 0.2), negative (score <= -0.2) or neutral. A customer who "
    "stays frustrated, complains, threatens to leave or ends the call unresolved and annoyed is "
    "negative even when they are polite; plain thanks at the end of a neutral errand is neutral.\n"
    "- script: for each checklist item below, met is true only if the agent clearly did it; "
    "evidence is a short verbatim quote of the agent, or \"\" when missed. Indirect phrasings "
    "count (\"so the plan is...\" is a recap; \"what are you using it for?\" is needs discovery; "
    "naming the company in any greeting is a greeting; looking an account up by e-mail or "
    "account number is verifying identity). An offer needs a product, plan or upgrade with its "
    "price; none is met when no offer was made.\n"
    "- ai_score: overall call quality 0..100 (script adherence, outcome, customer sentiment, "
    "talk balance).\n"
    "- summary: two or three sentences in your own words: what the customer wanted, what the "
    "agent did and how the call ended. Do not repeat the opening line or the deciding line.\n"
    "- objection: the customer's last objection or blocker, the one the call ended on: price "
    "(too expensive), decision_maker (needs to ask a spouse, partner or boss), competitor "
    "(cheaper or staying elsewhere), just_looking (only comparing or getting a quote), timing "
    "(not now, maybe later), undecided (will think about it, not interested); quote is the "
    "customer's words verbatim and at_ms the start of that turn; kind none, \"\" and null when "
    "they raised none.\n"
    "- coaching: up to 3 specific, actionable notes for the agent, each with at_ms pointing at "
    "the moment in the call it refers to, or null when it is about something that never "
    "happened. An empty list when there is nothing to coach.\n"
    "Money is in cents of the call's currency (ISO 4217 code, USD when unstated).\n";

std::string SystemPrompt(const std::vector<ScriptItem>& script) {
  std::string s(kInstructions);
  s += "\nThis company's script checklist:\n";
  for (const auto& item : script) {
    s += "- " + item.key + " (" + item.label + "): " + item.description + "\n";
  }
  return s;
}

std::string TranscriptLine(const Turn& t) {
  return FormatClock(t.start_ms) + " [" + std::to_string(t.start_ms) + "] " +
         (t.speaker == Speaker::kAgent ? "Agent: " : "Customer: ") + StripFillers(t.text) + "\n";
}

std::string TalkLine(const std::vector<Turn>& turns) {
  TalkMetrics m = ComputeTalkMetrics(turns);
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "\nTalk metrics: duration %s, agent talk %.0f%%, longest monologue %lds (%s), "
                "interruptions %d.",
                FormatClock(m.duration_ms).c_str(),
                m.agent_ms + m.customer_ms > 0
                    ? 100.0 * m.agent_ms / static_cast<double>(m.agent_ms + m.customer_ms)
                    : 0.0,
                m.longest_monologue_ms / 1000, SpeakerName(m.longest_monologue_speaker),
                m.interruptions);
  return buf;
}

constexpr std::string_view kTranscriptHeader =
    "Call transcript (times are mm:ss from the start of the call; [ms] in brackets is the exact "
    "start for at_ms fields):\n";

// Every amount of money said in the call, with when and by whom: a hint the model checks its
// upsell against (grounding only accepts spoken amounts) and that survives a trimmed middle.
std::string AmountsLine(const std::vector<Turn>& turns) {
  std::string s;
  int listed = 0;
  for (const Turn& t : turns) {
    for (const MoneyMention& m : FindMoney(t.text)) {
      if (listed++ == 40) return s + "; ...";
      s += (s.empty() ? "\nAmounts spoken: " : "; ") + FormatClock(t.start_ms) + " " +
           SpeakerName(t.speaker) + " " + FormatDollars(m.cents) +
           (m.recurring ? " recurring" : "") + (m.unit.empty() ? "" : " per " + m.unit) +
           (m.discount ? " discount" : "") + (m.more ? " more" : "");
    }
  }
  return s.empty() ? "\nAmounts spoken: none." : s + ".";
}

// The user message: every line when they fit in `budget` tokens (<= 0: no limit); otherwise the
// opening 40% and the closing 60% of the budget (how a call ends weighs most) around a marker.
std::string UserPrompt(const std::vector<Turn>& turns, long budget, bool* trimmed) {
  std::vector<std::string> lines;
  long total = 0;
  for (const Turn& t : turns) {
    lines.push_back(TranscriptLine(t));
    total += EstimateTokens(lines.back());
  }
  std::string s(kTranscriptHeader);
  *trimmed = budget > 0 && total > budget;
  if (!*trimmed) {
    for (const auto& l : lines) s += l;
    return s + TalkLine(turns) + AmountsLine(turns);
  }
  const long marker = 40;
  const long head_budget = (budget - marker) * 2 / 5, tail_budget = budget - marker - head_budget;
  std::size_t head = 0, tail = lines.size();
  for (long used = 0; head < lines.size(); ++head) {
    used += EstimateTokens(lines[head]);
    if (used > head_budget) break;
  }
  for (long used = 0; tail > head; --tail) {
    used += EstimateTokens(lines[tail - 1]);
    if (used > tail_budget) break;
  }
  for (std::size_t i = 0; i < head; ++i) s += lines[i];
  const int from = head < turns.size() ? turns[head].start_ms : 0;
  const int to = tail > 0 && tail - 1 < turns.size() ? turns[tail - 1].end_ms : from;
  s += "[... " + FormatClock(from) + " to " + FormatClock(to) +
       " of the call left out to fit the model's context window ...]\n";
  for (std::size_t i = tail; i < lines.size(); ++i) s += lines[i];
  return s + TalkLine(turns) + AmountsLine(turns);
}

// FNV-1a, 64 bits: a stable prompt_cache_key for requests that share a system prompt and schema.
std::string CacheKey(std::string_view a, std::string_view b) {
  std::uint64_t h = 1469598103934665603ull;
  for (auto part : {a, b}) {
    for (char c : part) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "converza-%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Per-message overhead of the chat format, and the bracketing of the schema, in tokens.
constexpr long kOverheadTokens = 30;

json::object RequestObject(const std::vector<Turn>& turns, const std::vector<ScriptItem>& script,
                           const ChatRequestOptions& opt, long extra_tokens, ChatRequest* out) {
  std::string schema_text = InsightJsonSchema(script);
  std::string system = SystemPrompt(script);
  const long fixed = EstimateTokens(system) + EstimateTokens(schema_text) +
                     EstimateTokens(kTranscriptHeader) + 2 * kOverheadTokens + 60 + extra_tokens;
  const long budget = opt.max_prompt_tokens > 0 ? std::max(opt.max_prompt_tokens - fixed, 200L) : 0;
  std::string user = UserPrompt(turns, budget, &out->trimmed);
  // `fixed` counted the header (also in `user`) and a reserve for the talk line (in `user`).
  out->estimated_prompt_tokens =
      fixed - 60 - EstimateTokens(kTranscriptHeader) + EstimateTokens(user);
  json::array messages;
  messages.push_back({{"role", "system"}, {"content", system}});
  messages.push_back({{"role", "user"}, {"content", std::move(user)}});
  return {{"model", opt.model},
          {"temperature", 0},
          {"max_completion_tokens", opt.max_completion_tokens},
          {"prompt_cache_key", CacheKey(system, schema_text)},
          {"messages", std::move(messages)},
          {"response_format",
           {{"type", "json_schema"},
            {"json_schema",
             {{"name", "call_insight"}, {"strict", true}, {"schema", json::parse(schema_text)}}}}}};
}

}  // namespace

long EstimateTokens(std::string_view text) { return static_cast<long>((text.size() + 2) / 3); }

ChatRequest BuildChatCompletionRequest(const std::vector<Turn>& turns,
                                       const std::vector<ScriptItem>& script,
                                       const ChatRequestOptions& options) {
  ChatRequest out;
  out.body = json::serialize(RequestObject(turns, script, options, 0, &out));
  return out;
}

ChatRequest BuildRepairRequest(const std::vector<Turn>& turns,
                               const std::vector<ScriptItem>& script,
                               const ChatRequestOptions& options, std::string_view bad_content,
                               std::string_view error) {
  std::string ask = "That answer was rejected: " + std::string(error) +
                    ". Answer again with corrected JSON that follows the schema exactly.";
  ChatRequest out;
  json::object req =
      RequestObject(turns, script, options,
                    EstimateTokens(bad_content) + EstimateTokens(ask) + 2 * kOverheadTokens, &out);
  json::array& messages = req["messages"].as_array();
  messages.push_back({{"role", "assistant"}, {"content", bad_content}});
  messages.push_back({{"role", "user"}, {"content", std::move(ask)}});
  out.body = json::serialize(req);
  return out;
}

Result<CompletionResult> ParseChatCompletion(std::string_view body,
                                             const std::vector<ScriptItem>& script,
                                             int call_duration_ms, CompletionResult* usage_out) {
  CompletionResult scratch;
  CompletionResult& r = usage_out ? *usage_out : scratch;
  r = CompletionResult{};
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Status::InvalidArgument("chat completion: response body is not a JSON object");
  }
  const json::object& o = v.get_object();
  auto count = [](const json::object& from, std::string_view key) -> long {
    auto* x = from.if_contains(key);
    return x && x->is_int64() ? static_cast<long>(x->get_int64()) : 0;
  };
  if (auto* u = o.if_contains("usage"); u && u->is_object()) {
    const auto& uo = u->get_object();
    r.prompt_tokens = count(uo, "prompt_tokens");
    r.completion_tokens = count(uo, "completion_tokens");
    if (auto* d = uo.if_contains("prompt_tokens_details"); d && d->is_object()) {
      r.cached_tokens = std::min(count(d->get_object(), "cached_tokens"), r.prompt_tokens);
    }
  }
  if (auto* err = o.if_contains("error"); err && err->is_object()) {
    std::string msg = "chat completion: error response";
    if (auto* m = err->get_object().if_contains("message"); m && m->is_string()) {
      msg += ": " + std::string(m->get_string());
    }
    return Status::InvalidArgument(msg);
  }
  const json::value* choices = o.if_contains("choices");
  if (!choices || !choices->is_array() || choices->get_array().empty() ||
      !choices->get_array()[0].is_object()) {
    return Status::InvalidArgument("chat completion: no choices");
  }
  const json::object& choice = choices->get_array()[0].get_object();
  const json::value* message = choice.if_contains("message");
  if (!message || !message->is_object()) {
    return Status::InvalidArgument("chat completion: choices[0].message missing");
  }
  const json::object& msg = message->get_object();
  if (auto* f = choice.if_contains("finish_reason"); f && f->is_string()) {
    r.finish_reason = std::string(f->get_string());
  }
  if (auto* refusal = msg.if_contains("refusal"); refusal && refusal->is_string()) {
    r.refusal = std::string(refusal->get_string());
    return Status::PermissionDenied("model refused: " + r.refusal);
  }
  if (r.finish_reason == "content_filter") {
    return Status::PermissionDenied("model output blocked by the content filter");
  }
  const json::value* content = msg.if_contains("content");
  if (content && content->is_string()) r.content = std::string(content->get_string());
  if (r.finish_reason == "length") {
    return Status::OutOfRange(
        "chat completion cut at max_completion_tokens (finish_reason length)");
  }
  if (!content || !content->is_string()) {
    return Status::InvalidArgument("chat completion: message.content is not a string");
  }
  auto insight = InsightFromLlmJson(r.content, script, call_duration_ms);
  if (!insight.ok()) return insight.status();
  CompletionResult done = r;
  done.insight = std::move(insight).value();
  done.insight.prompt_version = kPromptVersion;
  std::string model = "openai";
  if (auto* m = o.if_contains("model"); m && m->is_string()) {
    model += ":" + std::string(m->get_string());
  }
  done.insight.analyzer = model;
  return done;
}

}  // namespace converza::analysis
