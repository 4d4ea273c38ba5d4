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
// An API key of the account (Twilio: Console > API keys; SK + 32 hex and a secret): the sandbox
// accepts it as the Basic user in place of the account SID, as Twilio does.
inline constexpr const char* kDefaultApiKey = "SK5a4db0c0ffee5a4db0c0ffee5a4db0c0";
inline constexpr const char* kDefaultApiSecret = "5a4db0c0ffee00sandbox00apisecret";
// The Voice Intelligence service the sandbox accepts (any GA… SID is accepted).
inline constexpr const char* kDefaultServiceSid = "GA5a4db0c0ffee5a4db0c0ffee5a4db0c0";

struct Credentials {
  std::string account_sid = kDefaultAccountSid;
  std::string auth_token = kDefaultAuthToken;
  std::string api_key = kDefaultApiKey;
  std::string api_secret = kDefaultApiSecret;
};

// Reads `dir`/credentials.json; when absent, writes the defaults there (creating `dir`). A file
// from before API keys keeps the default key.
Result<Credentials> LoadOrCreateCredentials(const std::string& dir);

}  // namespace converza::twilio::sandbox
