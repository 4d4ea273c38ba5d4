#include "pipeline/transcribe_stage.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>
#include <cmath>
#include <functional>
#include <optional>
#include <random>

#include "analysis/redaction.h"
#include "analysis/transcript_cleanup.h"
#include "common/log.h"
#include "http/byte_range.h"
#include "http/client_async.h"
#include "pipeline/blocking.h"
#include "pipeline/recording_audio.h"
#include "pipeline/waveform_peaks.h"
#include "twilio/rest_client.h"

namespace converza::pipeline {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::string_view kLoadCall = R"sql(
  select coalesce(recording_sid, ''), coalesce(account_sid, ''), coalesce(direction, 'inbound'),
         coalesce(transcript_sid, ''),
         coalesce(extract(epoch from now() - transcript_requested_at)::bigint, 0),
         coalesce((select extract(epoch from now() - j.created_at)::bigint from jobs j
                    where j.tenant_id = $1 and j.id = $3), 0)
    from calls where tenant_id = $1 and id = $2)sql";

// The Voice Intelligence transcript this call's recording has (sid), or none ('').
constexpr std::string_view kSetTranscriptSid = R"sql(
  update calls set transcript_sid = nullif($3, ''),
                   transcript_requested_at = case when $3 = '' then null else now() end,
                   updated_at = now()
   where tenant_id = $1 and id = $2)sql";

// A transcript not completed this long after it was requested is deleted and asked for again.
constexpr std::chrono::minutes kTranscriptDeadline{60};
// How long one run polls before it gives its worker slot back (Outcome::Wait).
constexpr std::chrono::seconds kPollInRun{20};

// Recording media is downloaded in Range requests of this size (Twilio's media and the storage
// it redirects to honour Range, like any S3-style store).
constexpr std::uint64_t kMediaPiece = 8u << 20;
// OpenAI refuses a transcription request over 26,214,400 bytes (413 "Maximum content size limit
// (26214400) exceeded"; its speech-to-text guide: "File uploads are currently limited to 25
// MB"), so each channel is sent in pieces of at most 20 minutes and 24 MiB of WAV.
constexpr std::uint64_t kMaxUploadBytes = 24u << 20;
constexpr std::uint64_t kMaxPieceSeconds = 20 * 60;

constexpr std::string_view kStoreTranscript = R"sql(
  with gone as (delete from transcripts where tenant_id = $1 and call_id = $2 returning 1),
  -- The insert reads `gone` so the old lines are deleted first: a CTE nobody reads runs after the
  -- main statement, and the new lines would collide with the old ones' keys.
  ins as (
    insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text, confidence,
                             redactions)
    select $1, $2, t.seq, t.speaker, t.start_ms, t.end_ms, t.text, t.confidence, t.redactions
      from (select count(*) from gone) g,
           jsonb_to_recordset($3::jsonb)
             as t(seq int, speaker text, start_ms int, end_ms int, text text, confidence real,
                  redactions jsonb)),
  c as (
    update calls set pipeline_status = 'analyzing', updated_at = now(),
                     recording_peaks = coalesce($9::jsonb, recording_peaks)
     where tenant_id = $1 and id = $2
    returning coalesce(duration_s, recording_duration_s, 0) as call_s,
              coalesce(recording_duration_s, duration_s, 0) as rec_s,
              least(coalesce(started_at, now()), now()) as at),
  -- A call transcribed again (its job redone) is analysed again; an analysis still to come reads
  -- the new lines anyway.
  j as (
    insert into jobs as j (tenant_id, kind, call_id) values ($1, 'analyze', $2)
    on conflict (tenant_id, kind, call_id) do update
      set state = 'queued', attempts = 0, run_at = now(), last_error = null, run_id = null,
          priority = excluded.priority, updated_at = now()
      where j.state in ('done', 'dead'))
  -- Twilio bills per started minute: both legs of the <Dial>, the recording, transcription.
  -- Dated when the call took place, not when this job ran: a backlog or a backfill must not pile
  -- a month of spend onto one day (usage by day) or into the wrong month (margin).
  insert into usage_events (tenant_id, at, provider, unit, quantity, cost_micros, call_id)
  select $1, c.at, u.provider, u.unit, u.minutes, u.minutes * u.micros, $2
    from c, lateral (values
      ('twilio', 'inbound_minutes', ceil(c.call_s / 60.0), $4::bigint),
      ('twilio', 'outbound_minutes', ceil(c.call_s / 60.0), $5::bigint),
      ('twilio', 'recording_minutes', ceil(c.rec_s / 60.0), $6::bigint),
      -- OpenAI transcribes each of the two channels: twice the minutes.
      ($8, 'transcription_minutes', ceil(c.rec_s / 60.0) * (case when $8 = 'openai' then 2 else 1 end),
       $7::bigint)) as u(provider, unit, minutes, micros)
   where u.minutes > 0)sql";

// One channel of the recording through an OpenAI-compatible transcription endpoint
// (POST {base}/audio/transcriptions, multipart/form-data, response_format=verbose_json:
// {"text", "duration", "segments": [{"start", "end", "text", "avg_logprob", ...}]}).
asio::awaitable<Result<std::vector<analysis::Segment>>> TranscribeChannel(
    const TranscriptionOptions& o, RecordingAudio& audio, int channel, AudioPiece piece,
    analysis::Speaker speaker, const std::string& name) {
  const std::string boundary = "converza-" + std::to_string(std::random_device{}()) + "-boundary";
  std::string body;
  auto field = [&](const std::string& key, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + key + "\"\r\n\r\n" +
            value + "\r\n";
  };
  field("model", o.model);
  field("response_format", "verbose_json");
  field("timestamp_granularities[]", "segment");
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
          name + ".wav\"\r\nContent-Type: audio/wav\r\n\r\n";
  if (Status st = audio.AppendChannelWav(channel, piece, &body); !st.ok()) co_return st;
  body += "\r\n--" + boundary + "--\r\n";
  http::ClientRequest req;
  req.method = "POST";
  req.url = o.base_url + "/audio/transcriptions";
  req.timeout = o.timeout;
  req.headers = {{"Authorization", "Bearer " + o.api_key},
                 {"Content-Type", "multipart/form-data; boundary=" + boundary}};
  const std::size_t req_bytes = body.size();
  req.body = std::move(body);
  auto r = co_await http::AsyncFetch(std::move(req));
  if (!r.ok()) {
    co_return Status::Unavailable("transcription service unreachable: " + r.status().message());
  }
  if (r->status == 429 || r->status >= 500) {
    co_return Status::Unavailable("transcription HTTP " + std::to_string(r->status));
  }
  if (r->status == 413) {
    co_return Status::InvalidArgument("transcription upload too large (" +
                                      std::to_string(req_bytes) +
                                      " bytes): " + r->body.substr(0, 200));
  }
  if (r->status != 200) {
    co_return Status::InvalidArgument("transcription HTTP " + std::to_string(r->status) + ": " +
                                      r->body.substr(0, 300));
  }
  boost::system::error_code ec;
  auto v = json::parse(r->body, ec);
  const json::array* segments = nullptr;
  if (!ec && v.is_object()) {
    if (auto* s = v.as_object().if_contains("segments")) segments = s->if_array();
  }
  if (segments == nullptr) co_return Status::InvalidArgument("transcription without segments");
  std::vector<analysis::Segment> out;
  for (const auto& item : *segments) {
    const auto* o2 = item.if_object();
    if (!o2) continue;
    auto num = [&](const char* k) {
      auto* x = o2->if_contains(k);
      return x && x->is_number() ? x->to_number<double>() : 0.0;
    };
    auto* text = o2->if_contains("text");
    analysis::Segment seg;
    seg.speaker = speaker;
    seg.start_ms = static_cast<int>(std::lround(num("start") * 1000));
    seg.end_ms = static_cast<int>(std::lround(num("end") * 1000));
    seg.text = text && text->is_string() ? std::string(text->as_string()) : "";
    seg.confidence = std::exp(num("avg_logprob"));
    if (!seg.text.empty()) out.push_back(std::move(seg));
  }
  co_return out;
}

// The recording's WAV, in Range requests of kMediaPiece bytes, each handed to `sink` with the
// file's length: no response is larger than that, whatever the call's length. A server that
// ignores Range answers 200 with the whole file, which is accepted as long as it fits the
// client's response cap.
asio::awaitable<Status> StreamRecording(
    twilio::RestClient& twilio, const std::string& sid,
    const std::function<Status(std::string_view bytes, std::uint64_t total)>& sink) {
  std::uint64_t from = 0, total = 0;
  do {
    auto r = co_await twilio.FetchRecording(
        sid, "wav", "bytes=" + std::to_string(from) + "-" + std::to_string(from + kMediaPiece - 1));
    if (!r.ok()) co_return r.status();
    if (r->status == 200) {
      if (from != 0) co_return Status::Unavailable("media server stopped honouring Range");
      co_return sink(r->body, r->body.size());
    }
    // 206 with "Content-Range: bytes first-last/total".
    const std::string_view header = r->header("content-range");
    const auto range = http::ParseContentRange(header);
    if (!range || !range->range || range->range->first != from ||
        r->body.size() != range->range->last - from + 1 || r->body.empty()) {
      co_return Status::Unavailable("recording media: unexpected Content-Range '" +
                                    std::string(header) + "'");
    }
    total = range->length;
    if (Status st = sink(r->body, total); !st.ok()) co_return st;
    from += r->body.size();
  } while (from < total);
  co_return Status::Ok();
}

// Feeds a recording's bytes, as StreamRecording hands them over, to its waveform's peaks.
class PeaksSink {
 public:
  // Stops at the first error (reading on cannot make a waveform of what is not one).
  Status operator()(std::string_view bytes, std::uint64_t total) {
    if (!error_.ok()) return error_;
    if (!peaks_) peaks_.emplace(total);
    error_ = peaks_->Feed(bytes);
    return error_;
  }
  // The peaks' JSON, or nothing (logged) when the recording could not be read as a waveform.
  [[nodiscard]] std::optional<std::string> Json(const std::string& call_id) const {
    auto out = !error_.ok() ? Result<std::string>(error_)
               : peaks_     ? peaks_->Json()
                            : Result<std::string>(Status::NotFound("the recording is empty"));
    if (out.ok()) return *out;
    log::Warn("no waveform for the call",
              {{"call_id", call_id}, {"error", out.status().message()}});
    return std::nullopt;
  }

 private:
  Status error_;
  std::optional<WaveformPeaks> peaks_;
};

}  // namespace

TranscribeStage::TranscribeStage(StageContext ctx, twilio::Accounts& accounts,
                                 twilio::Platform platform, const Prices& prices,
                                 TranscriptionOptions transcription,
                                 std::chrono::milliseconds poll_interval)
    : ctx_(ctx),
      accounts_(accounts),
      platform_(std::move(platform)),
      prices_(prices),
      transcription_(std::move(transcription)),
      poll_(poll_interval) {}

asio::awaitable<Outcome> TranscribeStage::Run(const Job& job) {
  struct CallInfo {
    std::string recording_sid, account_sid, direction, token, transcript_sid;
    long long transcript_age_s = 0, job_age_s = 0;
    bool found = false, account_known = false;
  };
  CallInfo call = co_await Blocking(ctx_.blocking, [&] {
    CallInfo info;
    auto c = ctx_.pool.acquire();
    auto rows = c->exec(kLoadCall, {job.tenant_id, job.call_id, std::to_string(job.id)});
    if (rows.empty()) return info;
    info.found = true;
    info.recording_sid = rows.get(0, 0);
    info.account_sid = rows.get(0, 1);
    info.direction = rows.get(0, 2);
    info.transcript_sid = rows.get(0, 3);
    info.transcript_age_s = rows.get_int(0, 4);
    info.job_age_s = rows.get_int(0, 5);
    if (auto a = accounts_.Find(info.account_sid.empty() ? platform_.credentials.account_sid
                                                         : info.account_sid)) {
      info.account_known = true;
      info.token = a->auth_token;
    }
    return info;
  });
  if (!call.found) co_return Outcome::Permanent("call no longer exists");
  if (call.recording_sid.empty()) co_return Outcome::Permanent("call has no recording");
  if (!call.account_known)
    co_return Outcome::Permanent("unknown Twilio account " + call.account_sid);

  // The platform's own calls use its credentials (an API key when configured); a tenant's
  // sub-account authenticates with its own auth token.
  const bool platform_call =
      call.account_sid.empty() || call.account_sid == platform_.credentials.account_sid;
  twilio::RestClient twilio(platform_.api_base, platform_.intelligence_base,
                            platform_call
                                ? platform_.credentials
                                : twilio::Credentials{call.account_sid, call.token, "", ""});
  auto failed = [](const Status& st) {
    return st.code() == Status::Code::kUnavailable ? Outcome::Retry(st.message())
                                                   : Outcome::Permanent(st.message());
  };
  // Dual-channel recording from <Dial>: channel 1 is the parent leg (the caller on inbound
  // calls), channel 2 the dialled agent (https://www.twilio.com/docs/voice/twiml/dial). Voice
  // Intelligence's default participant labels say otherwise and are not used
  // (docs/architecture.md#twilio-voice-intelligence).
  const bool inbound = call.direction.rfind("inbound", 0) == 0;
  auto speaker_of = [inbound](int channel) {
    return ((channel == 1) == inbound) ? analysis::Speaker::kCustomer : analysis::Speaker::kAgent;
  };
  std::vector<analysis::Segment> segments;
  std::optional<std::string> peaks;  // the waveform's, when the recording could be read

  if (transcription_.provider == "openai") {
    auto audio = RecordingAudio::Create(call.recording_sid);
    if (!audio.ok()) co_return Outcome::Retry(audio.status().message());
    PeaksSink waveform;
    Status fetched = co_await StreamRecording(
        twilio, call.recording_sid, [&](std::string_view bytes, std::uint64_t total) {
          if (Status st = audio->Append(bytes); !st.ok()) return st;
          (void)waveform(bytes, total);  // a waveform that cannot be read is reported below
          return Status::Ok();
        });
    if (fetched.ok()) fetched = audio->Finish();
    if (fetched.code() == Status::Code::kNotFound &&
        std::chrono::seconds(call.job_age_s) < transcription_.media_grace) {
      co_return Outcome::Wait("recording media not available yet", std::chrono::seconds(5));
    }
    if (!fetched.ok()) co_return failed(fetched);
    if (audio->channels() != 2) co_return Outcome::Permanent("recording is not dual-channel");
    // Each piece's upload (a mono WAV plus a little multipart) stays under OpenAI's limit.
    const std::uint64_t rate = static_cast<std::uint64_t>(audio->sample_rate());
    const std::uint64_t max_frames =
        std::min<std::uint64_t>(kMaxPieceSeconds * rate, (kMaxUploadBytes - 4096) / 2);
    auto pieces = audio->Pieces(max_frames, std::min<std::uint64_t>(60 * rate, max_frames / 4));
    if (!pieces.ok()) co_return failed(pieces.status());
    for (int channel = 1; channel <= 2; ++channel) {
      for (std::size_t k = 0; k < pieces->size(); ++k) {
        const AudioPiece piece = (*pieces)[k];
        const std::string name = "channel" + std::to_string(channel) +
                                 (pieces->size() > 1 ? "-part" + std::to_string(k + 1) : "");
        auto part = co_await TranscribeChannel(transcription_, *audio, channel, piece,
                                               speaker_of(channel), name);
        if (!part.ok()) co_return failed(part.status());
        const int offset_ms = static_cast<int>(piece.first * 1000 / rate);
        for (auto& seg : *part) {
          seg.start_ms += offset_ms;
          seg.end_ms += offset_ms;
          segments.push_back(std::move(seg));
        }
      }
    }
    std::stable_sort(segments.begin(), segments.end(),
                     [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
    peaks = waveform.Json(job.call_id);
  } else {
    // One transcript per recording (Twilio refuses a second): the one this call asked for, else
    // one the recording already has (a request whose answer was lost), else a new one.
    // Stores which transcript the call has ("" for none) before anything else can go wrong.
    // (A plain [&] lambda per call: g++ 12 mishandles a lambda-making lambda in a coroutine.)
    std::string remembered;
    auto store_sid = [&] {
      ctx_.pool.acquire()->exec(kSetTranscriptSid, {job.tenant_id, job.call_id, remembered});
      return true;
    };
    twilio::TranscriptStatus transcript{call.transcript_sid, ""};
    if (transcript.sid.empty()) {
      auto existing = co_await twilio.FindTranscript(call.recording_sid);
      if (existing.ok()) {
        transcript = *existing;
      } else if (existing.status().code() == Status::Code::kNotFound) {
        auto created = co_await twilio.CreateTranscript(platform_.intelligence_service_sid,
                                                        call.recording_sid, job.call_id);
        if (!created.ok()) co_return failed(created.status());
        transcript = *created;
      } else {
        co_return failed(existing.status());
      }
      remembered = transcript.sid;
      co_await Blocking(ctx_.blocking, store_sid);
      call.transcript_age_s = 0;
    }
    // Intelligence transcribes asynchronously: poll a while, then give the worker slot back and
    // come back later (Outcome::Wait) until the deadline.
    const auto run_until = std::chrono::steady_clock::now() + kPollInRun;
    while (true) {
      if (transcript.status.empty() || transcript.status == "queued" ||
          transcript.status == "in-progress" || transcript.status == "new") {
        if (!transcript.status.empty() && std::chrono::steady_clock::now() >= run_until) {
          const long long age = call.transcript_age_s;
          if (std::chrono::seconds(age) > kTranscriptDeadline) {
            Status deleted = co_await twilio.DeleteTranscript(transcript.sid);
            if (!deleted.ok()) co_return failed(deleted);
            remembered.clear();
            co_await Blocking(ctx_.blocking, store_sid);
            co_return Outcome::Retry("transcript " + transcript.sid + " not completed in " +
                                     std::to_string(kTranscriptDeadline.count()) +
                                     " minutes; deleted, a new one is requested next");
          }
          // Back off as the wait grows: a long recording takes minutes.
          const auto wait = std::clamp<std::chrono::milliseconds>(
              std::chrono::seconds(age / 4), std::chrono::seconds(5), std::chrono::seconds(60));
          co_return Outcome::Wait("transcript " + transcript.sid + " " + transcript.status, wait);
        }
        if (!transcript.status.empty()) {
          asio::steady_timer t(co_await asio::this_coro::executor, poll_);
          co_await t.async_wait(asio::use_awaitable);
        }
        auto fetched = co_await twilio.FetchTranscript(transcript.sid);
        if (!fetched.ok() && fetched.status().code() == Status::Code::kNotFound) {
          remembered.clear();  // deleted at Twilio: ask for a new one on the next attempt
          co_await Blocking(ctx_.blocking, store_sid);
          co_return Outcome::Retry("transcript " + transcript.sid + " no longer exists");
        }
        if (!fetched.ok()) co_return failed(fetched.status());
        transcript.status = fetched->status;
        continue;
      }
      if (transcript.status == "completed") break;
      // failed | canceled | error: delete it, so the recording can be transcribed again.
      Status deleted = co_await twilio.DeleteTranscript(transcript.sid);
      if (!deleted.ok()) co_return failed(deleted);
      remembered.clear();
      co_await Blocking(ctx_.blocking, store_sid);
      co_return Outcome::Retry("Voice Intelligence transcript " + transcript.sid + " " +
                               transcript.status + "; deleted, a new one is requested next");
    }
    auto sentences = co_await twilio.FetchSentences(transcript.sid);
    if (!sentences.ok()) co_return failed(sentences.status());
    // Voice Intelligence reads the media itself; the waveform needs one pass over it here. The
    // call's analysis does not wait on it: without peaks the player plays without a waveform.
    PeaksSink waveform;
    Status read = co_await StreamRecording(twilio, call.recording_sid, std::ref(waveform));
    if (read.ok()) {
      peaks = waveform.Json(job.call_id);
    } else {
      log::Warn("no waveform for the call", {{"call_id", job.call_id}, {"error", read.message()}});
    }
    for (const auto& s : *sentences) {
      analysis::Segment seg;
      seg.speaker = speaker_of(s.channel);
      seg.start_ms = static_cast<int>(std::lround(s.start_s * 1000));
      seg.end_ms = static_cast<int>(std::lround(s.end_s * 1000));
      seg.text = s.text;
      seg.confidence = s.confidence;
      segments.push_back(std::move(seg));
    }
  }
  auto turns = analysis::CleanTranscript(segments);
  analysis::RedactTurns(turns);  // before anything is stored

  json::array rows;
  for (std::size_t i = 0; i < turns.size(); ++i) {
    json::array red;
    for (const auto& r : turns[i].redactions) {
      red.push_back(json::object{{"kind", r.kind}, {"start", r.start}, {"end", r.end}});
    }
    rows.push_back(json::object{{"seq", i},
                                {"speaker", analysis::SpeakerName(turns[i].speaker)},
                                {"start_ms", turns[i].start_ms},
                                {"end_ms", turns[i].end_ms},
                                {"text", turns[i].text},
                                {"confidence", turns[i].confidence},
                                {"redactions", std::move(red)}});
  }
  std::string payload = json::serialize(rows);
  std::vector<db::Param> params = {
      job.tenant_id,
      job.call_id,
      std::move(payload),
      std::to_string(prices_.micros("twilio.inbound_minute")),
      std::to_string(prices_.micros("twilio.outbound_minute")),
      std::to_string(prices_.micros("twilio.recording_minute")),
      std::to_string(prices_.micros(transcription_.provider == "openai"
                                        ? "openai.transcription_minute"
                                        : "twilio.transcription_minute")),
      transcription_.provider == "openai" ? "openai" : "twilio",
      std::move(peaks)};
  co_return Outcome::Done(
      [params = std::move(params)](db::Transaction& tx) { tx.exec(kStoreTranscript, params); });
}

}  // namespace converza::pipeline
