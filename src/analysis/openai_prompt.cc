#include "analysis/openai_prompt.h"

#include <boost/json.hpp>

#include "analysis/talk_metrics.h"
#include "analysis/transcript_cleanup.h"

namespace converza::analysis {
namespace json = boost::json;
namespace {

std::string SystemPrompt(const std::vector<ScriptItem>& script) {
  std::string s =
      "You analyze recorded phone calls between a company's agent and a customer for Converza, "
      "a call performance platform. Answer only with JSON that follows the schema. Use only what "
      "is said in the transcript; quote it verbatim for evidence. Personal data has been "
      "replaced by placeholders like [card number]; never try to restore it.\n\n"
      "Definitions:\n"
      "- converted: during the call the customer committed to a purchase, a paid booking, a "
      "sign-up, an upgrade, or to keep a paid plan they meant to cancel. Free service visits, "
      "\"I'll think about it\", \"send me a proposal\" and \"let me ask my boss\" are not "
      "conversions. converted_at_ms is the start of the customer's committing turn.\n"
      "- upsell: the total of add-ons or upgrades the customer explicitly accepted beyond the "
      "base purchase or what they already had; offers declined or left open count zero. A "
      "recurring price counts as stated once (\"$15 more a month\" -> 1500 cents); a per-unit "
      "price counts for the units agreed (\"$50 more per night\" for two nights -> 10000 "
      "cents). Discounts are not upsell. upsell_cents must equal the sum of upsell_items.\n"
      "- sentiment: the customer's overall feeling, weighted toward how the call ends; score in "
      "-1..1; label positive (score >= 0.2), negative (score <= -0.2) or neutral.\n"
      "- script: for each checklist item, met true only if the agent clearly did it; evidence "
      "is a short verbatim quote, or an empty string when missed. Items:\n";
  for (const auto& item : script) {
    s += "  - " + item.key + " (" + item.label + "): " + item.description + "\n";
  }
  s += "- ai_score: overall call quality 0..100 (script adherence, outcome, customer sentiment, "
       "talk balance).\n"
       "- summary: two or three sentences: why the customer called, what happened, the outcome.\n"
       "- coaching: 1 to 3 specific, actionable notes for the agent, each with at_ms pointing at "
       "the moment in the call it refers to.\n"
       "Money is in cents of the call's currency (ISO 4217 code, USD when unstated).";
  return s;
}

std::string UserPrompt(const std::vector<Turn>& turns) {
  TalkMetrics m = ComputeTalkMetrics(turns);
  std::string s =
      "Call transcript (times are mm:ss from the start of the call; [ms] in "
      "brackets is the exact start for at_ms fields):\n";
  for (const Turn& t : turns) {
    s += FormatClock(t.start_ms) + " [" + std::to_string(t.start_ms) + "] " +
         (t.speaker == Speaker::kAgent ? "Agent: " : "Customer: ") + StripFillers(t.text) + "\n";
  }
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
  s += buf;
  return s;
}

json::object RequestObject(const std::vector<Turn>& turns, const std::vector<ScriptItem>& script,
                           const std::string& model) {
  json::value schema = json::parse(InsightJsonSchema(script));
  json::array messages;
  messages.push_back({{"role", "system"}, {"content", SystemPrompt(script)}});
  messages.push_back({{"role", "user"}, {"content", UserPrompt(turns)}});
  return {{"model", model},
          {"temperature", 0},
          {"messages", std::move(messages)},
          {"response_format",
           {{"type", "json_schema"},
            {"json_schema",
             {{"name", "call_insight"}, {"strict", true}, {"schema", std::move(schema)}}}}}};
}

}  // namespace

std::string BuildChatCompletionRequest(const std::vector<Turn>& turns,
                                       const std::vector<ScriptItem>& script,
                                       const std::string& model) {
  return json::serialize(RequestObject(turns, script, model));
}

std::string BuildRepairRequest(const std::vector<Turn>& turns,
                               const std::vector<ScriptItem>& script, const std::string& model,
                               std::string_view bad_content, std::string_view error) {
  json::object req = RequestObject(turns, script, model);
  json::array& messages = req["messages"].as_array();
  messages.push_back({{"role", "assistant"}, {"content", bad_content}});
  messages.push_back(
      {{"role", "user"},
       {"content", "That answer was rejected: " + std::string(error) +
                       ". Answer again with corrected JSON that follows the schema exactly."}});
  return json::serialize(req);
}

Result<CompletionResult> ParseChatCompletion(std::string_view body,
                                             const std::vector<ScriptItem>& script,
                                             CompletionResult* usage_out) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Status::InvalidArgument("chat completion: response body is not a JSON object");
  }
  const json::object& o = v.get_object();
  CompletionResult r;
  if (auto* u = o.if_contains("usage"); u && u->is_object()) {
    const auto& uo = u->get_object();
    if (auto* p = uo.if_contains("prompt_tokens"); p && p->is_int64())
      r.prompt_tokens = p->get_int64();
    if (auto* c = uo.if_contains("completion_tokens"); c && c->is_int64()) {
      r.completion_tokens = c->get_int64();
    }
  }
  if (usage_out) {
    usage_out->prompt_tokens = r.prompt_tokens;
    usage_out->completion_tokens = r.completion_tokens;
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
  if (auto* refusal = msg.if_contains("refusal"); refusal && refusal->is_string()) {
    return Status::PermissionDenied("model refused: " + std::string(refusal->get_string()));
  }
  std::string finish;
  if (auto* f = choice.if_contains("finish_reason"); f && f->is_string()) {
    finish = std::string(f->get_string());
  }
  if (finish == "content_filter") {
    return Status::PermissionDenied("model output blocked by the content filter");
  }
  const json::value* content = msg.if_contains("content");
  if (content && content->is_string()) {
    r.content = std::string(content->get_string());
    if (usage_out) usage_out->content = r.content;
  }
  if (finish == "length") {
    return Status::InvalidArgument("chat completion truncated (finish_reason length)");
  }
  if (!content || !content->is_string()) {
    return Status::InvalidArgument("chat completion: message.content is not a string");
  }
  auto insight = InsightFromLlmJson(r.content, script);
  if (!insight.ok()) return insight.status();
  r.insight = std::move(insight).value();
  r.insight.prompt_version = kPromptVersion;
  std::string model = "openai";
  if (auto* m = o.if_contains("model"); m && m->is_string()) {
    model += ":" + std::string(m->get_string());
  }
  r.insight.analyzer = model;
  return r;
}

}  // namespace converza::analysis
