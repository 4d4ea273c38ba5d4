#include "common/config.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/strings.h"
#include "twilio/destinations.h"

namespace converza {
namespace {

Status ParseInt(const std::string& name, const std::string& text, long lo, long hi, long* out) {
  long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < lo || v > hi) {
    return Status::InvalidArgument(name + " must be an integer between " + std::to_string(lo) +
                                   " and " + std::to_string(hi) + ", got \"" + text + "\"");
  }
  *out = v;
  return Status::Ok();
}

// "a, b,,c" -> {"a", "b", "c"}: the items of a comma-separated list, spaces removed.
std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',') {
      if (!item.empty()) items.push_back(item);
      item.clear();
    } else if (text[i] != ' ') {
      item += text[i];
    }
  }
  return items;
}

}  // namespace

Result<std::map<std::string, std::string>> ParseDotEnv(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    line = std::string(Trim(line));
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = std::string(Trim(std::string_view(line).substr(7)));
    auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument(".env line " + std::to_string(lineno) +
                                     ": expected KEY=VALUE");
    }
    std::string key(Trim(std::string_view(line).substr(0, eq)));
    std::string value(Trim(std::string_view(line).substr(eq + 1)));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (auto hash = value.find(" #"); hash != std::string::npos) {
      value = std::string(Trim(std::string_view(value).substr(0, hash)));
    }
    out[key] = value;
  }
  return out;
}

Result<Config> Config::Load(const Getter& get) {
  Config c;
  auto str = [&](const char* name, std::string* field) {
    if (auto v = get(name); v && !v->empty()) *field = *v;
  };
  Status st;
  auto num = [&](const char* name, long lo, long hi, auto* field) {
    if (!st.ok()) return;
    if (auto v = get(name); v && !v->empty()) {
      long parsed = 0;
      st = ParseInt(name, *v, lo, hi, &parsed);
      if (st.ok()) *field = static_cast<std::remove_pointer_t<decltype(field)>>(parsed);
    }
  };

  c.data_dir = ".converza";
  str("CONVERZA_DATA_DIR", &c.data_dir);
  c.data_dir = std::filesystem::absolute(c.data_dir).lexically_normal().string();
  num("CONVERZA_PG_PORT", 1, 65535, &c.pg_port);
  num("PORT", 0, 65535, &c.port);
  num("HTTP_THREADS", 1, 64, &c.http_threads);
  num("HANDLER_THREADS", 1, 1024, &c.handler_threads);
  num("WEBHOOK_FLUSHERS", 1, 64, &c.webhook_flushers);
  num("DB_POOL_SIZE", 1, 1024, &c.db_pool_size);
  num("HTTP_BODY_LIMIT", 1024, 1L << 30, &c.body_limit);
  num("HTTP_HEADER_LIMIT", 1024, 1L << 20, &c.header_limit);
  num("HTTP_TIMEOUT_MS", 100, 600000, &c.request_timeout_ms);
  num("SHUTDOWN_GRACE_MS", 0, 600000, &c.shutdown_grace_ms);
  num("MAX_SSE_CLIENTS", 0, 100000, &c.max_sse_clients);
  num("SSE_HEARTBEAT_MS", 100, 600000, &c.sse_heartbeat_ms);
  num("MAX_SSE_CLIENTS_PER_TENANT", 1, 100000, &c.max_sse_clients_per_tenant);
  num("RECORDING_STREAMS_PER_TENANT", 1, 10000, &c.recording_streams_per_tenant);
  num("NUMBER_SEARCHES_PER_TENANT", 1, 10000, &c.number_searches_per_tenant);
  num("EXPORTS_PER_TENANT", 1, 10000, &c.exports_per_tenant);
  num("SANDBOX_PORT", 1, 65535, &c.sandbox_port);
  num("OPENAI_RPM", 1, 1000000, &c.openai_rpm);
  num("OPENAI_TPM", 1, 1000000000, &c.openai_tpm);
  num("OPENAI_TIMEOUT_MS", 100, 600000, &c.openai_timeout_ms);
  num("OPENAI_MAX_COMPLETION_TOKENS", 256, 16384, &c.openai_max_completion_tokens);
  num("OPENAI_MAX_PROMPT_TOKENS", 2000, 1000000, &c.openai_max_prompt_tokens);
  num("OPENAI_CONTEXT_TOKENS", 0, 2000000, &c.openai_context_tokens);
  num("JWT_EXP", 60, 7 * 86400, &c.jwt_exp_s);
  num("PASSWORD_MIN_LENGTH", 6, 72, &c.password_min_length);
  num("LOGIN_FAILURES_PER_EMAIL", 0, 100000, &c.login_failures_per_email);
  num("LOGIN_FAILURES_PER_IP", 0, 100000, &c.login_failures_per_ip);
  num("RATE_LIMIT_IP_PER_MIN", 0, 10000000, &c.rate_limit_ip_per_min);
  num("SMTP_PORT", 1, 65535, &c.smtp_port);
  num("RECOVER_PER_IP_PER_HOUR", 0, 100000, &c.recover_per_ip_per_hour);
  num("RATE_LIMIT_TENANT_PER_MIN", 0, 10000000, &c.rate_limit_tenant_per_min);
  num("RATE_LIMIT_SYNC_MS", 0, 60000, &c.rate_limit_sync_ms);
  if (!st.ok()) return st;

  str("BIND", &c.bind);
  str("LOG_LEVEL", &c.log_level);
  if (c.log_level != "trace" && c.log_level != "debug" && c.log_level != "info" &&
      c.log_level != "warn" && c.log_level != "error" && c.log_level != "off") {
    return Status::InvalidArgument(
        "LOG_LEVEL must be one of trace, debug, info, warn, error, off; got \"" + c.log_level +
        "\"");
  }
  str("DATABASE_URL", &c.database_url);
  if (c.database_url.empty()) {
    c.database_url = "host=" + c.data_dir + "/pg port=" + std::to_string(c.pg_port) +
                     " dbname=converza user=converza";
  }
  str("MIGRATION_DATABASE_URL", &c.migration_database_url);
  if (c.migration_database_url.empty()) c.migration_database_url = c.database_url;
  str("PUBLIC_URL", &c.public_url);
  if (c.public_url.empty()) c.public_url = "http://127.0.0.1:" + std::to_string(c.port);
  if (c.public_url.rfind("http://", 0) != 0 && c.public_url.rfind("https://", 0) != 0) {
    return Status::InvalidArgument("PUBLIC_URL must start with http:// or https://, got \"" +
                                   c.public_url + "\"");
  }
  while (c.public_url.size() > 8 && c.public_url.back() == '/') c.public_url.pop_back();

  str("STATIC_DIR", &c.static_dir);
  if (c.static_dir.empty()) c.static_dir = std::string(CONVERZA_SOURCE_DIR) + "/web/out";
  str("TWILIO_ACCOUNT_SID", &c.twilio_account_sid);
  str("TWILIO_AUTH_TOKEN", &c.twilio_auth_token);
  str("TWILIO_API_KEY", &c.twilio_api_key);
  str("TWILIO_API_SECRET", &c.twilio_api_secret);
  str("TWILIO_API_BASE", &c.twilio_api_base);
  str("TWILIO_INTELLIGENCE_BASE", &c.twilio_intelligence_base);
  str("TWILIO_INTELLIGENCE_SERVICE_SID", &c.twilio_intelligence_service);
  if (c.twilio_account_sid.empty() != c.twilio_auth_token.empty()) {
    return Status::InvalidArgument(
        "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set together (or neither, for the "
        "sandbox)");
  }
  if (c.twilio_api_key.empty() != c.twilio_api_secret.empty()) {
    return Status::InvalidArgument("TWILIO_API_KEY and TWILIO_API_SECRET must be set together");
  }
  if (!c.twilio_api_key.empty()) {
    if (!IsTwilioSid(c.twilio_api_key, "SK")) {
      return Status::InvalidArgument(
          "TWILIO_API_KEY must be an API key SID: SK followed by 32 hex digits");
    }
    // The key authenticates requests; webhooks are still signed with the account's auth token.
    if (c.twilio_account_sid.empty()) {
      return Status::InvalidArgument(
          "TWILIO_API_KEY needs TWILIO_ACCOUNT_SID (the account in every URL) and "
          "TWILIO_AUTH_TOKEN (Twilio signs webhooks with it)");
    }
  }
  str("OPENAI_API_KEY", &c.openai_api_key);
  str("OPENAI_BASE_URL", &c.openai_base_url);
  str("OPENAI_MODEL", &c.openai_model);
  if (c.openai_base_url.empty()) c.openai_base_url = "https://api.openai.com/v1";
  if (c.openai_model.empty()) c.openai_model = "gpt-4o";
  if (auto v = get("OPENAI_PLAN_MODELS"); v && !v->empty()) {
    std::size_t pos = 0;
    while (pos <= v->size()) {
      std::size_t end = v->find(',', pos);
      if (end == std::string::npos) end = v->size();
      std::string item = v->substr(pos, end - pos);
      pos = end + 1;
      if (item.empty()) continue;
      std::size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
        return Status::InvalidArgument(
            "OPENAI_PLAN_MODELS must be plan=model pairs separated by commas, e.g. "
            "\"starter=gpt-4o-mini,growth=gpt-4o\"; got \"" +
            *v + "\"");
      }
      c.openai_plan_models[item.substr(0, eq)] = item.substr(eq + 1);
    }
  }
  // Strict structured outputs (json_schema) need gpt-4o-2024-08-06 or later, gpt-4o-mini or a
  // newer family (https://platform.openai.com/docs/guides/structured-outputs); these older
  // models answer 400 to every request.
  auto no_structured_outputs = [](const std::string& m) {
    return m.rfind("gpt-3.5", 0) == 0 || m == "gpt-4" || m.rfind("gpt-4-", 0) == 0 ||
           m == "gpt-4o-2024-05-13";
  };
  if (!c.openai_api_key.empty()) {
    std::vector<std::string> models = {c.openai_model};
    for (const auto& [plan, model] : c.openai_plan_models) models.push_back(model);
    for (const auto& m : models) {
      if (no_structured_outputs(m)) {
        return Status::InvalidArgument(
            "OpenAI model \"" + m +
            "\" does not support structured outputs (response_format json_schema); use gpt-4o "
            "or gpt-4o-mini (OPENAI_MODEL, OPENAI_PLAN_MODELS)");
      }
    }
  }
  if (auto v = get("TARGET_GROSS_MARGIN"); v && !v->empty()) {
    char* end = nullptr;
    double m = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || !(m >= 0 && m < 1)) {
      return Status::InvalidArgument(
          "TARGET_GROSS_MARGIN must be a fraction in [0, 1), e.g. 0.8; got \"" + *v + "\"");
    }
    c.target_margin = m;
  }
  num("RECORDING_MEDIA_GRACE_S", 0, 86400, &c.recording_media_grace_s);
  str("TRANSCRIBE_PROVIDER", &c.transcribe_provider);
  if (c.transcribe_provider != "twilio" && c.transcribe_provider != "openai") {
    return Status::InvalidArgument("TRANSCRIBE_PROVIDER must be twilio or openai, got \"" +
                                   c.transcribe_provider + "\"");
  }
  if (c.transcribe_provider == "openai" && c.openai_api_key.empty()) {
    return Status::InvalidArgument("TRANSCRIBE_PROVIDER=openai needs OPENAI_API_KEY");
  }
  // With the real Twilio (credentials set), Voice Intelligence needs the SID of a service the
  // account created (Console > Voice Intelligence > Services: "GA" + 32 hex digits); without it
  // every call's transcription would fail, one dead letter at a time.
  if (!c.twilio_account_sid.empty() && c.transcribe_provider == "twilio" &&
      (c.twilio_intelligence_service.size() != 34 ||
       c.twilio_intelligence_service.rfind("GA", 0) != 0)) {
    return Status::InvalidArgument(
        "TRANSCRIBE_PROVIDER=twilio with real Twilio credentials needs "
        "TWILIO_INTELLIGENCE_SERVICE_SID (a Voice Intelligence service, GA followed by 32 "
        "characters); got \"" +
        c.twilio_intelligence_service + "\"");
  }
  str("OPENAI_TRANSCRIBE_MODEL", &c.openai_transcribe_model);
  // The transcriber needs segments with timestamps (response_format=verbose_json) for the
  // synchronized player and talk metrics; the gpt-4o transcription models do not offer it
  // (https://github.com/openai/openai-openapi, AudioResponseFormat: "For gpt-4o-transcribe and
  // gpt-4o-mini-transcribe, the only supported format is json"; the -diarize model takes json,
  // text or diarized_json), so they cannot work here.
  if (c.transcribe_provider == "openai" && c.openai_transcribe_model.rfind("gpt-4o", 0) == 0) {
    return Status::InvalidArgument(
        "OPENAI_TRANSCRIBE_MODEL=" + c.openai_transcribe_model +
        " does not return verbose_json segment timestamps, which the transcript player and talk "
        "metrics need; use whisper-1");
  }
  str("JWT_SECRET", &c.jwt_secret);
  if (!c.jwt_secret.empty() && c.jwt_secret.size() < 32) {
    return Status::InvalidArgument("JWT_SECRET must be at least 32 characters");
  }
  str("SUPABASE_URL", &c.supabase_url);
  str("SUPABASE_ANON_KEY", &c.supabase_anon_key);
  while (!c.supabase_url.empty() && c.supabase_url.back() == '/') c.supabase_url.pop_back();
  if (c.supabase_url.empty() != c.supabase_anon_key.empty()) {
    return Status::InvalidArgument(
        "SUPABASE_URL and SUPABASE_ANON_KEY (the project's anon or publishable key) must be set "
        "together");
  }
  if (!c.supabase_url.empty() && c.supabase_url.rfind("https://", 0) != 0 &&
      c.supabase_url.rfind("http://", 0) != 0) {
    return Status::InvalidArgument("SUPABASE_URL must be an http(s) URL");
  }
  str("SUPABASE_JWKS_URL", &c.supabase_jwks_url);
  // A project's Auth publishes its signing keys here (asymmetric keys; an HS256 project verifies
  // with JWT_SECRET = the project's JWT secret instead).
  if (!c.supabase_url.empty() && c.supabase_jwks_url.empty()) {
    c.supabase_jwks_url = c.supabase_url + "/auth/v1/.well-known/jwks.json";
  }
  if (!c.supabase_jwks_url.empty() && c.supabase_jwks_url.rfind("https://", 0) != 0 &&
      c.supabase_jwks_url.rfind("http://", 0) != 0) {
    return Status::InvalidArgument("SUPABASE_JWKS_URL must be an http(s) URL");
  }
  str("JWT_JWKS", &c.jwt_jwks);
  str("METRICS_TOKEN", &c.metrics_token);
  c.trusted_proxies = CommaList(get("TRUSTED_PROXIES").value_or(""));
  str("SMTP_HOST", &c.smtp_host);
  str("SMTP_USER", &c.smtp_user);
  str("SMTP_PASS", &c.smtp_pass);
  str("SMTP_FROM", &c.smtp_from);
  str("CORS_ORIGIN", &c.cors_origin);
  if (!c.cors_origin.empty() &&
      ((c.cors_origin.rfind("http://", 0) != 0 && c.cors_origin.rfind("https://", 0) != 0) ||
       c.cors_origin.back() == '/')) {
    return Status::InvalidArgument(
        "CORS_ORIGIN must be an origin like https://app.example.com (scheme, host, optional "
        "port, no path)");
  }
  c.agent_dial_countries = CommaList(get("AGENT_DIAL_COUNTRIES").value_or(""));
  for (const auto& country : c.agent_dial_countries) {
    if (!twilio::IsKnownCountry(country)) {
      return Status::InvalidArgument(
          "AGENT_DIAL_COUNTRIES must be ISO 3166 country codes separated by commas, e.g. "
          "\"US,CA\"; \"" +
          country + "\" is not one");
    }
  }
  for (auto [name, defaults, field] :
       {std::tuple{"NUMBER_QUOTAS", kDefaultNumberQuotas, &c.number_quotas},
        std::tuple{"DIAL_MINUTES_PER_DAY", kDefaultDialMinutesPerDay, &c.dial_minutes_per_day}}) {
    auto limits = PlanLimits::Parse(get(name).value_or(""), defaults);
    if (!limits.ok()) {
      return Status::InvalidArgument(std::string(name) + " " + limits.status().message());
    }
    *field = std::move(*limits);
  }
  return c;
}

Result<Config> Config::FromEnvironment() {
  std::map<std::string, std::string> dotenv;
  if (std::ifstream f(".env"); f) {
    std::stringstream ss;
    ss << f.rdbuf();
    auto parsed = ParseDotEnv(ss.str());
    if (!parsed.ok()) return parsed.status();
    dotenv = std::move(parsed.value());
  }
  return Load([&](const std::string& name) -> std::optional<std::string> {
    if (const char* v = std::getenv(name.c_str())) return std::string(v);
    if (auto it = dotenv.find(name); it != dotenv.end()) return it->second;
    return std::nullopt;
  });
}

}  // namespace converza
