#include "twilio/sandbox/routes.h"

#include <openssl/evp.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "common/base64.h"
#include "common/strings.h"
#include "twilio/sandbox/byte_range.h"
#include "twilio/timestamps.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr const char* kApi = "/2010-04-01/Accounts/";

// ---- Twilio formats ----------------------------------------------------------------------------

// Twilio's error body (docs/architecture.md#twilio-phone-numbers-and-errors).
Response TwilioError(int status, int code, const std::string& message) {
  json::object o{{"code", code},
                 {"message", message},
                 {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
                 {"status", status}};
  return Response::Json(status, json::serialize(o));
}

Response NotFound(const Request& req) {
  return TwilioError(404, 20404, "The requested resource " + req.path + " was not found");
}

// ISO 8601 as the v2 APIs write them: "2010-08-31T20:36:28Z".
std::string Iso8601(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Decimal seconds as Intelligence sentences carry them (strings in Twilio's OpenAPI schema).
std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string FormValue(const std::vector<std::pair<std::string, std::string>>& form,
                      std::string_view name, bool* present = nullptr) {
  for (const auto& [k, v] : form) {
    if (k == name) {
      if (present) *present = true;
      return v;
    }
  }
  if (present) *present = false;
  return {};
}

int IntParam(const Request& req, const char* name, int fallback, int lo, int hi) {
  std::string v = req.query_param(name);
  if (v.empty()) return fallback;
  try {
    return std::clamp(std::stoi(v), lo, hi);
  } catch (...) {
    return fallback;
  }
}

// ---- Auth -------------------------------------------------------------------------------------

// The account a request authenticates as (HTTP Basic): the main account with its auth token or
// its API key, or a subaccount with its own auth token; "" when none.
std::string AuthenticatedAccount(const Request& req, const Credentials& c, Store& store) {
  std::string_view h = req.header("authorization");
  constexpr std::string_view kBasic = "Basic ";
  if (h.size() <= kBasic.size() || h.substr(0, kBasic.size()) != kBasic) return "";
  std::string_view b64 = h.substr(kBasic.size());
  if (b64.size() > 1024) return "";
  auto decoded_or = Base64Decode(b64);
  if (!decoded_or.ok()) return "";
  const std::string& decoded = *decoded_or;
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return "";
  const std::string user = decoded.substr(0, colon);
  const std::string_view pass = std::string_view(decoded).substr(colon + 1);
  const bool as_account =
      ConstantTimeEquals(user, c.account_sid) && ConstantTimeEquals(pass, c.auth_token);
  const bool as_key = ConstantTimeEquals(user, c.api_key) && ConstantTimeEquals(pass, c.api_secret);
  if (as_account || as_key) return c.account_sid;
  if (auto sub = store.GetSubAccount(user); sub && ConstantTimeEquals(pass, sub->auth_token)) {
    return sub->sid;
  }
  return "";
}

Response Unauthorized() {
  Response r = TwilioError(401, 20003, "Authenticate");
  r.set_header("WWW-Authenticate", "Basic realm=\"Twilio API\"");
  return r;
}

// Wraps a handler with Basic auth and, for 2010-04-01 routes, the AccountSid path check: the
// path names the authenticated account, or one of its subaccounts (a parent account may act on
// its subaccounts' resources, as on Twilio). The handler finds the account it acts on in
// Account(req).
http::Handler Guard(const SandboxOptions& options, Store& store, http::Handler inner) {
  return [&options, &store, inner = std::move(inner)](Request& req) -> Response {
    const std::string who = AuthenticatedAccount(req, options.credentials, store);
    if (who.empty()) return Unauthorized();
    std::string account = who;
    if (auto it = req.params.find("AccountSid"); it != req.params.end() && it->second != who) {
      auto sub = store.GetSubAccount(it->second);
      if (!sub || sub->owner_account_sid != who) return NotFound(req);
      account = sub->sid;
    }
    req.params["_account"] = account;
    return inner(req);
  };
}

const std::string& Account(Request& req) { return req.params["_account"]; }

// Splits "PNxxx.json" into sid and extension ("" when none).
std::pair<std::string, std::string> SplitExt(const std::string& file) {
  auto dot = file.rfind('.');
  if (dot == std::string::npos) return {file, ""};
  return {file.substr(0, dot), file.substr(dot + 1)};
}

bool IsSid(std::string_view s, std::string_view prefix) {
  if (s.size() != 34 || s.substr(0, 2) != prefix) return false;
  return std::all_of(s.begin() + 2, s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// Twilio's list envelope for the 2010-04-01 API.
json::object ListEnvelope(const std::string& key, json::array items, const std::string& uri,
                          int page, int page_size, bool has_next) {
  auto page_uri = [&](int p) {
    return uri + "?PageSize=" + std::to_string(page_size) + "&Page=" + std::to_string(p);
  };
  int start = page * page_size;
  int count = static_cast<int>(items.size());
  json::object o{{key, std::move(items)},
                 {"uri", page_uri(page)},
                 {"first_page_uri", page_uri(0)},
                 {"next_page_uri", has_next ? json::value(page_uri(page + 1)) : json::value()},
                 {"previous_page_uri", page > 0 ? json::value(page_uri(page - 1)) : json::value()},
                 {"page", page},
                 {"page_size", page_size},
                 {"start", start},
                 {"end", count == 0 ? start : start + count - 1}};
  return o;
}

// ---- Phone numbers ----------------------------------------------------------------------------

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

json::value NullIfEmpty(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

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
Response ApplyNumberFields(const std::vector<std::pair<std::string, std::string>>& form,
                           PhoneNumber* n) {
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
    bool present = false;
    std::string v = FormValue(form, f.name, &present);
    if (!present) continue;
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

// ---- Recordings ---------------------------------------------------------------------------------

json::object RecordingJson(const Recording& r, const SandboxOptions& o) {
  std::string base = std::string(kApi) + r.account_sid + "/Recordings/" + r.sid;
  // $0.0025 per started minute, negative like Twilio's prices
  // (docs/architecture.md#twilio-prices).
  int minutes = std::max(1, (r.duration + 59) / 60);
  char price[32];
  std::snprintf(price, sizeof price, "-%.5f", 0.0025 * minutes);
  return json::object{
      {"account_sid", r.account_sid},
      {"api_version", "2010-04-01"},
      {"call_sid", r.call_sid},
      {"conference_sid", nullptr},
      {"channels", r.channels},
      {"date_created", FormatRfc2822(r.date_created)},
      {"date_updated", FormatRfc2822(r.date_created)},
      {"start_time", FormatRfc2822(r.start_time)},
      {"duration", std::to_string(r.duration)},
      {"sid", r.sid},
      {"price", price},
      {"price_unit", "USD"},
      {"status", r.status},
      {"source", r.source},
      {"error_code", nullptr},
      {"uri", base + ".json"},
      {"encryption_details", nullptr},
      {"subresource_uris", json::object{{"add_on_results", base + "/AddOnResults.json"},
                                        {"transcriptions", base + "/Transcriptions.json"}}},
      {"media_url", o.base_url + base},
      // Sandbox extension (Twilio has no such field): what the audio holds.
      {"sandbox_audio_kind", r.audio_kind}};
}

Response ServeAudio(const Request& req, Store& store, const Recording& r) {
  auto size = store.AudioSize(r.sid);
  if (!size.ok()) return NotFound(req);
  ByteRange range;
  Response res;
  switch (ParseByteRange(req.header("range"), *size, &range)) {
    case RangeResult::kNone: {
      auto audio = store.ReadAudio(r.sid);
      if (!audio.ok()) return NotFound(req);
      res = Response::Text(200, std::move(*audio), "audio/x-wav");
      break;
    }
    case RangeResult::kSatisfiable: {
      auto audio = store.ReadAudio(r.sid, range.first, range.last - range.first + 1);
      if (!audio.ok()) return NotFound(req);
      res = Response::Text(206, std::move(*audio), "audio/x-wav");
      res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                          std::to_string(range.last) + "/" + std::to_string(*size));
      break;
    }
    case RangeResult::kUnsatisfiable:
      res = TwilioError(416, 20416, "Requested range not satisfiable");
      res.set_header("Content-Range", "bytes */" + std::to_string(*size));
      break;
  }
  res.set_header("Accept-Ranges", "bytes");
  return res;
}

// ---- Intelligence -----------------------------------------------------------------------------

const char* TranscriptStatus(const Transcript& t, std::int64_t now_ms) {
  if (now_ms >= t.ready_at_ms) return t.fails ? "failed" : "completed";
  if (now_ms >= t.date_created_ms + (t.ready_at_ms - t.date_created_ms) / 2) return "in-progress";
  return "queued";
}

json::object TranscriptJson(const Transcript& t, const SandboxOptions& o,
                            const char* status_override = nullptr) {
  std::int64_t now = NowMillis();
  const char* status = status_override ? status_override : TranscriptStatus(t, now);
  std::string url = o.base_url + "/v2/Transcripts/" + t.sid;
  boost::system::error_code ec;
  json::value channel = json::parse(t.channel_json, ec);
  if (ec) channel = nullptr;
  std::int64_t updated_ms =
      std::string_view(status) == "completed" ? t.ready_at_ms : t.date_created_ms;
  return json::object{
      {"account_sid", t.account_sid},
      {"service_sid", t.service_sid},
      {"sid", t.sid},
      {"date_created", Iso8601(t.date_created_ms / 1000)},
      {"date_updated", Iso8601(updated_ms / 1000)},
      {"status", status},
      {"channel", channel},
      {"data_logging", false},
      {"language_code", "en-US"},
      {"media_start_time", nullptr},
      {"duration", std::string_view(status) == "completed" ? t.duration : 0},
      {"customer_key", NullIfEmpty(t.customer_key)},
      {"url", url},
      {"redaction", false},
      {"encryption_credential_sid", nullptr},
      {"links", json::object{{"sentences", url + "/Sentences"},
                             {"encrypted_sentences", url + "/Sentences/Encrypted"},
                             {"media", url + "/Media"},
                             {"operator_results", url + "/OperatorResults"},
                             {"encrypted_operator_results", url + "/OperatorResults/Encrypted"}}}};
}

// GX sid derived from the transcript and index, so paging is stable.
std::string SentenceSid(const std::string& transcript_sid, std::size_t index) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "GX%s%08zx", transcript_sid.substr(10).c_str(), index);
  return std::string(buf).substr(0, 34);
}

json::array WordsJson(const Sentence& s) {
  // Word times spread over the sentence in proportion to word length.
  std::vector<std::string> words;
  std::size_t i = 0;
  const std::string& t = s.text;
  while (i < t.size()) {
    while (i < t.size() && t[i] == ' ') ++i;
    std::size_t j = t.find(' ', i);
    if (j == std::string::npos) j = t.size();
    if (j > i) words.push_back(t.substr(i, j - i));
    i = j;
  }
  std::size_t total = 0;
  for (const auto& w : words) total += w.size() + 1;
  json::array out;
  double at = s.start, span = std::max(0.0, s.end - s.start);
  for (const auto& w : words) {
    double len = total ? span * static_cast<double>(w.size() + 1) / static_cast<double>(total) : 0;
    out.push_back(
        json::object{{"word", w}, {"start_time", Seconds(at)}, {"end_time", Seconds(at + len)}});
    at += len;
  }
  return out;
}

// Recording SID named by a Channel parameter: media_properties.source_sid, or a media_url that
// points at one of our recordings.
std::string SourceRecording(const json::value& channel) {
  const auto* o = channel.if_object();
  const auto* mp = o ? o->if_contains("media_properties") : nullptr;
  const auto* mpo = mp ? mp->if_object() : nullptr;
  if (!mpo) return {};
  if (const auto* url = mpo->if_contains("media_url"); url && url->is_string()) {
    std::string u(url->get_string());
    auto pos = u.find("/Recordings/");
    if (pos != std::string::npos) return u.substr(pos + 12, 34);
    return {};
  }
  if (const auto* sid = mpo->if_contains("source_sid"); sid && sid->is_string()) {
    return std::string(sid->get_string());
  }
  return {};
}

}  // namespace

void AddSandboxRoutes(http::Router& router, Store& store, const SandboxOptions& options) {
  const std::string acct = std::string(kApi) + "{AccountSid}";
  const SandboxOptions& o = options;

  // A subaccount, as a tenant's own Twilio account (CreateAccount in the 2010-04-01 spec): only
  // a main account may make one.
  router.Post("/2010-04-01/Accounts.json", Guard(o, store, [&store, &o](Request& req) -> Response {
                if (Account(req) != o.credentials.account_sid) {
                  return TwilioError(403, 20403, "Subaccounts cannot create subaccounts");
                }
                std::vector<std::pair<std::string, std::string>> form;
                if (!http::ParseForm(req.body, &form)) {
                  return TwilioError(400, 20001, "Malformed form body");
                }
                SubAccount a;
                a.owner_account_sid = o.credentials.account_sid;
                a.friendly_name = FormValue(form, "FriendlyName");
                if (a.friendly_name.size() > 64) {
                  return TwilioError(400, 20001, "FriendlyName is longer than 64 characters");
                }
                auto created = store.CreateSubAccount(std::move(a));
                if (!created.ok()) return TwilioError(500, 20500, created.status().message());
                return Response::Json(201, json::serialize(AccountJson(*created)));
              }));

  // Search available numbers (docs/architecture.md#twilio-phone-numbers-and-errors).
  router.Get(acct + "/AvailablePhoneNumbers/{Country}/Local.json",
             Guard(o, store, [&store](Request& req) -> Response {
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
               for (const auto& n : Inventory(store, ac, page_size))
                 items.push_back(AvailableJson(n));
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
             }));

  // Purchase (§4.2).
  router.Post(
      acct + "/IncomingPhoneNumbers.json", Guard(o, store, [&store, &o](Request& req) -> Response {
        std::vector<std::pair<std::string, std::string>> form;
        if (!http::ParseForm(req.body, &form)) {
          return TwilioError(400, 20001, "Malformed form body");
        }
        std::string number = FormValue(form, "PhoneNumber");
        std::string ac = FormValue(form, "AreaCode");
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
        int lose = o.lost_purchase_responses->load();
        while (lose > 0 && !o.lost_purchase_responses->compare_exchange_weak(lose, lose - 1)) {
        }
        if (lose > 0) return Response::Json(504, R"({"message":"Gateway Timeout"})");
        return Response::Json(201, json::serialize(NumberJson(*created)));
      }));

  router.Get(
      acct + "/IncomingPhoneNumbers.json", Guard(o, store, [&store](Request& req) -> Response {
        std::string filter = req.query_param("PhoneNumber");
        int page_size = IntParam(req, "PageSize", 50, 1, 1000);
        int page = IntParam(req, "Page", 0, 0, 1 << 20);
        auto all = store.ListNumbers(Account(req));
        std::erase_if(
            all, [&](const PhoneNumber& n) { return !filter.empty() && n.phone_number != filter; });
        json::array items;
        std::size_t begin = static_cast<std::size_t>(page) * page_size;
        for (std::size_t i = begin; i < all.size() && i < begin + page_size; ++i) {
          items.push_back(NumberJson(all[i]));
        }
        bool more = all.size() > begin + page_size;
        return Response::Json(
            200, json::serialize(ListEnvelope("incoming_phone_numbers", std::move(items), req.path,
                                              page, page_size, more)));
      }));

  auto number_sid = [](Request& req, std::string* sid) {
    auto [s, ext] = SplitExt(req.params["File"]);
    *sid = s;
    return ext == "json" && IsSid(s, "PN");
  };
  router.Get(acct + "/IncomingPhoneNumbers/{File}",
             Guard(o, store, [&store, number_sid](Request& req) -> Response {
               std::string sid;
               if (!number_sid(req, &sid)) return NotFound(req);
               auto n = store.GetNumber(Account(req), sid);
               if (!n) return NotFound(req);
               return Response::Json(200, json::serialize(NumberJson(*n)));
             }));
  router.Post(acct + "/IncomingPhoneNumbers/{File}",
              Guard(o, store, [&store, number_sid](Request& req) -> Response {
                std::string sid;
                if (!number_sid(req, &sid)) return NotFound(req);
                std::vector<std::pair<std::string, std::string>> form;
                if (!http::ParseForm(req.body, &form)) {
                  return TwilioError(400, 20001, "Malformed form body");
                }
                Response err;
                auto updated = store.UpdateNumber(
                    Account(req), sid, [&](PhoneNumber& n) { err = ApplyNumberFields(form, &n); });
                if (IsError(err)) return err;
                if (!updated.ok()) return NotFound(req);
                return Response::Json(200, json::serialize(NumberJson(*updated)));
              }));
  router.Add("DELETE", acct + "/IncomingPhoneNumbers/{File}",
             Guard(o, store, [&store, number_sid](Request& req) -> Response {
               std::string sid;
               if (!number_sid(req, &sid)) return NotFound(req);
               if (!store.DeleteNumber(Account(req), sid)) return NotFound(req);
               Response r;
               r.status = 204;
               return r;
             }));

  // Recordings (§2.3).
  router.Get(
      acct + "/Recordings.json", Guard(o, store, [&store, &o](Request& req) -> Response {
        std::string call_sid = req.query_param("CallSid");
        int page_size = IntParam(req, "PageSize", 50, 1, 1000);
        int page = IntParam(req, "Page", 0, 0, 1 << 20);
        auto all = store.ListRecordings(Account(req));
        std::erase_if(
            all, [&](const Recording& r) { return !call_sid.empty() && r.call_sid != call_sid; });
        std::reverse(all.begin(), all.end());  // newest first, as Twilio lists them
        json::array items;
        std::size_t begin = static_cast<std::size_t>(page) * page_size;
        for (std::size_t i = begin; i < all.size() && i < begin + page_size; ++i) {
          items.push_back(RecordingJson(all[i], o));
        }
        bool more = all.size() > begin + page_size;
        return Response::Json(200, json::serialize(ListEnvelope("recordings", std::move(items),
                                                                req.path, page, page_size, more)));
      }));
  router.Get(acct + "/Recordings/{File}", Guard(o, store, [&store, &o](Request& req) -> Response {
               auto [sid, ext] = SplitExt(req.params["File"]);
               if (!IsSid(sid, "RE")) return NotFound(req);
               auto r = store.GetRecording(sid);
               if (!r || r->account_sid != Account(req)) return NotFound(req);
               if (ext == "json") return Response::Json(200, json::serialize(RecordingJson(*r, o)));
               if ((ext == "" || ext == "wav") &&
                   NowMillis() < r->date_created * 1000 + o.media_not_found_ms) {
                 return NotFound(req);  // not yet available, as right after the webhook
               }
               if ((ext == "" || ext == "wav") && !o.storage_base_url.empty()) {
                 Response moved;
                 moved.status = 307;
                 moved.set_header("Location", o.storage_base_url + "/sandbox-storage/" + sid +
                                                  ".wav?token=" + o.storage_token);
                 return moved;
               }
               if (ext == "" || ext == "wav") return ServeAudio(req, store, *r);
               if (ext == "mp3") {
                 return TwilioError(404, 20404,
                                    "The sandbox has no MP3 encoder; request " + sid + ".wav");
               }
               return NotFound(req);
             }));

  // The storage host recording media redirects to: a presigned link, no account credentials
  // (a request carrying both is refused, as S3 refuses it).
  router.Get("/sandbox-storage/{File}", [&store, &o](Request& req) -> Response {
    if (!req.header("authorization").empty()) {
      return Response::Json(400, R"({"code":"InvalidArgument","message":"Only one auth mechanism )"
                                 R"(allowed; only the token query parameter or the Authorization )"
                                 R"(header should be specified"})");
    }
    if (!ConstantTimeEquals(req.query_param("token"), o.storage_token)) {
      return Response::Json(403, R"({"code":"AccessDenied","message":"Request has expired"})");
    }
    auto [sid, ext] = SplitExt(req.params["File"]);
    auto r = IsSid(sid, "RE") && ext == "wav" ? store.GetRecording(sid) : std::nullopt;
    if (!r) return Response::Json(404, R"({"code":"NoSuchKey"})");
    return ServeAudio(req, store, *r);
  });

  // Sandbox-only: the simulator registers a recording with its audio and script.
  router.Post("/sandbox/v1/Recordings", Guard(o, store, [&store, &o](Request& req) -> Response {
                boost::system::error_code ec;
                auto v = json::parse(req.body, ec);
                if (ec || !v.is_object()) return TwilioError(400, 20001, "Body must be JSON");
                const auto& b = v.get_object();
                auto str = [&](const char* k) {
                  auto* x = b.if_contains(k);
                  return x && x->is_string() ? std::string(x->get_string()) : std::string();
                };
                auto num = [&](const char* k) {
                  auto* x = b.if_contains(k);
                  return x && x->is_number() ? x->to_number<double>() : 0.0;
                };
                Recording r;
                r.sid = str("recording_sid");
                if (!r.sid.empty() && !IsSid(r.sid, "RE")) {
                  return TwilioError(400, 20001, "recording_sid must be RE + 32 hex");
                }
                r.account_sid = o.credentials.account_sid;
                r.call_sid = str("call_sid");
                if (!IsSid(r.call_sid, "CA")) {
                  return TwilioError(400, 20001, "call_sid must be CA + 32 hex");
                }
                r.duration = static_cast<int>(std::lround(num("duration")));
                r.start_time = static_cast<std::int64_t>(num("start_time"));
                if (r.start_time == 0) r.start_time = NowSeconds();
                r.channels = 2;
                r.audio_kind = str("audio_kind");
                if (const auto* s = b.if_contains("sentences"); s && s->is_array()) {
                  for (const auto& e : s->get_array()) {
                    const auto* so = e.if_object();
                    if (!so) continue;
                    Sentence x;
                    auto f = [&](const char* k) {
                      auto* y = so->if_contains(k);
                      return y && y->is_number() ? y->to_number<double>() : 0.0;
                    };
                    x.channel = static_cast<int>(f("channel"));
                    x.start = f("start");
                    x.end = f("end");
                    x.confidence = f("confidence");
                    if (auto* t = so->if_contains("text"); t && t->is_string()) {
                      x.text = std::string(t->get_string());
                    }
                    if (x.channel != 1 && x.channel != 2) {
                      return TwilioError(400, 20001, "sentence channel must be 1 or 2");
                    }
                    r.sentences.push_back(std::move(x));
                  }
                }
                auto audio = Base64Decode(str("audio_base64"));
                if (!audio.ok())
                  return TwilioError(400, 20001, "audio_base64: " + audio.status().message());
                auto stored = store.PutRecording(std::move(r), *audio);
                if (!stored.ok()) return TwilioError(500, 20500, stored.status().message());
                return Response::Json(201, json::serialize(RecordingJson(*stored, o)));
              }));

  // Voice Intelligence v2 (§3).
  router.Post(
      "/v2/Transcripts", Guard(o, store, [&store, &o](Request& req) -> Response {
        std::vector<std::pair<std::string, std::string>> form;
        if (!http::ParseForm(req.body, &form)) {
          return TwilioError(400, 20001, "Malformed form body");
        }
        std::string service = FormValue(form, "ServiceSid");
        std::string channel = FormValue(form, "Channel");
        if (!IsSid(service, "GA")) {
          return TwilioError(400, 20001, "Missing or invalid required parameter ServiceSid");
        }
        boost::system::error_code ec;
        auto cv = json::parse(channel, ec);
        if (channel.empty() || ec) {
          return TwilioError(400, 20001, "Missing or invalid required parameter Channel");
        }
        std::string re = SourceRecording(cv);
        if (re.empty()) {
          return TwilioError(400, 20001,
                             "Channel.media_properties needs source_sid or a sandbox "
                             "recording media_url");
        }
        auto rec = store.GetRecording(re);
        if (!rec) return TwilioError(404, 20404, "Recording " + re + " was not found");
        // Twilio keeps one transcript per recording ("delete to re-transcribe"). The error code
        // of its refusal is not documented; 409 / 20409 (Conflict) stands in for it.
        if (auto existing = store.FindTranscriptBySource(re)) {
          return TwilioError(409, 20409,
                             "Recording " + re + " already has transcript " + existing->sid +
                                 "; delete it to transcribe the recording again");
        }
        Transcript t;
        t.account_sid = Account(req);
        t.service_sid = service;
        t.source_sid = re;
        t.customer_key = FormValue(form, "CustomerKey");
        t.channel_json = json::serialize(cv);
        t.ready_at_ms = NowMillis() + o.transcript_delay_ms;
        int fail = o.failed_transcripts->load();
        while (fail > 0 && !o.failed_transcripts->compare_exchange_weak(fail, fail - 1)) {
        }
        t.fails = fail > 0;
        t.duration = rec->duration;
        t.sentences = rec->sentences;
        std::stable_sort(t.sentences.begin(), t.sentences.end(),
                         [](const Sentence& a, const Sentence& b) { return a.start < b.start; });
        auto created = store.CreateTranscript(std::move(t));
        if (!created.ok()) return TwilioError(500, 20500, created.status().message());
        // A new transcript is always reported queued, as Twilio does.
        return Response::Json(202, json::serialize(TranscriptJson(*created, o, "queued")));
      }));
  router.Get("/v2/Transcripts", Guard(o, store, [&store, &o](Request& req) -> Response {
               std::string source = req.query_param("SourceSid");
               int page_size = IntParam(req, "PageSize", 50, 1, 1000);
               auto all = store.ListTranscripts(Account(req));
               json::array items;
               for (auto it = all.rbegin(); it != all.rend(); ++it) {
                 if (!source.empty() && it->source_sid != source) continue;
                 if (static_cast<int>(items.size()) == page_size) break;
                 items.push_back(TranscriptJson(*it, o));
               }
               std::string url =
                   o.base_url + "/v2/Transcripts?PageSize=" + std::to_string(page_size) + "&Page=0";
               json::object meta{{"first_page_url", url},
                                 {"key", "transcripts"},
                                 {"next_page_url", nullptr},
                                 {"page", 0},
                                 {"page_size", page_size},
                                 {"previous_page_url", nullptr},
                                 {"url", url}};
               return Response::Json(200, json::serialize(json::object{
                                              {"transcripts", std::move(items)}, {"meta", meta}}));
             }));
  router.Get("/v2/Transcripts/{Sid}", Guard(o, store, [&store, &o](Request& req) -> Response {
               auto t = store.GetTranscript(req.params["Sid"]);
               if (!t) return NotFound(req);
               return Response::Json(200, json::serialize(TranscriptJson(*t, o)));
             }));
  router.Add("DELETE", "/v2/Transcripts/{Sid}", Guard(o, store, [&store](Request& req) -> Response {
               if (!store.DeleteTranscript(req.params["Sid"])) return NotFound(req);
               Response r;
               r.status = 204;
               return r;
             }));
  router.Get(
      "/v2/Transcripts/{Sid}/Sentences", Guard(o, store, [&store, &o](Request& req) -> Response {
        auto t = store.GetTranscript(req.params["Sid"]);
        if (!t) return NotFound(req);
        const int page_size = IntParam(req, "PageSize", 50, 1, 5000);
        int page = IntParam(req, "Page", 0, 0, 1 << 20);
        // PageToken (opaque to clients) is "PT" + the offset in hex; it wins over Page.
        std::size_t offset = static_cast<std::size_t>(page) * page_size;
        if (std::string tok = req.query_param("PageToken"); tok.rfind("PT", 0) == 0) {
          try {
            offset = std::stoul(tok.substr(2), nullptr, 16);
            page = static_cast<int>(offset / page_size);
          } catch (...) {
            return TwilioError(400, 20001, "Invalid PageToken");
          }
        }
        const bool words = req.query_param("WordTimestamps") == "true";
        bool done = std::string_view(TranscriptStatus(*t, NowMillis())) == "completed";
        const auto& all = t->sentences;
        json::array items;
        for (std::size_t i = offset;
             done && i < all.size() && i < offset + static_cast<std::size_t>(page_size); ++i) {
          const auto& s = all[i];
          char conf[16];
          std::snprintf(conf, sizeof conf, "%.2f", s.confidence);
          items.push_back(json::object{
              {"media_channel", s.channel},
              {"sentence_index", static_cast<std::int64_t>(i)},
              {"start_time", Seconds(s.start)},
              {"end_time", Seconds(s.end)},
              {"transcript", s.text},
              {"sid", SentenceSid(t->sid, i)},
              {"confidence", conf},
              {"words", words ? json::value(WordsJson(s)) : json::value(json::array())}});
        }
        std::string base = o.base_url + "/v2/Transcripts/" + t->sid + "/Sentences";
        auto page_url = [&](int p, std::size_t off) {
          char tok[32];
          std::snprintf(tok, sizeof tok, "PT%zx", off);
          std::string u =
              base + "?PageSize=" + std::to_string(page_size) + "&Page=" + std::to_string(p);
          if (words) u += "&WordTimestamps=true";  // next pages keep the options
          if (p > 0) u += std::string("&PageToken=") + tok;
          return u;
        };
        bool more = done && all.size() > offset + page_size;
        json::object meta{
            {"first_page_url", page_url(0, 0)},
            {"key", "sentences"},
            {"next_page_url",
             more ? json::value(page_url(page + 1, offset + page_size)) : json::value()},
            {"page", page},
            {"page_size", page_size},
            {"previous_page_url",
             offset > 0
                 ? json::value(page_url(
                       std::max(0, page - 1),
                       offset > static_cast<std::size_t>(page_size) ? offset - page_size : 0))
                 : json::value()},
            {"url", page_url(page, offset)}};
        return Response::Json(
            200, json::serialize(json::object{{"sentences", std::move(items)}, {"meta", meta}}));
      }));
}

}  // namespace converza::twilio::sandbox
