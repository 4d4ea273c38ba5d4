#include "api/twilio_gateway.h"

#include <optional>

#include "http/run_sync.h"
#include "twilio/accounts.h"
#include "twilio/platform.h"
#include "twilio/rest_client.h"

namespace converza::api {
namespace {

twilio::RestClient PlatformClient(const twilio::Platform& p) {
  return twilio::RestClient(p.api_base, p.intelligence_base, p.credentials);
}

}  // namespace

Result<std::vector<twilio::AvailableNumber>> TwilioGateway::SearchLocal(
    const std::string& area_code, int limit) const {
  auto client = PlatformClient(platform_);
  return http::RunSync(client.SearchLocalNumbers(area_code, limit));
}

Result<twilio::IncomingNumber> TwilioGateway::Buy(const std::string& e164,
                                                  const std::string& voice_url,
                                                  const std::string& status_callback) const {
  auto client = PlatformClient(platform_);
  return http::RunSync(client.BuyNumber(e164, voice_url, status_callback));
}

Status TwilioGateway::Release(const std::string& number_sid) const {
  auto client = PlatformClient(platform_);
  return http::RunSync(client.ReleaseNumber(number_sid));
}

Result<twilio::Credentials> TwilioGateway::CredentialsFor(const std::string& account_sid) const {
  if (account_sid.empty() || account_sid == platform_.credentials.account_sid) {
    return platform_.credentials;
  }
  auto account = accounts_ ? accounts_->Find(account_sid) : std::nullopt;
  if (!account) return Status::NotFound("Twilio account " + account_sid + " is not registered");
  return twilio::Credentials{account_sid, account->auth_token, "", ""};  // its own token, no key
}

Result<twilio::IncomingNumber> TwilioGateway::FindNumber(const std::string& account_sid,
                                                         const std::string& e164) const {
  auto credentials = CredentialsFor(account_sid);
  if (!credentials.ok()) return credentials.status();
  twilio::RestClient client(platform_.api_base, platform_.intelligence_base, *credentials);
  return http::RunSync(client.FindIncomingNumber(e164));
}

Status TwilioGateway::PointWebhooks(const std::string& account_sid, const std::string& number_sid,
                                    const std::string& voice_url,
                                    const std::string& status_callback) const {
  auto credentials = CredentialsFor(account_sid);
  if (!credentials.ok()) return credentials.status();
  twilio::RestClient client(platform_.api_base, platform_.intelligence_base, *credentials);
  return http::RunSync(client.UpdateNumberWebhooks(number_sid, voice_url, status_callback));
}

Result<http::ClientResponse> TwilioGateway::FetchRecording(const std::string& account_sid,
                                                           const std::string& recording_sid,
                                                           const std::string& format,
                                                           const std::string& range) const {
  auto credentials = CredentialsFor(account_sid);
  if (!credentials.ok())
    return Status::NotFound("the recording's Twilio account is not registered");
  twilio::RestClient client(platform_.api_base, platform_.intelligence_base, *credentials);
  return http::RunSync(client.FetchRecording(recording_sid, format, range));
}

}  // namespace converza::api
