#include "pipeline/openai_analyzer.h"

#include <cstdlib>

#include "analysis/talk_metrics.h"
#include "http/client_async.h"

namespace converza::pipeline {

namespace asio = boost::asio;

namespace {

// OpenAI's view of the account's budgets (x-ratelimit-remaining-*, x-ratelimit-reset-*; see
// https://platform.openai.com/docs/guides/rate-limits) lowers our own limiter.
void ObserveRateLimits(const http::ClientResponse& r, RateLimiter& limiter) {
  auto number = [&](std::string_view name) -> std::optional<double> {
    std::string_view v = r.header(name);
    if (v.empty()) return std::nullopt;
    char* end = nullptr;
    const std::string text(v);
    double d = std::strtod(text.c_str(), &end);
    return end != text.c_str() && *end == '\0' && d >= 0 ? std::optional<double>(d) : std::nullopt;
  };
  limiter.Observe(number("x-ratelimit-remaining-requests"),
                  ParseResetDuration(r.header("x-ratelimit-reset-requests")),
                  number("x-ratelimit-remaining-tokens"),
                  ParseResetDuration(r.header("x-ratelimit-reset-tokens")));
}

}  // namespace

OpenAiOptions OpenAiOptions::FromConfig(const Config& config) {
  OpenAiOptions o;
  o.api_key = config.openai_api_key;
  o.base_url = config.openai_base_url;
  o.model = config.openai_model;
  o.rpm = config.openai_rpm;
  o.tpm = config.openai_tpm;
  o.timeout = std::chrono::milliseconds(config.openai_timeout_ms);
  o.plan_models = config.openai_plan_models;
  o.max_completion_tokens = config.openai_max_completion_tokens;
  o.max_prompt_tokens = config.openai_max_prompt_tokens;
  o.context_tokens = config.openai_context_tokens;
  o.target_margin = config.target_margin;
  return o;
}

long ContextTokens(const std::string& model) {
  (void)model;  // every model we price (gpt-4o, gpt-4o-mini and their snapshots) has 128k
  return 128000;
}

LlmRequest PrepareLlmRequest(const OpenAiOptions& o, const std::string& model,
                             const std::vector<analysis::Turn>& turns,
                             const std::vector<analysis::ScriptItem>& script) {
  LlmRequest r;
  r.options.model = model;
  r.options.max_completion_tokens = o.max_completion_tokens;
  // Room for the largest answer we may ask for (a length retry), inside the model's window.
  const long window = o.context_tokens > 0 ? o.context_tokens : ContextTokens(model);
  r.options.max_prompt_tokens =
      std::min(o.max_prompt_tokens, window - 4L * o.max_completion_tokens);
  r.body = analysis::BuildChatCompletionRequest(turns, script, r.options);
  return r;
}

asio::awaitable<LlmAnswer> AskOpenAi(const OpenAiOptions& o, RateLimiter& limiter,
                                     const std::string& model, LlmRequest request,
                                     const std::vector<analysis::Turn>& turns,
                                     const std::vector<analysis::ScriptItem>& script) {
  LlmAnswer answer;
  auto fail = [&](Status st, bool retryable,
                  std::optional<std::chrono::milliseconds> after = std::nullopt) {
    answer.error = std::move(st);
    answer.retryable = retryable;
    answer.retry_after = after;
  };
  int duration_ms = 0;
  for (const auto& t : turns) duration_ms = std::max(duration_ms, t.end_ms);
  if (request.body.trimmed) answer.flags.push_back("trimmed");
  bool repaired = false, lengthened = false;
  while (!answer.insight && !answer.not_analysed) {
    co_await limiter.Acquire(static_cast<double>(request.body.estimated_prompt_tokens) +
                             request.options.max_completion_tokens);
    http::ClientRequest req;
    req.method = "POST";
    req.url = o.base_url + "/chat/completions";
    req.timeout = o.timeout;
    req.headers = {{"Authorization", "Bearer " + o.api_key}, {"Content-Type", "application/json"}};
    req.body = request.body.body;
    auto r = co_await http::AsyncFetch(std::move(req));
    if (!r.ok()) {
      fail(Status::Unavailable("OpenAI unreachable: " + r.status().message()), true);
      co_return answer;
    }
    ObserveRateLimits(*r, limiter);
    // insufficient_quota is a billing state, not a rate limit: retrying only burns attempts.
    if (r->status == 429 && r->body.find("\"insufficient_quota\"") != std::string::npos) {
      fail(
          Status::PermissionDenied("OpenAI HTTP 429 insufficient_quota: " + r->body.substr(0, 300)),
          false);
      co_return answer;
    }
    if (r->status == 429 || r->status >= 500) {
      fail(Status::Unavailable("OpenAI HTTP " + std::to_string(r->status)), true, r->retry_after());
      co_return answer;
    }
    if (r->status != 200) {
      fail(Status::InvalidArgument("OpenAI HTTP " + std::to_string(r->status) + ": " +
                                   r->body.substr(0, 300)),
           false);
      co_return answer;
    }
    analysis::CompletionResult usage;
    auto result = analysis::ParseChatCompletion(r->body, script, duration_ms, &usage);
    answer.prompt_tokens += usage.prompt_tokens;
    answer.cached_tokens += usage.cached_tokens;
    answer.completion_tokens += usage.completion_tokens;
    const auto code = result.ok() ? Status::Code::kOk : result.status().code();
    if (result.ok()) {
      answer.insight = std::move(result->insight);
      // Timings are measured, not guessed by the model.
      answer.insight->talk = analysis::ComputeTalkMetrics(turns);
      answer.insight->analyzer = "openai:" + model;
      answer.insight->prompt_version = analysis::kPromptVersion;
      answer.insight->flags = answer.flags;
    } else if (code == Status::Code::kPermissionDenied) {
      answer.not_analysed.emplace(
          usage.finish_reason == "content_filter" ? "content_filter" : "refused",
          usage.refusal.substr(0, 500));
    } else if (code == Status::Code::kOutOfRange && !lengthened) {
      lengthened = true;
      answer.flags.push_back("length_retry");
      request.options.max_completion_tokens *= 4;
      request.body = analysis::BuildChatCompletionRequest(turns, script, request.options);
    } else if (code == Status::Code::kInvalidArgument && !repaired) {
      repaired = true;
      answer.flags.push_back("repaired");
      request.body = analysis::BuildRepairRequest(turns, script, request.options, usage.content,
                                                  result.status().message());
    } else {
      fail(Status::InvalidArgument("unusable model output: " + result.status().message()), false);
      co_return answer;
    }
  }
  co_return answer;
}

}  // namespace converza::pipeline
