// GET /api/v1/calls/{id}/recording: the call's audio for the dashboard's player. Row-level
// security decides whether the caller may see the call (another tenant's id is a 404); the audio
// is then fetched from Twilio (or the sandbox) with our credentials and passed through, HTTP Range
// included so the player can seek: 206 with Content-Range for a range, Accept-Ranges: bytes.
// Only the audio and a few headers we set ourselves reach the browser — never Twilio's URLs,
// credentials or error details. `<audio src>` cannot set headers, so `?access_token=` works too.
// `?format=mp3` asks Twilio for MP3 (the sandbox has WAV only). A range that is open-ended
// ("bytes=N-", what a player asks) or longer than kMaxRange is answered with its first kMaxRange
// bytes (206, the real Content-Range; players ask on from there), and a request without Range (a
// download) is streamed kMaxRange bytes at a time, so the proxy never holds more than that of a
// recording, whatever its length. The player's first read ("bytes=0-") gets only kFirstRange:
// an answer starts once its whole range has come from upstream, and the browser needs only the
// header and a few seconds of audio to start playing.
//
// GET /api/v1/calls/{id}/waveform: the recording's peaks (computed once by the worker), so the
// player draws the waveform without downloading the recording; nulls when it has none.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "api/params.h"
#include "api/routes.h"
#include "api/twilio_gateway.h"
#include "common/log.h"
#include "http/byte_range.h"

namespace converza::api {
namespace {

constexpr std::string_view kRecording = R"sql(
  select recording_sid, coalesce(account_sid, '') from public.calls where id = $1::uuid)sql";

constexpr std::uint64_t kMaxRange = 1u << 20;
// 8 s of the 90-minute bench's WAV: Chromium reads its metadata from one answer this long
// (64 KiB took a second request before `loadedmetadata`; docs/benchmarks.md, 2026-12-06).
constexpr std::uint64_t kFirstRange = 256u << 10;

// The range to ask Twilio for: the player's single range with at most kMaxRange bytes
// ("bytes=first-" and long ranges shortened, "bytes=0-" to kFirstRange; a suffix is the end of
// the file, as asked), or "" (whole file, 200) for anything else.
std::string Bounded(std::string_view header) {
  auto range = http::ParseRange(header);
  if (!range) return "";
  const bool first_read = !range->suffix && !range->last && range->first == 0;
  const std::uint64_t most = first_read ? kFirstRange : kMaxRange;
  if (!range->suffix && (!range->last || *range->last - range->first >= most)) {
    range->last = range->first + std::min(most - 1, UINT64_MAX - range->first);  // no overflow
  }
  return range->ToString();
}

constexpr std::string_view kWaveform = R"sql(
  select recording_peaks::text from public.calls where id = $1::uuid)sql";

// The rest of a recording requested without Range, after its first kMaxRange bytes: fetched and
// sent one range at a time on the stream's thread, holding the tenant's recordings pass until
// the end. An upstream failure cuts the body (Next() throws) rather than ending it early.
class RecordingStream final : public http::BodyStream {
 public:
  RecordingStream(const TwilioGateway& twilio, std::string account_sid, std::string sid,
                  std::string format, std::string first, std::uint64_t total,
                  std::optional<TenantGate::Pass> pass)
      : twilio_(twilio),
        account_sid_(std::move(account_sid)),
        sid_(std::move(sid)),
        format_(std::move(format)),
        first_(std::move(first)),
        next_(first_.size()),
        total_(total),
        pass_(std::move(pass)) {}

  std::optional<std::string> Next() override {
    if (cancelled_) return std::nullopt;
    if (!first_.empty()) return std::exchange(first_, {});
    if (next_ >= total_) return std::nullopt;
    const std::uint64_t last = std::min(total_, next_ + kMaxRange) - 1;
    const std::string range = "bytes=" + std::to_string(next_) + "-" + std::to_string(last);
    auto r = twilio_.FetchRecording(account_sid_, sid_, format_, range);
    if (!r.ok()) throw std::runtime_error("recording " + range + ": " + r.status().message());
    auto cr = http::ParseContentRange(r->header("content-range"));
    if (r->status != 206 || !cr || !cr->range || cr->range->first != next_ ||
        r->body.size() != cr->range->last - next_ + 1 || cr->length != total_) {
      throw std::runtime_error("recording " + range + ": unexpected upstream answer " +
                               std::to_string(r->status));
    }
    next_ += r->body.size();
    return std::move(r->body);
  }
  void Cancel() override { cancelled_ = true; }

 private:
  const TwilioGateway& twilio_;
  std::string account_sid_, sid_, format_, first_;
  std::uint64_t next_, total_;
  std::optional<TenantGate::Pass> pass_;
  std::atomic<bool> cancelled_{false};
};

http::Response UpstreamFailed(const Status& status) {
  log::Warn("recording fetch failed", {{"error", status.message()}});
  return http::Response::Error(502, "upstream_error",
                               "the recording could not be fetched from Twilio; retry later");
}

}  // namespace

void AddRecordingRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls/{id}/recording", [&ctx](http::Request& req) {
    QueryParams q(req);
    q.Allow("access_token");
    std::string format = q.OneOf("format", {"wav", "mp3"}).value_or("wav");
    if (auto bad = q.Finish()) return *bad;
    const std::string id = req.params["id"];
    auto not_found = [] {
      return http::Response::Error(404, "not_found", "no recording for this call");
    };
    if (!IsUuid(id)) return not_found();
    std::string recording_sid, account_sid, tenant;
    AsUserOptions options;
    options.allow_query_token = true;
    http::Response res = AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          auto rows = tx.exec(kRecording, {id});  // RLS: only calls the caller may see
          if (rows.empty() || rows.is_null(0, 0)) return not_found();
          tenant = who.tenant_id;
          recording_sid = rows.get(0, 0);
          account_sid = rows.get(0, 1);
          return http::Response{};
        },
        options);
    if (res.status != 200) return res;
    if (ctx.twilio == nullptr) {
      return http::Response::Error(503, "unavailable", "recordings are not available here");
    }

    // The transaction is over: no database connection is held while Twilio answers, but a
    // handler thread is, so each tenant may hold only a few.
    std::optional<TenantGate::Pass> pass;
    if (ctx.gates != nullptr) {
      http::Response refused;
      if (!(pass = ctx.gates->recordings.Enter(tenant, &refused))) return refused;
    }
    // Not one range (none, or several, which RFC 9110 lets us ignore): the whole file.
    std::string range = Bounded(req.header("range"));
    const bool whole = range.empty();
    if (whole) range = "bytes=0-" + std::to_string(kMaxRange - 1);
    auto audio = ctx.twilio->FetchRecording(account_sid, recording_sid, format, range);
    if (!audio.ok()) {
      const Status& st = audio.status();
      if (st.code() == Status::Code::kNotFound) return not_found();
      if (!range.empty() && st.code() == Status::Code::kOutOfRange) {
        http::Response r = http::Response::Error(416, "range_not_satisfiable",
                                                 "the requested range is beyond the recording");
        // The full length, from a one-byte request (RFC 9110 asks for it with a 416).
        auto probe = ctx.twilio->FetchRecording(account_sid, recording_sid, format, "bytes=0-0");
        if (auto cr = probe.ok() ? http::ParseContentRange(probe->header("content-range"))
                                 : std::nullopt) {
          r.set_header("Content-Range", http::ContentRange{std::nullopt, cr->length}.ToString());
        }
        r.set_header("Accept-Ranges", "bytes");
        return r;
      }
      return UpstreamFailed(st);
    }
    http::Response out;
    out.status = audio->status;
    const bool mp3 = audio->header("content-type").find("mpeg") != std::string_view::npos;
    out.set_header("Content-Type", mp3 ? "audio/mpeg" : "audio/wav");
    out.set_header("Accept-Ranges", "bytes");
    out.set_header("Cache-Control", "private, max-age=3600");
    if (out.status == 206) {
      std::string_view header = audio->header("content-range");
      auto cr = http::ParseContentRange(header);
      if (!cr || !cr->range) return UpstreamFailed(Status::Internal("bad Content-Range"));
      if (whole) {  // the caller asked for the whole file: 200, streamed when longer than a range
        out.status = 200;
        if (cr->range->last + 1 < cr->length) {
          out.stream = std::make_shared<RecordingStream>(*ctx.twilio, account_sid, recording_sid,
                                                         format, std::move(audio->body), cr->length,
                                                         std::move(pass));
          return out;
        }
      } else {
        out.set_header("Content-Range", std::string(header));
      }
    }
    out.body = std::move(audio->body);
    return out;
  });

  router.Get("/api/v1/calls/{id}/waveform", [&ctx](http::Request& req) {
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal&) {
      const std::string& id = req.params["id"];
      if (!IsUuid(id)) return http::Response::Error(404, "not_found", "no such call");
      auto rows = tx.exec(kWaveform, {id});  // RLS: only calls the caller may see
      if (rows.empty()) return http::Response::Error(404, "not_found", "no such call");
      // Not computed (an older call, a recording without audio): nulls, and the player plays
      // without a waveform. Not an error: the call and its recording are there.
      http::Response out =
          http::Response::Json(200, rows.is_null(0, 0) ? R"({"duration_ms": null, "peaks": null})"
                                                       : std::string(rows.get(0, 0)));
      out.set_header("Cache-Control", "private, max-age=3600");
      return out;
    });
  });
}

}  // namespace converza::api
