// The sandbox account: the Account SID and auth token the sandbox accepts (HTTP Basic auth) and
// signs with. A fresh sandbox uses fixed, published defaults so `converza sandbox`,
// `converza simulate` and `converza serve` agree without configuration; they are written to
// $CONVERZA_DATA_DIR/sandbox/credentials.json, which is read back on later starts (edit it, or set
// TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN, to use others). Not secrets: the sandbox is local only.
#pragma once

#include <string>

#include "common/status.h"

namespace converza::twilio::sandbox {

inline constexpr const char* kDefaultAccountSid = "AC5a4db0c0ffee5a4db0c0ffee5a4db0c0";
inline constexpr const char* kDefaultAuthToken = "5a4db0c0ffee0000sandbox0000token";
// The Voice Intelligence service the sandbox accepts (any GA… SID is accepted).
inline constexpr const char* kDefaultServiceSid = "GA5a4db0c0ffee5a4db0c0ffee5a4db0c0";

struct Credentials {
  std::string account_sid = kDefaultAccountSid;
  std::string auth_token = kDefaultAuthToken;
};

// Reads `dir`/credentials.json; when absent, writes the defaults there (creating `dir`).
Result<Credentials> LoadOrCreateCredentials(const std::string& dir);

}  // namespace converza::twilio::sandbox
