// AnalyzeStage (`analyze` jobs): turns a call's redacted transcript into an insight with the
// configured analyzer — the built-in rules analyzer (no network) or an OpenAI-compatible chat
// completions endpoint with a strict JSON schema — then, in the job's transaction: writes the
// insight, marks the call done, marks the tenant-day's KPI rollup stale (the worker refreshes it
// within a second), meters token usage and NOTIFYs the tenant's channel so dashboards update.
//
// OpenAI failure policy: 429 and 5xx and timeouts retry (Retry-After honoured); a refusal is
// permanent; malformed or schema-violating output gets one repair request, then is permanent;
// other 4xx (bad key, unknown model) are permanent. Requests pass a token-bucket limiter (RPM and
// TPM) first.
#pragma once

#include <memory>

#include "pipeline/prices.h"
#include "pipeline/rate_limiter.h"
#include "pipeline/stage.h"

namespace converza::pipeline {

struct OpenAiOptions {
  std::string api_key;  // empty: the rules analyzer
  std::string base_url = "https://api.openai.com/v1";
  std::string model = "gpt-4o";
  double rpm = 500, tpm = 800000;
  std::chrono::milliseconds timeout{60000};
};

// The channel a tenant's dashboards LISTEN on (payload: {"type":"insight.ready","call_id":...};
// api::EventHub turns it into a Server-Sent Event).
std::string TenantChannel(const std::string& tenant_id);

class AnalyzeStage : public Stage {
 public:
  AnalyzeStage(StageContext ctx, OpenAiOptions openai, const Prices& prices);
  boost::asio::awaitable<Outcome> Run(const Job& job) override;

 private:
  StageContext ctx_;
  const OpenAiOptions openai_;
  const Prices& prices_;
  std::unique_ptr<RateLimiter> limiter_;
};

}  // namespace converza::pipeline
