// The Twilio REST calls request handlers (and `converza numbers sync`) make — number search,
// purchase, release, lookup and webhook updates, recording media — as blocking calls: each runs
// twilio::RestClient's coroutine on a private event loop on the calling handler thread (handlers
// may block; see http/server.h). Requests go to the platform account (or the sandbox), except
// recordings, fetched with the credentials of the account that made them and numbers a tenant
// attached from its own account (from twilio_accounts). Errors are RestClient's Statuses, whose
// messages carry Twilio's error message but never a URL or a credential. Boost-free.
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
struct Credentials;
}  // namespace converza::twilio

namespace converza::api {

// Where a number's calls go: our voice webhook and call-status callback under PUBLIC_URL.
struct NumberWebhooks {
  std::string voice_url, status_callback;
  static NumberWebhooks At(const std::string& public_url) {
    return {public_url + "/webhooks/twilio/voice", public_url + "/webhooks/twilio/call-status"};
  }
};

class TwilioGateway {
 public:
  // Both must outlive the gateway; `accounts` may be null (platform credentials only).
  TwilioGateway(const twilio::Platform& platform, twilio::Accounts* accounts)
      : platform_(platform), accounts_(accounts) {}

  [[nodiscard]] Result<std::vector<twilio::AvailableNumber>> SearchLocal(
      const std::string& area_code, int limit) const;
  [[nodiscard]] Result<twilio::IncomingNumber> Buy(const std::string& e164,
                                                   const std::string& voice_url,
                                                   const std::string& status_callback) const;
  Status Release(const std::string& number_sid) const;
  // A number on the Twilio account `account_sid` ("" for the platform's; else a tenant's own
  // account registered in twilio_accounts, reached with its own token), with its webhooks.
  [[nodiscard]] Result<twilio::IncomingNumber> FindNumber(const std::string& account_sid,
                                                          const std::string& e164) const;
  // Points that number's voice webhook and status callback at us.
  Status PointWebhooks(const std::string& account_sid, const std::string& number_sid,
                       const std::string& voice_url, const std::string& status_callback) const;
  // 200 or 206 with the audio; `range` is passed through ("" for the whole file).
  [[nodiscard]] Result<http::ClientResponse> FetchRecording(const std::string& account_sid,
                                                            const std::string& recording_sid,
                                                            const std::string& format,
                                                            const std::string& range) const;

 private:
  // The credentials of `account_sid` (the platform's for "" or its own SID).
  [[nodiscard]] Result<twilio::Credentials> CredentialsFor(const std::string& account_sid) const;

  const twilio::Platform& platform_;
  twilio::Accounts* accounts_;
};

}  // namespace converza::api
