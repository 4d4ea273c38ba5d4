#include "twilio/sandbox/accounts.h"

#include "http/form.h"
#include "twilio/timestamps.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// An account resource (schema "api.v2010.account" of Twilio's OpenAPI spec,
// https://github.com/twilio/twilio-oai).
json::object AccountJson(const SubAccount& a) {
  const std::string uri = std::string(kApi) + a.sid;
  return json::object{{"auth_token", a.auth_token},
                      {"date_created", FormatRfc2822(a.date_created)},
                      {"date_updated", FormatRfc2822(a.date_updated)},
                      {"friendly_name", a.friendly_name},
                      {"owner_account_sid", a.owner_account_sid},
                      {"sid", a.sid},
                      {"status", "active"},
                      {"subresource_uris",
                       json::object{{"incoming_phone_numbers", uri + "/IncomingPhoneNumbers.json"},
                                    {"recordings", uri + "/Recordings.json"}}},
                      {"type", "Full"},
                      {"uri", uri + ".json"}};
}

}  // namespace

Response CreateAccount(const Sandbox& sandbox, Request& req) {
  const SandboxOptions& o = sandbox.options;
  if (Account(req) != o.credentials.account_sid) {
    return TwilioError(403, 20403, "Subaccounts cannot create subaccounts");
  }
  http::Form form;
  if (!http::ParseForm(req.body, &form)) return MalformedForm();
  SubAccount a;
  a.owner_account_sid = o.credentials.account_sid;
  a.friendly_name = http::FormValue(form, "FriendlyName");
  if (a.friendly_name.size() > 64) {
    return TwilioError(400, 20001, "FriendlyName is longer than 64 characters");
  }
  auto created = sandbox.store.CreateSubAccount(std::move(a));
  if (!created.ok()) return TwilioError(500, 20500, created.status().message());
  return Response::Json(201, json::serialize(AccountJson(*created)));
}

}  // namespace converza::twilio::sandbox
