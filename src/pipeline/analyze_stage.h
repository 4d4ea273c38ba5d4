// AnalyzeStage (`analyze` jobs): turns a call's redacted transcript into an insight with the
// configured analyzer — the built-in rules analyzer (no network) or an OpenAI-compatible chat
// completions endpoint with a strict JSON schema — then, in the job's transaction: writes the
// insight, marks the call done, marks the tenant-day's KPI rollup stale (the worker refreshes it
// within a second) and meters token usage; once that has committed, `insight_ready` is told
// (`converza work` sends the tenant's dashboards an insight.ready event, outside the
// transaction: see webhooks/call_events.h).
//
// OpenAI policy, so that every failure is cheap and visible (the request itself:
// pipeline/openai_analyzer.h):
//   - 429 (but not `insufficient_quota`, a billing state), 5xx and timeouts retry the job later
//     (Retry-After honoured); other 4xx (bad key, unknown model) are permanent;
//   - a refusal or the content filter marks the call not_analysed (no retry; tokens metered);
//   - a transcript longer than the prompt budget loses its middle (flag `trimmed`), so
//     context_length_exceeded cannot happen;
//   - the tenant's month of provider spend plus this call's worst-case cost must stay within
//     plan price x (1 - target margin); otherwise the rules analyzer runs (flag `llm_budget`).
// Requests pass a token-bucket limiter (RPM and TPM) first.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "pipeline/openai_analyzer.h"
#include "pipeline/prices.h"
#include "pipeline/rate_limiter.h"
#include "pipeline/stage.h"

namespace converza::pipeline {

class AnalyzeStage : public Stage {
 public:
  // Called with (tenant id, call id) after a call's insight committed; may be empty.
  using InsightReady = std::function<void(const std::string&, const std::string&)>;
  AnalyzeStage(StageContext ctx, OpenAiOptions openai, const Prices& prices,
               InsightReady insight_ready = {});
  boost::asio::awaitable<Outcome> Run(const Job& job) override;

 private:
  struct Spend;
  // Whether `estimate_micros` more fits the tenant's LLM budget this month (reads the month's
  // spend at most every 10 s per tenant and adds what this process spent since).
  bool WithinBudget(const std::string& tenant_id, long long revenue_cents,
                    long long estimate_micros);
  void AddSpend(const std::string& tenant_id, long long micros);

  StageContext ctx_;
  const OpenAiOptions openai_;
  const Prices& prices_;
  const InsightReady insight_ready_;
  std::unique_ptr<RateLimiter> limiter_;
  std::mutex spend_mu_;
  std::map<std::string, std::shared_ptr<Spend>> spend_;
};

}  // namespace converza::pipeline
