#include "twilio/sandbox/numbers.h"

#include <algorithm>
#include <cstdio>

#include "common/strings.h"
#include "http/form.h"
#include "twilio/timestamps.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

struct AreaInfo {
  const char* code;
  const char* locality;
  const char* region;
  const char* postal;
  const char* lat;
  const char* lon;
};
// A few real area codes get plausible locality data; others get a generic one.
constexpr AreaInfo kAreas[] = {
    {"415", "San Francisco", "CA", "94103", "37.770000", "-122.410000"},
    {"212", "New York", "NY", "10001", "40.750000", "-73.990000"},
    {"312", "Chicago", "IL", "60601", "41.880000", "-87.630000"},
    {"512", "Austin", "TX", "78701", "30.270000", "-97.740000"},
    {"617", "Boston", "MA", "02108", "42.360000", "-71.060000"},
    {"808", "Hilo", "HI", "96720", "19.720000", "-155.090000"},
};

bool ValidAreaCode(std::string_view ac) {
  return ac.size() == 3 && ac[0] >= '2' && ac[0] <= '9' &&
         std::all_of(ac.begin(), ac.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// NANP E.164: +1 NXX NXX XXXX.
bool ValidUsNumber(std::string_view n) {
  return n.size() == 12 && n.substr(0, 2) == "+1" && ValidAreaCode(n.substr(2, 3)) && n[5] >= '2' &&
         n[5] <= '9' &&
         std::all_of(n.begin() + 2, n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string FriendlyName(std::string_view e164) {
  if (e164.size() != 12) return std::string(e164);
  return "(" + std::string(e164.substr(2, 3)) + ") " + std::string(e164.substr(5, 3)) + "-" +
         std::string(e164.substr(8, 4));
}

// The sandbox's inventory for an area code: +1 AAA 555-0100 … 0199 (the 555-01XX block is
// reserved for fiction), minus numbers already provisioned. 533 has none, as we believe Twilio's
// test credentials answer for it (error 21452, "no numbers"; not verified against
// https://www.twilio.com/docs/iam/test-credentials).
std::vector<std::string> Inventory(Store& store, std::string_view area_code, int limit) {
  std::vector<std::string> out;
  if (area_code == "533") return out;
  for (int i = 0; i < 100 && static_cast<int>(out.size()) < limit; ++i) {
    char buf[32];  // room for any int, so the compiler can prove nothing is cut off
    std::snprintf(buf, sizeof buf, "+1%.3s55501%02d", area_code.data(), i);
    if (!store.FindNumber(buf)) out.emplace_back(buf);
  }
  return out;
}

json::object AvailableJson(const std::string& number) {
  std::string ac = number.substr(2, 3);
  AreaInfo info{"", "Springfield", "US", "00000", "39.780000", "-89.650000"};
  for (const auto& a : kAreas) {
    if (ac == a.code) info = a;
  }
  std::string rate_center = info.locality;
  std::transform(rate_center.begin(), rate_center.end(), rate_center.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return json::object{{"address_requirements", "none"},
                      {"beta", false},
                      {"capabilities", json::object{{"mms", true}, {"sms", true}, {"voice", true}}},
                      {"friendly_name", FriendlyName(number)},
                      {"iso_country", "US"},
                      {"lata", "722"},
                      {"latitude", info.lat},
                      {"locality", info.locality},
                      {"longitude", info.lon},
                      {"phone_number", number},
                      {"postal_code", info.postal},
                      {"rate_center", rate_center},
                      {"region", info.region}};
}

json::object NumberJson(const PhoneNumber& n) {
  std::string uri = std::string(kApi) + n.account_sid + "/IncomingPhoneNumbers/" + n.sid + ".json";
  return json::object{
      {"account_sid", n.account_sid},
      {"address_requirements", "none"},
      {"address_sid", nullptr},
      {"api_version", "2010-04-01"},
      {"beta", false},
      {"capabilities", json::object{{"voice", true}, {"sms", true}, {"mms", true}, {"fax", false}}},
      {"date_created", FormatRfc2822(n.date_created)},
      {"date_updated", FormatRfc2822(n.date_updated)},
      {"emergency_status", "Inactive"},
      {"emergency_address_sid", nullptr},
      {"emergency_address_status", "unregistered"},
      {"friendly_name", n.friendly_name},
      {"identity_sid", nullptr},
      {"origin", "twilio"},
      {"phone_number", n.phone_number},
      {"sid", n.sid},
      {"sms_application_sid", ""},
      {"sms_fallback_method", "POST"},
      {"sms_fallback_url", ""},
      {"sms_method", "POST"},
      {"sms_url", ""},
      {"status_callback", n.status_callback},
      {"status_callback_method", n.status_callback_method},
      {"trunk_sid", nullptr},
      {"uri", uri},
      {"voice_application_sid", ""},
      {"voice_caller_id_lookup", false},
      {"voice_fallback_method", n.voice_fallback_method},
      {"voice_fallback_url", NullIfEmpty(n.voice_fallback_url)},
      {"voice_method", n.voice_method},
      {"voice_url", NullIfEmpty(n.voice_url)},
      {"bundle_sid", nullptr},
      {"voice_receive_mode", "voice"},
      {"status", "in-use"},
      {"type", "local"},
      {"subresource_uris", json::object{{"assigned_add_ons", std::string(kApi) + n.account_sid +
                                                                 "/IncomingPhoneNumbers/" + n.sid +
                                                                 "/AssignedAddOns.json"}}}};
}

// Applies the writable fields present in `form` (shared by purchase and update).
Response ApplyNumberFields(const http::Form& form, PhoneNumber* n) {
  struct Field {
    const char* name;
    std::string PhoneNumber::*member;
    bool method;
  };
  static const Field kFields[] = {
      {"FriendlyName", &PhoneNumber::friendly_name, false},
      {"VoiceUrl", &PhoneNumber::voice_url, false},
      {"VoiceMethod", &PhoneNumber::voice_method, true},
      {"VoiceFallbackUrl", &PhoneNumber::voice_fallback_url, false},
      {"VoiceFallbackMethod", &PhoneNumber::voice_fallback_method, true},
      {"StatusCallback", &PhoneNumber::status_callback, false},
      {"StatusCallbackMethod", &PhoneNumber::status_callback_method, true},
  };
  for (const auto& f : kFields) {
    const std::string* field = http::FindFormField(form, f.name);
    if (field == nullptr) continue;
    std::string v = *field;
    if (f.method) {
      std::transform(v.begin(), v.end(), v.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (v != "GET" && v != "POST") {
        return TwilioError(400, 21200, std::string(f.name) + " must be GET or POST");
      }
    } else if (!v.empty() && f.member != &PhoneNumber::friendly_name &&
               v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
      return TwilioError(400, 21502, std::string(f.name) + " is not a valid URL: " + v);
    }
    n->*f.member = v;
  }
  return Response{};  // status 200 with empty body: "no error"
}

bool IsError(const Response& r) { return r.status >= 400; }

// The PN sid of …/IncomingPhoneNumbers/PN….json; false for anything else.
bool NumberSid(Request& req, std::string* sid) {
  auto [s, ext] = SplitExt(req.params["File"]);
  *sid = s;
  return ext == "json" && IsTwilioSid(s, "PN");
}

}  // namespace

// docs/architecture.md#twilio-phone-numbers-and-errors
Response SearchNumbers(const Sandbox& sandbox, Request& req) {
  if (req.params["Country"] != "US") {
    return TwilioError(404, 20404, "The sandbox only has US numbers");
  }
  std::string ac = req.query_param("AreaCode");
  if (ac.empty()) ac = "415";
  if (!ValidAreaCode(ac)) {
    return TwilioError(400, 21452, "AreaCode " + ac + " is not a valid US area code");
  }
  int page_size = IntParam(req, "PageSize", 30, 1, 30);
  json::array items;
  for (const auto& n : Inventory(sandbox.store, ac, page_size)) items.push_back(AvailableJson(n));
  json::object body{{"available_phone_numbers", std::move(items)},
                    {"uri", req.path},
                    {"first_page_uri", req.path},
                    {"next_page_uri", nullptr},
                    {"previous_page_uri", nullptr},
                    {"page", 0},
                    {"page_size", page_size},
                    {"start", 0},
                    {"end", 0}};
  return Response::Json(200, json::serialize(body));
}

// Purchase (§4.2).
Response BuyNumber(const Sandbox& sandbox, Request& req) {
  Store& store = sandbox.store;
  http::Form form;
  if (!http::ParseForm(req.body, &form)) return MalformedForm();
  std::string number = http::FormValue(form, "PhoneNumber");
  std::string ac = http::FormValue(form, "AreaCode");
  if (number.empty() && ac.empty()) {
    return TwilioError(400, 21421, "A PhoneNumber or AreaCode is required");
  }
  // Twilio's magic test numbers (https://www.twilio.com/docs/iam/test-credentials).
  if (number == "+15005550000") {
    return TwilioError(400, 21422, "PhoneNumber +15005550000 is not available");
  }
  if (number.empty()) {
    if (!ValidAreaCode(ac)) {
      return TwilioError(400, 21452, "No phone numbers found in area code " + ac);
    }
    auto inv = Inventory(store, ac, 1);
    if (inv.empty()) {
      return TwilioError(400, 21452, "No phone numbers found in area code " + ac);
    }
    number = inv.front();
  }
  if (!ValidUsNumber(number) || number == "+15005550001") {
    return TwilioError(400, 21421, "PhoneNumber " + number + " is invalid");
  }
  if (store.FindNumber(number)) {
    return TwilioError(400, 21422, "PhoneNumber " + number + " is not available");
  }
  PhoneNumber n;
  n.account_sid = Account(req);
  n.phone_number = number;
  n.friendly_name = FriendlyName(number);
  if (Response err = ApplyNumberFields(form, &n); IsError(err)) return err;
  auto created = store.CreateNumber(std::move(n));
  if (!created.ok()) return TwilioError(500, 20500, created.status().message());
  if (TakeOne(*sandbox.options.lost_purchase_responses)) {
    return Response::Json(504, R"({"message":"Gateway Timeout"})");
  }
  return Response::Json(201, json::serialize(NumberJson(*created)));
}

Response ListNumbers(const Sandbox& sandbox, Request& req) {
  std::string filter = req.query_param("PhoneNumber");
  auto all = sandbox.store.ListNumbers(Account(req));
  std::erase_if(all,
                [&](const PhoneNumber& n) { return !filter.empty() && n.phone_number != filter; });
  return ListPage(req, "incoming_phone_numbers", all, NumberJson);
}

Response GetNumber(const Sandbox& sandbox, Request& req) {
  std::string sid;
  if (!NumberSid(req, &sid)) return NotFound(req);
  auto n = sandbox.store.GetNumber(Account(req), sid);
  if (!n) return NotFound(req);
  return Response::Json(200, json::serialize(NumberJson(*n)));
}

Response UpdateNumber(const Sandbox& sandbox, Request& req) {
  std::string sid;
  if (!NumberSid(req, &sid)) return NotFound(req);
  http::Form form;
  if (!http::ParseForm(req.body, &form)) return MalformedForm();
  Response err;
  auto updated = sandbox.store.UpdateNumber(
      Account(req), sid, [&](PhoneNumber& n) { err = ApplyNumberFields(form, &n); });
  if (IsError(err)) return err;
  if (!updated.ok()) return NotFound(req);
  return Response::Json(200, json::serialize(NumberJson(*updated)));
}

Response ReleaseNumber(const Sandbox& sandbox, Request& req) {
  std::string sid;
  if (!NumberSid(req, &sid)) return NotFound(req);
  if (!sandbox.store.DeleteNumber(Account(req), sid)) return NotFound(req);
  return NoContent();
}

}  // namespace converza::twilio::sandbox
