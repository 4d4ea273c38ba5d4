#include <cstdio>
#include <cstdlib>

#include "alerts/sender.h"
#include "cli/commands.h"
#include "common/log.h"
#include "pipeline/analyze_stage.h"
#include "pipeline/trackers_stage.h"
#include "pipeline/transcribe_stage.h"
#include "pipeline/worker.h"
#include "twilio/accounts.h"
#include "twilio/platform.h"
#include "webhooks/call_events.h"

namespace converza::cli {

int Work(const Config& config, const WorkOptions& options) {
  auto platform = twilio::ResolvePlatform(config);
  auto prices = pipeline::Prices::Load([](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string(v);
    return std::nullopt;
  });
  if (!platform.ok() || !prices.ok()) {
    std::fprintf(stderr, "work: %s\n",
                 (!platform.ok() ? platform.status() : prices.status()).message().c_str());
    return 2;
  }
  pipeline::WorkerOptions wo;
  wo.concurrency = options.concurrency;
  wo.claim_batch = std::min(options.concurrency, 64);
  wo.exit_when_idle = std::chrono::milliseconds(options.exit_when_idle_ms);
  wo.lease = std::chrono::seconds(options.lease_s);
  wo.number_month_micros = prices->micros("twilio.number_month");
  // Database connections: one per blocking thread, plus LISTEN and lease recovery headroom.
  db::Pool pool(config.database_url, wo.blocking_threads + 2);
  pipeline::Worker worker(wo, pool);
  pipeline::StageContext ctx{pool, worker.blocking()};
  twilio::Accounts accounts(pool, platform->credentials.account_sid,
                            platform->credentials.auth_token);
  pipeline::TranscriptionOptions transcription;
  transcription.provider = config.transcribe_provider;
  transcription.api_key = config.openai_api_key;
  transcription.base_url = config.openai_base_url;
  transcription.model = config.openai_transcribe_model;
  transcription.media_grace = std::chrono::seconds(config.recording_media_grace_s);
  worker.AddStage("transcribe", std::make_unique<pipeline::TranscribeStage>(
                                    ctx, accounts, *platform, *prices, transcription));
  const auto openai = pipeline::OpenAiOptions::FromConfig(config);
  log::Info("analyzer", {{"kind", openai.api_key.empty() ? "rules" : "openai"},
                         {"model", openai.api_key.empty() ? "" : openai.model},
                         {"base_url", openai.api_key.empty() ? "" : openai.base_url}});
  // Dashboards hear of each insight after its transaction committed (webhooks/call_events.h).
  webhooks::CallEvents insight_events(config.database_url, "insight.ready");
  worker.AddStage("analyze",
                  std::make_unique<pipeline::AnalyzeStage>(
                      ctx, openai, *prices,
                      [&insight_events](const std::string& tenant, const std::string& call) {
                        insight_events.Announce(tenant, call);
                      }));
  worker.AddStage("trackers", std::make_unique<pipeline::TrackersStage>(ctx));
  const mail::SmtpClient mailer({.host = config.smtp_host,
                                 .port = config.smtp_port,
                                 .user = config.smtp_user,
                                 .password = config.smtp_pass,
                                 .from = config.smtp_from});
  const char* allow_private = std::getenv("ALERT_WEBHOOKS_ALLOW_PRIVATE");
  alerts::AlertSender alert_sender(
      pool,
      {.public_url = config.public_url,
       .mailer = &mailer,
       .allow_private_targets = allow_private != nullptr && std::string(allow_private) == "1"});
  worker.AddPeriodic("alerts", std::chrono::seconds(1), [&alert_sender] {
    while (alert_sender.SendDue() > 0) {
    }
  });
  worker.Run();
  return 0;
}

}  // namespace converza::cli
