#include "twilio/sandbox/transcripts.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "common/strings.h"
#include "http/form.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

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

Response CreateTranscript(const Sandbox& sandbox, Request& req) {
  const SandboxOptions& o = sandbox.options;
  Store& store = sandbox.store;
  http::Form form;
  if (!http::ParseForm(req.body, &form)) return MalformedForm();
  std::string service = http::FormValue(form, "ServiceSid");
  std::string channel = http::FormValue(form, "Channel");
  if (!IsTwilioSid(service, "GA")) {
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
  t.customer_key = http::FormValue(form, "CustomerKey");
  t.channel_json = json::serialize(cv);
  t.ready_at_ms = NowMillis() + o.transcript_delay_ms;
  t.fails = TakeOne(*o.failed_transcripts);
  t.duration = rec->duration;
  t.sentences = rec->sentences;
  std::stable_sort(t.sentences.begin(), t.sentences.end(),
                   [](const Sentence& a, const Sentence& b) { return a.start < b.start; });
  auto created = store.CreateTranscript(std::move(t));
  if (!created.ok()) return TwilioError(500, 20500, created.status().message());
  // A new transcript is always reported queued, as Twilio does.
  return Response::Json(202, json::serialize(TranscriptJson(*created, o, "queued")));
}

Response ListTranscripts(const Sandbox& sandbox, Request& req) {
  const SandboxOptions& o = sandbox.options;
  std::string source = req.query_param("SourceSid");
  int page_size = IntParam(req, "PageSize", 50, 1, 1000);
  json::array items;
  for (const Transcript& t :
       sandbox.store.ListTranscripts(Account(req), source, static_cast<std::size_t>(page_size))) {
    items.push_back(TranscriptJson(t, o));
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
  return Response::Json(
      200, json::serialize(json::object{{"transcripts", std::move(items)}, {"meta", meta}}));
}

Response GetTranscript(const Sandbox& sandbox, Request& req) {
  auto t = sandbox.store.GetTranscript(req.params["Sid"]);
  if (!t) return NotFound(req);
  return Response::Json(200, json::serialize(TranscriptJson(*t, sandbox.options)));
}

Response DeleteTranscript(const Sandbox& sandbox, Request& req) {
  if (!sandbox.store.DeleteTranscript(req.params["Sid"])) return NotFound(req);
  return NoContent();
}

Response ListSentences(const Sandbox& sandbox, Request& req) {
  auto t = sandbox.store.GetTranscript(req.params["Sid"]);
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
    items.push_back(
        json::object{{"media_channel", s.channel},
                     {"sentence_index", static_cast<std::int64_t>(i)},
                     {"start_time", Seconds(s.start)},
                     {"end_time", Seconds(s.end)},
                     {"transcript", s.text},
                     {"sid", SentenceSid(t->sid, i)},
                     {"confidence", conf},
                     {"words", words ? json::value(WordsJson(s)) : json::value(json::array())}});
  }
  std::string base = sandbox.options.base_url + "/v2/Transcripts/" + t->sid + "/Sentences";
  auto page_url = [&](int p, std::size_t off) {
    char tok[32];
    std::snprintf(tok, sizeof tok, "PT%zx", off);
    std::string u = base + "?PageSize=" + std::to_string(page_size) + "&Page=" + std::to_string(p);
    if (words) u += "&WordTimestamps=true";  // next pages keep the options
    if (p > 0) u += std::string("&PageToken=") + tok;
    return u;
  };
  bool more = done && all.size() > offset + page_size;
  json::object meta{
      {"first_page_url", page_url(0, 0)},
      {"key", "sentences"},
      {"next_page_url", more ? json::value(page_url(page + 1, offset + page_size)) : json::value()},
      {"page", page},
      {"page_size", page_size},
      {"previous_page_url",
       offset > 0 ? json::value(page_url(
                        std::max(0, page - 1),
                        offset > static_cast<std::size_t>(page_size) ? offset - page_size : 0))
                  : json::value()},
      {"url", page_url(page, offset)}};
  return Response::Json(
      200, json::serialize(json::object{{"sentences", std::move(items)}, {"meta", meta}}));
}

}  // namespace converza::twilio::sandbox
