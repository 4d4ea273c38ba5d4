// Config: the process configuration, read once at startup from the environment (12-factor),
// with a `.env` file in the working directory filling in variables the environment lacks.
// Every variable is validated up front so a bad value stops startup with a message naming it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/plan_limits.h"
#include "common/status.h"

namespace converza {

struct Config {
  std::string data_dir;      // CONVERZA_DATA_DIR: local cluster, sandbox files
  std::string database_url;  // DATABASE_URL, else the local cluster's socket
  // MIGRATION_DATABASE_URL, else database_url: `converza migrate` connects as the schema's
  // owner, the running processes as a role that owns nothing (docs/deploy.md §3).
  std::string migration_database_url;
  int pg_port = 54329;  // CONVERZA_PG_PORT: port of the local cluster
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string public_url;  // PUBLIC_URL: what Twilio signs; default http://127.0.0.1:PORT
  std::string static_dir;  // STATIC_DIR: dashboard export served at /
  std::string log_level = "info";
  int http_threads = 1;      // HTTP_THREADS: I/O threads
  int handler_threads = 16;  // HANDLER_THREADS: threads running (blocking) request handlers
  int webhook_flushers = 1;  // WEBHOOK_FLUSHERS: concurrent group commits of recording webhooks
  int db_pool_size = 16;     // DB_POOL_SIZE
  std::size_t body_limit = 1 << 20;    // HTTP_BODY_LIMIT bytes
  std::size_t header_limit = 8 << 10;  // HTTP_HEADER_LIMIT bytes
  int request_timeout_ms = 15000;      // HTTP_TIMEOUT_MS: read/write deadline per request
  int shutdown_grace_ms = 10000;       // SHUTDOWN_GRACE_MS
  int max_sse_clients = 256;           // MAX_SSE_CLIENTS: open live-update streams (503 beyond)
  int sse_heartbeat_ms = 15000;        // SSE_HEARTBEAT_MS: `: ping` interval on idle streams
  // Per-tenant shares of the shared capacity (429 beyond): live-update streams, recording
  // downloads and number searches in flight (the last two each hold a handler thread while
  // Twilio answers). A player reads a recording in 1 MiB Range requests, several at once while
  // it buffers and seeks, so a tenant's recordings share is 16.
  int max_sse_clients_per_tenant = 32;    // MAX_SSE_CLIENTS_PER_TENANT
  int recording_streams_per_tenant = 16;  // RECORDING_STREAMS_PER_TENANT
  int number_searches_per_tenant = 2;     // NUMBER_SEARCHES_PER_TENANT
  int exports_per_tenant = 2;             // EXPORTS_PER_TENANT
  std::string metrics_token;  // METRICS_TOKEN: bearer token for /metrics (else local only)
  std::string twilio_account_sid, twilio_auth_token;
  std::string twilio_api_key;     // TWILIO_API_KEY (SK…): REST requests authenticate with it
  std::string twilio_api_secret;  // TWILIO_API_SECRET
  std::string twilio_api_base;    // TWILIO_API_BASE: REST 2010-04-01
  std::string twilio_intelligence_base;     // TWILIO_INTELLIGENCE_BASE: Voice Intelligence v2
  std::string twilio_intelligence_service;  // TWILIO_INTELLIGENCE_SERVICE_SID (GA...)
  int sandbox_port = 8081;                  // SANDBOX_PORT: the local Twilio sandbox
  std::string openai_api_key, openai_base_url, openai_model;
  int openai_rpm = 500;           // OPENAI_RPM: requests per minute this worker may send
  int openai_tpm = 800000;        // OPENAI_TPM: tokens per minute
  int openai_timeout_ms = 60000;  // OPENAI_TIMEOUT_MS
  // OPENAI_PLAN_MODELS: the model per tenant plan, "starter=gpt-4o-mini,growth=gpt-4o"; plans
  // not listed use OPENAI_MODEL.
  std::map<std::string, std::string> openai_plan_models;
  int openai_max_completion_tokens = 1500;  // OPENAI_MAX_COMPLETION_TOKENS (x4 once when cut)
  int openai_max_prompt_tokens = 24000;     // OPENAI_MAX_PROMPT_TOKENS: per call, for cost
  int openai_context_tokens = 0;            // OPENAI_CONTEXT_TOKENS: the window; 0: the model's
  double target_margin = 0.8;               // TARGET_GROSS_MARGIN: the LLM budget keeps this margin
  int recording_media_grace_s = 600;  // RECORDING_MEDIA_GRACE_S: media 404s are "not yet" this long
  std::string transcribe_provider = "twilio";         // TRANSCRIBE_PROVIDER: twilio | openai
  std::string openai_transcribe_model = "whisper-1";  // OPENAI_TRANSCRIBE_MODEL
  std::string jwt_secret;
  // Auth (src/auth/gotrue.h) and request policy (src/api/request_policy.h).
  // SUPABASE_URL + SUPABASE_ANON_KEY (or a publishable key): sign in with that Supabase project's
  // own Auth instead of the built-in /auth/v1; its JWKS is then the default SUPABASE_JWKS_URL.
  std::string supabase_url, supabase_anon_key;
  std::string supabase_jwks_url;     // SUPABASE_JWKS_URL: verify ES256/RS256 tokens with it
  std::string jwt_jwks;              // JWT_JWKS: the same from a file
  int jwt_exp_s = 3600;              // JWT_EXP: access token lifetime
  int password_min_length = 8;       // PASSWORD_MIN_LENGTH
  int login_failures_per_email = 5;  // LOGIN_FAILURES_PER_EMAIL: per minute, then 429
  int login_failures_per_ip = 20;    // LOGIN_FAILURES_PER_IP: per minute, then 429
  std::string cors_origin;           // CORS_ORIGIN: dashboard origin, if not ours
  // Account e-mails (recovery, invitations) over plain SMTP; no SMTP_HOST: none are sent.
  std::string smtp_host, smtp_user, smtp_pass;  // SMTP_HOST, SMTP_USER, SMTP_PASS (never logged)
  int smtp_port = 25;                           // SMTP_PORT
  std::string smtp_from = "Converza <no-reply@converza.local>";  // SMTP_FROM
  int recover_per_ip_per_hour = 30;      // RECOVER_PER_IP_PER_HOUR: recovery requests, then 429
  int rate_limit_ip_per_min = 600;       // RATE_LIMIT_IP_PER_MIN: /api and /auth, 0 = off
  int rate_limit_tenant_per_min = 1200;  // RATE_LIMIT_TENANT_PER_MIN: 0 = off
  int rate_limit_sync_ms = 200;          // RATE_LIMIT_SYNC_MS: how often servers share their counts
                                         // (one budget across servers); 0 = per-server limits only
  std::vector<std::string> trusted_proxies;  // TRUSTED_PROXIES: comma-separated peer IPs
  // What a tenant may spend on the platform's Twilio account (twilio/dial_policy.h,
  // common/plan_limits.h, docs/deploy.md "Spend limits").
  std::vector<std::string> agent_dial_countries;  // AGENT_DIAL_COUNTRIES: ISO codes; empty: own
  PlanLimits number_quotas;                       // NUMBER_QUOTAS: active numbers per plan
  PlanLimits dial_minutes_per_day;                // DIAL_MINUTES_PER_DAY: per tenant, UTC day

  // Reads `getenv` first, then `dotenv` (parsed .env contents), then defaults.
  using Getter = std::function<std::optional<std::string>(const std::string&)>;
  static Result<Config> Load(const Getter& getenv);
  // The real environment plus ./.env if present.
  static Result<Config> FromEnvironment();
};

// The defaults NUMBER_QUOTAS and DIAL_MINUTES_PER_DAY are read over.
inline constexpr std::string_view kDefaultNumberQuotas = "unpaid=1,starter=1,growth=5,*=20";
inline constexpr std::string_view kDefaultDialMinutesPerDay =
    "unpaid=60,starter=600,growth=3000,*=10000";

// Parses KEY=VALUE lines (comments, blank lines, `export `, single/double quotes) of a .env file.
Result<std::map<std::string, std::string>> ParseDotEnv(const std::string& text);

}  // namespace converza
