#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "api/event_hub.h"
#include "api/health.h"
#include "api/request_policy.h"
#include "api/routes.h"
#include "api/shared_rate_limits.h"
#include "api/twilio_gateway.h"
#include "auth/gotrue.h"
#include "auth/jwks_cache.h"
#include "auth/token_verifier.h"
#include "cli/commands.h"
#include "common/log.h"
#include "http/server.h"
#include "http/static_files.h"
#include "pipeline/analysis_cost.h"
#include "pipeline/job_notifier.h"
#include "twilio/platform.h"
#include "twilio/simulator/simulator.h"
#include "webhooks/call_events.h"
#include "webhooks/twilio_webhooks.h"

namespace converza::cli {

int Serve(const Config& config) {
  db::Pool pool(config.database_url, config.db_pool_size);
  http::Metrics metrics;
  http::Router router;
  api::AddHealthRoutes(router, pool, metrics, config.metrics_token);

  auto jwt_secret = auth::LoadOrCreateJwtSecret(config.jwt_secret, config.data_dir);
  if (!jwt_secret.ok()) {
    std::fprintf(stderr, "serve: %s\n", jwt_secret.status().message().c_str());
    return 1;
  }
  std::shared_ptr<const auth::JwksCache> jwks;
  if (const std::string& source =
          config.supabase_jwks_url.empty() ? config.jwt_jwks : config.supabase_jwks_url;
      !source.empty()) {
    auto loaded = auth::JwksCache::Load(source);
    if (!loaded.ok()) {
      std::fprintf(stderr, "serve: %s\n", loaded.status().message().c_str());
      return 1;
    }
    log::Info("JWKS loaded",
              {{"source", source}, {"keys", static_cast<long long>((*loaded)->size())}});
    jwks = std::move(*loaded);
  }
  auth::TokenVerifier verifier(*jwt_secret, "authenticated", jwks);
  std::unique_ptr<api::SharedRateLimits> shared_limits;
  if (config.rate_limit_sync_ms > 0) {
    shared_limits = std::make_unique<api::SharedRateLimits>(
        config.database_url, std::chrono::milliseconds(config.rate_limit_sync_ms));
  }
  api::RequestPolicy policy(
      verifier, {config.cors_origin, config.rate_limit_ip_per_min, config.rate_limit_tenant_per_min,
                 config.trusted_proxies, shared_limits.get()});
  policy.Install(router);
  auth::SessionCheck session_check(pool);
  // The one SMTP client for every e-mail the server sends: password recovery (auth) and
  // invitations (api). Without SMTP_HOST none are sent (each is logged instead).
  const mail::SmtpClient mailer({.host = config.smtp_host,
                                 .port = config.smtp_port,
                                 .user = config.smtp_user,
                                 .password = config.smtp_pass,
                                 .from = config.smtp_from});
  auth::AuthService auth_service(
      pool, verifier, mailer,
      {config.public_url, std::chrono::seconds(config.jwt_exp_s), config.password_min_length,
       config.login_failures_per_email, config.login_failures_per_ip, config.supabase_url,
       config.supabase_anon_key, config.recover_per_ip_per_hour},
      &session_check);
  auth::AddAuthRoutes(router, auth_service);
  api::ApiContext api_context{.pool = pool, .verifier = verifier};
  api_context.sessions = &session_check;
  api::TenantGates gates{{config.recording_streams_per_tenant, "recording downloads"},
                         {config.number_searches_per_tenant, "number searches"},
                         {config.max_sse_clients_per_tenant, "live-update streams"},
                         {config.exports_per_tenant, "CSV exports"}};
  api_context.gates = &gates;
  api_context.mailer = &mailer;
  // Re-analysis estimates are priced as the workers will bill them (PRICE_* overrides included).
  auto prices = pipeline::Prices::Load([](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string(v);
    return std::nullopt;
  });
  if (!prices.ok()) {
    std::fprintf(stderr, "serve: %s\n", prices.status().message().c_str());
    return 2;
  }
  const pipeline::AnalysisCost analysis_cost(config, *prices);
  api_context.analysis_cost = &analysis_cost;
  api::AddApiRoutes(router, api_context);

  pipeline::JobNotifier notifier(config.database_url);
  auto platform = twilio::ResolvePlatform(config);
  if (!platform.ok()) {
    std::fprintf(stderr, "serve: %s\n", platform.status().message().c_str());
    return 1;
  }
  twilio::Accounts accounts(pool, platform->credentials.account_sid,
                            platform->credentials.auth_token);
  // Live updates, recordings and onboarding (api_context's routes read these from now on).
  api::EventHub events(config.database_url);
  webhooks::CallEvents call_events(config.database_url);
  api::TwilioGateway twilio_gateway(*platform, &accounts);
  api_context.events = &events;
  api_context.twilio = &twilio_gateway;
  api_context.public_url = config.public_url;
  api_context.sse_heartbeat = std::chrono::milliseconds(config.sse_heartbeat_ms);
  api_context.target_margin = config.target_margin;
  api_context.dial_policy = twilio::DialPolicy(config.agent_dial_countries);
  api_context.number_quotas = config.number_quotas;
  // The onboarding checklist's test call, in the sandbox only: one simulated call at a time, on a
  // thread of its own (it posts to this server, so it must not hold a handler thread). The thread
  // is joined, never abandoned: by the next test call, or when serve returns (after the server has
  // stopped, so a run still posting gives up on refused connections).
  std::string self_url;  // set once listening, before any request is handled
  std::atomic<bool> test_call_running = false;
  std::mutex test_call_mu;
  std::jthread test_call;
  if (platform->sandbox) {
    api_context.simulate_test_call = [&, sandbox = *platform](const std::string& e164) {
      std::lock_guard lock(test_call_mu);
      if (test_call_running) return false;
      test_call_running = true;
      twilio::simulator::SimulateOptions o;
      o.calls = 1;
      o.tenant_number = e164;
      o.server_url = self_url;
      o.public_url = config.public_url;
      o.sandbox_url = sandbox.api_base;
      o.account_sid = sandbox.credentials.account_sid;
      o.auth_token = sandbox.credentials.auth_token;
      o.seed = static_cast<std::uint64_t>(
          std::chrono::system_clock::now().time_since_epoch().count());  // a new call each time
      o.audio = twilio::simulator::AudioMode::kTone;
      o.retries = 2;
      test_call = std::jthread([o, &test_call_running] {  // joins the previous, finished run
        auto sum = twilio::simulator::RunSimulation(o, nullptr);
        log::Info("test call simulated", {{"acked", std::to_string(sum.webhooks_acked)},
                                          {"failed", std::to_string(sum.webhooks_failed)}});
        test_call_running = false;
      });
      return true;
    };
  }
  webhooks::RecordingBatcher recordings(pool, config.webhook_flushers);
  webhooks::WebhookContext webhook_context{
      pool,
      accounts,
      recordings,
      config.public_url,
      [&notifier] { notifier.Poke(); },
      [&call_events](const std::string& tenant, const std::string& call) {
        call_events.Announce(tenant, call);
      },
      twilio::DialPolicy(config.agent_dial_countries),
      config.dial_minutes_per_day};
  webhooks::AddTwilioWebhooks(router, webhook_context);

  http::StaticFiles files(config.static_dir);
  if (!std::filesystem::exists(config.static_dir)) {
    log::Warn("dashboard files not found; only the API is served",
              {{"static_dir", config.static_dir}});
  }
  router.SetFallback([&files](http::Request& req) { return files.Serve(req); });

  http::ServerOptions options;
  options.bind = config.bind;
  options.port = config.port;
  options.io_threads = config.http_threads;
  options.handler_threads = config.handler_threads;
  options.body_limit = config.body_limit;
  options.header_limit = config.header_limit;
  options.timeout = std::chrono::milliseconds(config.request_timeout_ms);
  options.grace = std::chrono::milliseconds(config.shutdown_grace_ms);
  options.max_streams = config.max_sse_clients;
  options.map_error = api::DatabaseErrorResponse;
  http::Server server(options, router, metrics);
  if (Status st = server.Listen(); !st.ok()) {
    std::fprintf(stderr, "serve: %s\n", st.message().c_str());
    return 1;
  }
  self_url = "http://" + (config.bind == "0.0.0.0" ? std::string("127.0.0.1") : config.bind) + ":" +
             std::to_string(server.port());
  log::Info("listening", {{"url", "http://" + config.bind + ":" + std::to_string(server.port())},
                          {"public_url", config.public_url}});
  server.Run();
  log::Info("stopped");
  return 0;
}

}  // namespace converza::cli
