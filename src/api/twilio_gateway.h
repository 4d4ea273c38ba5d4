// The Twilio REST calls request handlers make — number search, purchase, release and recording
// media — as blocking calls: each runs twilio::RestClient's coroutine on a private event loop on
// the calling handler thread (handlers may block; see http/server.h). Requests go to the platform
// account (or the sandbox), except recordings, fetched with the credentials of the account that
// made them (a tenant's subaccount, from twilio_accounts). Errors are RestClient's Statuses,
// whose messages carry Twilio's error message but never a URL or a credential. Boost-free.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "http/client.h"

namespace converza::twilio {
struct Platform;
class Accounts;
struct AvailableNumber;
struct IncomingNumber;
}  // namespace converza::twilio

namespace converza::api {

class TwilioGateway {
 public:
  // Both must outlive the gateway; `accounts` may be null (platform credentials only).
  TwilioGateway(const twilio::Platform& platform, twilio::Accounts* accounts)
      : platform_(platform), accounts_(accounts) {}

  Result<std::vector<twilio::AvailableNumber>> SearchLocal(const std::string& area_code,
                                                           int limit) const;
  Result<twilio::IncomingNumber> Buy(const std::string& e164, const std::string& voice_url,
                                     const std::string& status_callback) const;
  Status Release(const std::string& number_sid) const;
  // 200 or 206 with the audio; `range` is passed through ("" for the whole file).
  Result<http::ClientResponse> FetchRecording(const std::string& account_sid,
                                              const std::string& recording_sid,
                                              const std::string& format,
                                              const std::string& range) const;

 private:
  const twilio::Platform& platform_;
  twilio::Accounts* accounts_;
};

}  // namespace converza::api
