#include "twilio/platform.h"

#include "twilio/sandbox/credentials.h"

namespace converza::twilio {

Result<Platform> ResolvePlatform(const Config& config) {
  Platform p;
  if (config.twilio_account_sid.empty()) {
    auto creds = sandbox::LoadOrCreateCredentials(config.data_dir + "/sandbox");
    if (!creds.ok()) return creds.status();
    p.sandbox = true;
    // The sandbox account authenticates with its API key, as production should (docs/deploy.md).
    p.credentials = {creds->account_sid, creds->auth_token, creds->api_key, creds->api_secret};
    p.api_base = config.twilio_api_base.empty()
                     ? "http://127.0.0.1:" + std::to_string(config.sandbox_port)
                     : config.twilio_api_base;
    p.intelligence_base =
        config.twilio_intelligence_base.empty() ? p.api_base : config.twilio_intelligence_base;
    p.intelligence_service_sid = config.twilio_intelligence_service.empty()
                                     ? sandbox::kDefaultServiceSid
                                     : config.twilio_intelligence_service;
    return p;
  }
  p.credentials = {config.twilio_account_sid, config.twilio_auth_token, config.twilio_api_key,
                   config.twilio_api_secret};
  p.api_base = config.twilio_api_base.empty() ? "https://api.twilio.com" : config.twilio_api_base;
  p.intelligence_base = config.twilio_intelligence_base.empty() ? "https://intelligence.twilio.com"
                                                                : config.twilio_intelligence_base;
  p.intelligence_service_sid = config.twilio_intelligence_service;
  return p;
}

}  // namespace converza::twilio
