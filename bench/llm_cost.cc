// What the OpenAI analyzer costs per call, per model, on the labelled eval set: the prompt the
// worker would send for each call (cleaned, redacted, fitted to OPENAI_MAX_PROMPT_TOKENS), an
// answer of the size a model writes for it (the rules analyzer's verdict in the schema's shape),
// the prefix the provider caches (instructions + schema, from the second call on), and the list
// prices of src/pipeline/prices.cc. No network: token counts are estimates at 4 bytes a token,
// OpenAI's rule of thumb for English (the worker's own budget estimate uses a safer 3).
//
// usage: build/release/llm_cost_bench [eval/calls.jsonl] [plan_price_usd=499]
// [calls_per_month=1500]
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/call_input.h"
#include "analysis/insight.h"
#include "analysis/openai_prompt.h"
#include "analysis/rules_analyzer.h"
#include "analysis/script.h"
#include "pipeline/prices.h"

using namespace converza;
namespace json = boost::json;

namespace {

long Tokens(std::size_t bytes) { return static_cast<long>((bytes + 3) / 4); }

// The answer a model gives for `in`, in the schema's shape (what completion tokens pay for).
std::string AnswerFor(const analysis::Insight& in) {
  json::object script;
  for (const auto& [key, r] : in.script) {
    script[key] = json::object{{"met", r.met}, {"evidence", r.evidence}};
  }
  json::array items, coaching;
  for (const auto& u : in.upsell_items) items.push_back({{"name", u.name}, {"cents", u.cents}});
  for (const auto& c : in.coaching) coaching.push_back({{"note", c.note}, {"at_ms", c.at_ms}});
  return json::serialize(
      json::object{{"sentiment", {{"score", in.sentiment.score}, {"label", in.sentiment.label}}},
                   {"converted", in.converted},
                   {"converted_evidence", in.converted_evidence},
                   {"converted_at_ms", in.converted_at_ms},
                   {"upsell_cents", in.upsell_cents},
                   {"currency", in.currency},
                   {"upsell_items", items},
                   {"script", script},
                   {"ai_score", in.ai_score},
                   {"summary", in.summary},
                   {"coaching", coaching}});
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "eval/calls.jsonl";
  const double plan_usd = argc > 2 ? std::atof(argv[2]) : 499;
  const double calls_per_month = argc > 3 ? std::atof(argv[3]) : 1500;
  std::ifstream file(path);
  if (!file) {
    std::fprintf(stderr, "llm_cost_bench: cannot open %s\n", path.c_str());
    return 2;
  }
  const auto script = analysis::DefaultScript();
  analysis::ChatRequestOptions options;
  options.max_prompt_tokens = 24000;  // the worker's default OPENAI_MAX_PROMPT_TOKENS
  long calls = 0, prompt = 0, completion = 0, trimmed = 0, max_prompt = 0;
  long prefix = 0, minutes = 0;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty()) continue;
    auto call = analysis::ParseCallLine(line);
    if (!call.ok()) {
      std::fprintf(stderr, "llm_cost_bench: %s\n", call.status().message().c_str());
      return 2;
    }
    std::vector<analysis::Turn> turns;
    analysis::Insight verdict = analysis::AnalyzeCallWithRules(call->segments, script, &turns);
    auto request = analysis::BuildChatCompletionRequest(turns, script, options);
    auto body = json::parse(request.body);
    const std::string schema =
        json::serialize(body.at_pointer("/response_format/json_schema/schema"));
    long p = Tokens(schema.size());
    for (const auto& m : body.at("messages").as_array()) {
      p += Tokens(m.at("content").as_string().size()) + 4;
    }
    prefix = Tokens(schema.size() + body.at_pointer("/messages/0/content").as_string().size());
    prompt += p;
    max_prompt = std::max(max_prompt, p);
    completion += Tokens(AnswerFor(verdict).size());
    trimmed += request.trimmed;
    int end_ms = 0;
    for (const auto& t : turns) end_ms = std::max(end_ms, t.end_ms);
    minutes += (end_ms + 59999) / 60000;  // Twilio bills started minutes
    ++calls;
  }
  if (calls == 0) {
    std::fprintf(stderr, "llm_cost_bench: no calls in %s\n", path.c_str());
    return 2;
  }
  const double avg_prompt = static_cast<double>(prompt) / calls;
  const double avg_completion = static_cast<double>(completion) / calls;
  // OpenAI caches prefixes of 1,024+ tokens in 128-token steps.
  const long cached = prefix >= 1024 ? prefix / 128 * 128 : 0;
  std::printf("eval set: %s, %ld calls (%ld trimmed to the prompt budget)\n", path.c_str(), calls,
              trimmed);
  std::printf(
      "tokens per call: prompt %.0f (max %ld), of which a cacheable prefix %ld; "
      "completion %.0f\n",
      avg_prompt, max_prompt, cached, avg_completion);
  const auto prices = pipeline::Prices::Defaults();
  // Twilio per call: the inbound leg, the <Dial>ed leg, the recording and its transcription.
  const double twilio =
      static_cast<double>(minutes) / calls *
      (prices.micros("twilio.inbound_minute") + prices.micros("twilio.outbound_minute") +
       prices.micros("twilio.recording_minute") + prices.micros("twilio.transcription_minute")) /
      1e6;
  std::printf("Twilio per call: $%.4f (%.2f billed minutes a call)\n", twilio,
              static_cast<double>(minutes) / calls);
  std::printf(
      "plan $%.0f/month, %.0f calls/month, 80%% margin target: spend budget $%.2f, of "
      "which Twilio takes $%.2f\n\n",
      plan_usd, calls_per_month, plan_usd * 0.2, twilio * calls_per_month);
  std::printf("%-12s %12s %12s %12s %14s %16s\n", "model", "$/1k calls", "cached $/1k",
              "LLM margin", "total margin", "LLM calls in budget");
  for (const char* model : {"gpt-4o", "gpt-4o-mini"}) {
    const long p = std::lround(avg_prompt), c = std::lround(avg_completion);
    const double cold = prices.OpenAiMicros(model, p, c) / 1e6;
    const double warm = prices.OpenAiMicros(model, p, c, std::min(cached, p)) / 1e6;
    const double llm_margin = 1 - warm * calls_per_month / plan_usd;
    const double total_margin = 1 - (warm + twilio) * calls_per_month / plan_usd;
    const double room = std::max(0.0, plan_usd * 0.2 - twilio * calls_per_month);
    std::printf("%-12s %12.2f %12.2f %11.1f%% %13.1f%% %16.0f\n", model, cold * 1000, warm * 1000,
                llm_margin * 100, total_margin * 100, room / warm);
  }
  return 0;
}
