#include "twilio/sandbox/recordings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/base64.h"
#include "common/strings.h"
#include "http/byte_range.h"
#include "twilio/timestamps.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

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
  const auto asked = http::ParseRange(req.header("range"));
  const auto range = asked ? asked->Resolve(*size) : std::nullopt;
  Response res;
  if (!asked) {
    auto audio = store.ReadAudio(r.sid);
    if (!audio.ok()) return NotFound(req);
    res = Response::Text(200, std::move(*audio), "audio/x-wav");
  } else if (range) {
    auto audio = store.ReadAudio(r.sid, range->first, range->last - range->first + 1);
    if (!audio.ok()) return NotFound(req);
    res = Response::Text(206, std::move(*audio), "audio/x-wav");
    res.set_header("Content-Range", http::ContentRange{range, *size}.ToString());
  } else {
    res = TwilioError(416, 20416, "Requested range not satisfiable");
    res.set_header("Content-Range", http::ContentRange{std::nullopt, *size}.ToString());
  }
  res.set_header("Accept-Ranges", "bytes");
  return res;
}

// A number field of a JSON object, 0 when absent or not a number.
double NumberField(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<double>() : 0.0;
}

}  // namespace

Response ListRecordings(const Sandbox& sandbox, Request& req) {
  std::string call_sid = req.query_param("CallSid");
  auto all = sandbox.store.ListRecordings(Account(req));
  std::erase_if(all,
                [&](const Recording& r) { return !call_sid.empty() && r.call_sid != call_sid; });
  std::reverse(all.begin(), all.end());  // newest first, as Twilio lists them
  return ListPage(req, "recordings", all,
                  [&](const Recording& r) { return RecordingJson(r, sandbox.options); });
}

Response GetRecording(const Sandbox& sandbox, Request& req) {
  const SandboxOptions& o = sandbox.options;
  auto [sid, ext] = SplitExt(req.params["File"]);
  if (!IsTwilioSid(sid, "RE")) return NotFound(req);
  auto r = sandbox.store.GetRecording(sid);
  if (!r || r->account_sid != Account(req)) return NotFound(req);
  if (ext == "json") return Response::Json(200, json::serialize(RecordingJson(*r, o)));
  if ((ext == "" || ext == "wav") && NowMillis() < r->date_created * 1000 + o.media_not_found_ms) {
    return NotFound(req);  // not yet available, as right after the webhook
  }
  if ((ext == "" || ext == "wav") && !o.storage_base_url.empty()) {
    Response moved;
    moved.status = 307;
    moved.set_header("Location", o.storage_base_url + "/sandbox-storage/" + sid +
                                     ".wav?token=" + o.storage_token);
    return moved;
  }
  if (ext == "" || ext == "wav") return ServeAudio(req, sandbox.store, *r);
  if (ext == "mp3") {
    return TwilioError(404, 20404, "The sandbox has no MP3 encoder; request " + sid + ".wav");
  }
  return NotFound(req);
}

// A presigned link, no account credentials (a request carrying both is refused, as S3 does).
Response GetStoredMedia(const Sandbox& sandbox, Request& req) {
  if (!req.header("authorization").empty()) {
    return Response::Json(400, R"({"code":"InvalidArgument","message":"Only one auth mechanism )"
                               R"(allowed; only the token query parameter or the Authorization )"
                               R"(header should be specified"})");
  }
  if (!ConstantTimeEquals(req.query_param("token"), sandbox.options.storage_token)) {
    return Response::Json(403, R"({"code":"AccessDenied","message":"Request has expired"})");
  }
  auto [sid, ext] = SplitExt(req.params["File"]);
  auto r = IsTwilioSid(sid, "RE") && ext == "wav" ? sandbox.store.GetRecording(sid) : std::nullopt;
  if (!r) return Response::Json(404, R"({"code":"NoSuchKey"})");
  return ServeAudio(req, sandbox.store, *r);
}

Response AddRecording(const Sandbox& sandbox, Request& req) {
  boost::system::error_code ec;
  auto v = json::parse(req.body, ec);
  if (ec || !v.is_object()) return TwilioError(400, 20001, "Body must be JSON");
  const auto& b = v.get_object();
  auto str = [&](const char* k) {
    auto* x = b.if_contains(k);
    return x && x->is_string() ? std::string(x->get_string()) : std::string();
  };
  Recording r;
  r.sid = str("recording_sid");
  if (!r.sid.empty() && !IsTwilioSid(r.sid, "RE")) {
    return TwilioError(400, 20001, "recording_sid must be RE + 32 hex");
  }
  r.account_sid = sandbox.options.credentials.account_sid;
  r.call_sid = str("call_sid");
  if (!IsTwilioSid(r.call_sid, "CA")) {
    return TwilioError(400, 20001, "call_sid must be CA + 32 hex");
  }
  r.duration = static_cast<int>(std::lround(NumberField(b, "duration")));
  r.start_time = static_cast<std::int64_t>(NumberField(b, "start_time"));
  if (r.start_time == 0) r.start_time = NowSeconds();
  r.channels = 2;
  r.audio_kind = str("audio_kind");
  if (const auto* s = b.if_contains("sentences"); s && s->is_array()) {
    for (const auto& e : s->get_array()) {
      const auto* so = e.if_object();
      if (!so) continue;
      Sentence x;
      x.channel = static_cast<int>(NumberField(*so, "channel"));
      x.start = NumberField(*so, "start");
      x.end = NumberField(*so, "end");
      x.confidence = NumberField(*so, "confidence");
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
  if (!audio.ok()) return TwilioError(400, 20001, "audio_base64: " + audio.status().message());
  auto stored = sandbox.store.PutRecording(std::move(r), *audio);
  if (!stored.ok()) return TwilioError(500, 20500, stored.status().message());
  return Response::Json(201, json::serialize(RecordingJson(*stored, sandbox.options)));
}

}  // namespace converza::twilio::sandbox
