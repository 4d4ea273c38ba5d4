#include "twilio/rest_client.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <random>

#include "http/client_async.h"
#include "http/form.h"

namespace converza::twilio {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr int kAttempts = 3;
using Form = std::vector<std::pair<std::string, std::string>>;

std::string Str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return (it != o.end() && it->value().is_string()) ? std::string(it->value().as_string()) : "";
}

double Num(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return 0;
  if (it->value().is_double()) return it->value().as_double();
  if (it->value().is_int64()) return static_cast<double>(it->value().as_int64());
  if (it->value().is_string()) {  // Twilio sends some numbers as strings
    double d = 0;
    auto s = it->value().as_string();
    std::from_chars(s.data(), s.data() + s.size(), d);
    return d;
  }
  return 0;
}

Result<json::object> ParseObject(const http::ClientResponse& r) {
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  if (ec || !v.is_object()) return Status::Internal("Twilio answered with invalid JSON");
  return v.as_object();
}

}  // namespace

Status TwilioStatus(const http::ClientResponse& r) {
  std::string message = "HTTP " + std::to_string(r.status);
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  if (!ec && v.is_object()) {
    const auto& o = v.as_object();
    long long code = o.contains("code") && o.at("code").is_int64() ? o.at("code").as_int64() : 0;
    message = "Twilio " + std::to_string(code) + ": " + Str(o, "message") + " (HTTP " +
              std::to_string(r.status) + ")";
  }
  if (r.status == 429 || r.status >= 500) return Status::Unavailable(message);
  if (r.status == 404) return Status::NotFound(message);
  if (r.status == 401 || r.status == 403) return Status::PermissionDenied(message);
  if (r.status == 416) return Status::OutOfRange(message);  // a Range beyond the media
  return Status::InvalidArgument(message);
}

RestClient::RestClient(std::string api_base, std::string intelligence_base, Credentials credentials)
    : api_base_(std::move(api_base)),
      intelligence_base_(std::move(intelligence_base)),
      credentials_(std::move(credentials)) {}

asio::awaitable<Result<http::ClientResponse>> RestClient::Send(
    std::string method, std::string url, std::vector<std::pair<std::string, std::string>> form,
    std::string range, Resend resend) {
  static thread_local std::mt19937_64 rng(std::random_device{}());
  http::ClientRequest req;
  req.method = method;
  req.url = url;
  req.headers = {
      {"Authorization", credentials_.api_key.empty()
                            ? http::BasicAuth(credentials_.account_sid, credentials_.auth_token)
                            : http::BasicAuth(credentials_.api_key, credentials_.api_secret)},
      {"Accept", "application/json"}};
  if (!range.empty()) req.headers.emplace_back("Range", range);
  // Media may be served from a storage host by redirect (the client drops our credentials there).
  if (method == "GET") req.follow_redirects = 5;
  if (!form.empty()) {
    req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    req.body = http::FormEncode(form);
  }
  for (int attempt = 1;; ++attempt) {
    auto r = co_await http::AsyncFetch(req);
    bool retryable = resend == Resend::kOnce ? (r.ok() && r->status == 429)
                                             : (!r.ok() || r->status == 429 || r->status >= 500);
    if (!retryable || attempt == kAttempts) co_return r;
    // Retry-After (seconds) when given, else exponential backoff with full jitter.
    long long wait_ms = std::uniform_int_distribution<long long>(0, 250LL << attempt)(rng);
    if (auto ra = r.ok() ? r->retry_after() : std::nullopt; ra && ra->count() > 0) {
      wait_ms = std::min<long long>(ra->count(), 30000);
    }
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(wait_ms));
    co_await t.async_wait(asio::use_awaitable);
  }
}

asio::awaitable<Result<std::vector<AvailableNumber>>> RestClient::SearchLocalNumbers(
    std::string area_code, int limit) {
  std::string url =
      api_base_ + "/2010-04-01/Accounts/" + credentials_.account_sid +
      "/AvailablePhoneNumbers/US/Local.json?" +
      http::FormEncode({{"AreaCode", area_code}, {"PageSize", std::to_string(limit)}});
  auto r = co_await Send("GET", url, Form{});
  if (!r.ok()) co_return r.status();
  if (r->status != 200) co_return TwilioStatus(*r);
  auto o = ParseObject(*r);
  if (!o.ok()) co_return o.status();
  std::vector<AvailableNumber> out;
  if (auto it = o->find("available_phone_numbers"); it != o->end() && it->value().is_array()) {
    for (const auto& n : it->value().as_array()) {
      if (!n.is_object()) continue;
      const auto& no = n.as_object();
      out.push_back({Str(no, "phone_number"), Str(no, "friendly_name"), Str(no, "locality"),
                     Str(no, "region")});
    }
  }
  co_return out;
}

asio::awaitable<Result<IncomingNumber>> RestClient::BuyNumber(std::string phone_number,
                                                              std::string voice_url,
                                                              std::string status_callback) {
  // (Locals, not braced temporaries, in co_await arguments: g++ 12 miscompiles the latter.)
  Form form = {{"PhoneNumber", phone_number},
               {"VoiceUrl", voice_url},
               {"VoiceMethod", "POST"},
               {"StatusCallback", status_callback},
               {"StatusCallbackMethod", "POST"}};
  std::string url =
      api_base_ + "/2010-04-01/Accounts/" + credentials_.account_sid + "/IncomingPhoneNumbers.json";
  auto r = co_await Send("POST", url, std::move(form), "", Resend::kOnce);
  const bool unknown = !r.ok() || r->status >= 500;
  if (!unknown) {
    if (r->status / 100 != 2) co_return TwilioStatus(*r);
    auto o = ParseObject(*r);
    if (!o.ok()) co_return o.status();
    co_return IncomingNumber{Str(*o, "sid"), Str(*o, "phone_number"), Str(*o, "voice_url"),
                             Str(*o, "status_callback")};
  }
  // The purchase may or may not have happened: the account's numbers say which.
  const std::string why = r.ok() ? "HTTP " + std::to_string(r->status) : r.status().message();
  auto owned = co_await FindIncomingNumber(phone_number);
  if (owned.ok()) co_return owned;
  if (owned.status().code() == Status::Code::kNotFound) {
    co_return Status::Unavailable("buying " + phone_number + " failed (" + why +
                                  ") and the account does not own it: nothing was bought");
  }
  co_return Status::Unavailable("buying " + phone_number + " failed (" + why +
                                ") and whether it was bought is not known yet (" +
                                owned.status().message() + ")");
}

asio::awaitable<Result<IncomingNumber>> RestClient::FindIncomingNumber(std::string phone_number) {
  std::string url = api_base_ + "/2010-04-01/Accounts/" + credentials_.account_sid +
                    "/IncomingPhoneNumbers.json?" +
                    http::FormEncode({{"PhoneNumber", phone_number}});
  auto r = co_await Send("GET", url, Form{});
  if (!r.ok()) co_return r.status();
  if (r->status != 200) co_return TwilioStatus(*r);
  auto o = ParseObject(*r);
  if (!o.ok()) co_return o.status();
  if (auto it = o->find("incoming_phone_numbers"); it != o->end() && it->value().is_array()) {
    for (const auto& n : it->value().as_array()) {
      if (n.is_object() && Str(n.as_object(), "phone_number") == phone_number) {
        const auto& found = n.as_object();
        co_return IncomingNumber{Str(found, "sid"), phone_number, Str(found, "voice_url"),
                                 Str(found, "status_callback")};
      }
    }
  }
  co_return Status::NotFound(phone_number + " is not a number of this account");
}

asio::awaitable<Status> RestClient::UpdateNumberWebhooks(std::string number_sid,
                                                         std::string voice_url,
                                                         std::string status_callback) {
  Form form = {{"VoiceUrl", voice_url}, {"StatusCallback", status_callback}};
  std::string url = api_base_ + "/2010-04-01/Accounts/" + credentials_.account_sid +
                    "/IncomingPhoneNumbers/" + number_sid + ".json";
  auto r = co_await Send("POST", url, std::move(form));
  if (!r.ok()) co_return r.status();
  if (r->status != 200) co_return TwilioStatus(*r);
  co_return Status::Ok();
}

asio::awaitable<Status> RestClient::ReleaseNumber(std::string number_sid) {
  auto r = co_await Send("DELETE",
                         api_base_ + "/2010-04-01/Accounts/" + credentials_.account_sid +
                             "/IncomingPhoneNumbers/" + number_sid + ".json",
                         Form{});
  if (!r.ok()) co_return r.status();
  if (r->status / 100 != 2) co_return TwilioStatus(*r);
  co_return Status::Ok();
}

asio::awaitable<Result<http::ClientResponse>> RestClient::FetchRecording(std::string recording_sid,
                                                                         std::string format,
                                                                         std::string range) {
  auto r = co_await Send("GET",
                         api_base_ + "/2010-04-01/Accounts/" + credentials_.account_sid +
                             "/Recordings/" + recording_sid + "." + format,
                         Form{}, range);
  if (!r.ok()) co_return r.status();
  if (r->status != 200 && r->status != 206) co_return TwilioStatus(*r);
  co_return r;
}

asio::awaitable<Result<TranscriptStatus>> RestClient::CreateTranscript(std::string service_sid,
                                                                       std::string recording_sid,
                                                                       std::string customer_key) {
  json::object channel{{"media_properties", json::object{{"source_sid", recording_sid}}}};
  Form form = {{"ServiceSid", service_sid},
               {"Channel", json::serialize(channel)},
               {"CustomerKey", customer_key}};
  // Not sent twice: a second transcript of the recording would be refused (one per recording).
  auto r = co_await Send("POST", intelligence_base_ + "/v2/Transcripts", std::move(form), "",
                         Resend::kOnce);
  if (!r.ok()) co_return r.status();
  if (r->status / 100 != 2) co_return TwilioStatus(*r);
  auto o = ParseObject(*r);
  if (!o.ok()) co_return o.status();
  co_return TranscriptStatus{Str(*o, "sid"), Str(*o, "status")};
}

asio::awaitable<Result<TranscriptStatus>> RestClient::FetchTranscript(std::string transcript_sid) {
  auto r = co_await Send("GET", intelligence_base_ + "/v2/Transcripts/" + transcript_sid, Form{});
  if (!r.ok()) co_return r.status();
  if (r->status != 200) co_return TwilioStatus(*r);
  auto o = ParseObject(*r);
  if (!o.ok()) co_return o.status();
  co_return TranscriptStatus{Str(*o, "sid"), Str(*o, "status")};
}

asio::awaitable<Result<TranscriptStatus>> RestClient::FindTranscript(std::string recording_sid) {
  Form query = {{"SourceSid", recording_sid}, {"PageSize", "20"}};
  std::string url = intelligence_base_ + "/v2/Transcripts?" + http::FormEncode(query);
  auto r = co_await Send("GET", url, Form{});
  if (!r.ok()) co_return r.status();
  if (r->status != 200) co_return TwilioStatus(*r);
  auto o = ParseObject(*r);
  if (!o.ok()) co_return o.status();
  if (auto it = o->find("transcripts"); it != o->end() && it->value().is_array()) {
    for (const auto& t : it->value().as_array()) {
      if (t.is_object())
        co_return TranscriptStatus{Str(t.as_object(), "sid"), Str(t.as_object(), "status")};
    }
  }
  co_return Status::NotFound("no transcript of " + recording_sid);
}

asio::awaitable<Status> RestClient::DeleteTranscript(std::string transcript_sid) {
  auto r =
      co_await Send("DELETE", intelligence_base_ + "/v2/Transcripts/" + transcript_sid, Form{});
  if (!r.ok()) co_return r.status();
  if (r->status / 100 != 2 && r->status != 404) co_return TwilioStatus(*r);
  co_return Status::Ok();
}

asio::awaitable<Result<std::vector<Sentence>>> RestClient::FetchSentences(
    std::string transcript_sid) {
  std::vector<Sentence> out;
  std::string url =
      intelligence_base_ + "/v2/Transcripts/" + transcript_sid + "/Sentences?PageSize=500";
  for (int page = 0; !url.empty() && page < 1000; ++page) {
    auto r = co_await Send("GET", url, Form{});
    if (!r.ok()) co_return r.status();
    if (r->status != 200) co_return TwilioStatus(*r);
    auto o = ParseObject(*r);
    if (!o.ok()) co_return o.status();
    if (auto it = o->find("sentences"); it != o->end() && it->value().is_array()) {
      for (const auto& s : it->value().as_array()) {
        if (!s.is_object()) continue;
        const auto& so = s.as_object();
        out.push_back({static_cast<int>(Num(so, "media_channel")), Num(so, "start_time"),
                       Num(so, "end_time"), Str(so, "transcript"), Num(so, "confidence")});
      }
    }
    url.clear();
    if (auto m = o->find("meta"); m != o->end() && m->value().is_object()) {
      url = Str(m->value().as_object(), "next_page_url");
    }
    // The next page gets our credentials: only ever from the service we are configured for.
    if (!url.empty() && url.rfind(intelligence_base_ + "/", 0) != 0) {
      co_return Status::InvalidArgument("Voice Intelligence next_page_url leaves " +
                                        intelligence_base_ + "; not followed");
    }
  }
  co_return out;
}

}  // namespace converza::twilio
