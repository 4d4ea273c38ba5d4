// Platform: which Twilio Converza talks to. With TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN set, the
// real Twilio (or whatever TWILIO_API_BASE names); without them, the local Twilio sandbox and its
// credentials (docs/architecture.md#embedded-defaults), so a fresh machine works with no
// accounts.
#pragma once

#include <string>

#include "common/config.h"
#include "common/status.h"
#include "twilio/rest_client.h"

namespace converza::twilio {

struct Platform {
  Credentials credentials;
  std::string api_base;
  std::string intelligence_base;
  std::string intelligence_service_sid;
  bool sandbox = false;
};

Result<Platform> ResolvePlatform(const Config& config);

}  // namespace converza::twilio
