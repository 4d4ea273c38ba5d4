// OpenAiAnalyzer: one call's redacted transcript through an OpenAI-compatible chat completions
// endpoint with the strict insight schema (analysis/openai_prompt.h), with the policy every
// caller shares — the analyze stage and `converza analyze|eval --analyzer openai` — so that what
// is measured offline is what runs in production:
//   - an answer cut at max_completion_tokens is asked again once with four times the limit
//     (flag `length_retry`);
//   - an answer that cannot be used at all gets one repair request (flag `repaired`);
//   - a refusal or the content filter ends "not analysed" (no retry);
//   - `x-ratelimit-*` headers lower the limiter (the account's budgets are shared);
//   - a transport failure, 429 or 5xx is `retryable` (Retry-After kept); `insufficient_quota` (a
//     billing state) and other 4xx are not.
// The answer is not yet grounded: callers run analysis::GroundInsight on it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/insight.h"
#include "analysis/openai_prompt.h"
#include "analysis/script.h"
#include "analysis/transcript.h"
#include "common/config.h"
#include "common/status.h"
#include "pipeline/rate_limiter.h"

namespace converza::pipeline {

struct OpenAiOptions {
  std::string api_key;  // empty: the rules analyzer
  std::string base_url = "https://api.openai.com/v1";
  std::string model = "gpt-4o";
  std::map<std::string, std::string> plan_models;  // tenant plan -> model (else `model`)
  double rpm = 500, tpm = 800000;
  std::chrono::milliseconds timeout{60000};
  int max_completion_tokens = 1500;
  long max_prompt_tokens = 24000;  // per call, for cost; the model's window also bounds it
  long context_tokens = 0;         // the models' context window; 0: ContextTokens(model)
  double target_margin = 0.8;      // the LLM budget keeps this gross margin

  // OPENAI_* from the configuration.
  static OpenAiOptions FromConfig(const Config& config);
};

// The context window of an OpenAI model (gpt-4o and gpt-4o-mini, with their dated snapshots:
// 128,000 tokens, platform.openai.com/docs/models); unknown models are assumed to have 128,000.
long ContextTokens(const std::string& model);

// The first request for a call to `model`, within the prompt budget and the model's window.
struct LlmRequest {
  analysis::ChatRequestOptions options;
  analysis::ChatRequest body;
};
LlmRequest PrepareLlmRequest(const OpenAiOptions& o, const std::string& model,
                             const std::vector<analysis::Turn>& turns,
                             const std::vector<analysis::ScriptItem>& script);

struct LlmAnswer {
  std::optional<analysis::Insight> insight;  // when the model answered usefully
  // When it declined: "refused" or "content_filter", and its words.
  std::optional<std::pair<std::string, std::string>> not_analysed;
  std::vector<std::string> flags;  // trimmed, length_retry, repaired
  long prompt_tokens = 0, cached_tokens = 0, completion_tokens = 0;
  // When neither: why, whether a later attempt may succeed, and how long the server asked us to
  // wait.
  Status error;
  bool retryable = false;
  std::optional<std::chrono::milliseconds> retry_after;
};

// Sends `request` (and at most a length retry and a repair) and reads the answer.
boost::asio::awaitable<LlmAnswer> AskOpenAi(const OpenAiOptions& o, RateLimiter& limiter,
                                            const std::string& model, LlmRequest request,
                                            const std::vector<analysis::Turn>& turns,
                                            const std::vector<analysis::ScriptItem>& script);

}  // namespace converza::pipeline
