// GET /api/v1/calls/{id}/recording: the call's audio for the dashboard's player. Row-level
// security decides whether the caller may see the call (another tenant's id is a 404); the audio
// is then fetched from Twilio (or the sandbox) with our credentials and passed through, HTTP Range
// included so the player can seek: 206 with Content-Range for a range, Accept-Ranges: bytes.
// Only the audio and a few headers we set ourselves reach the browser — never Twilio's URLs,
// credentials or error details. `<audio src>` cannot set headers, so `?access_token=` works too.
// `?format=mp3` asks Twilio for MP3 (the sandbox has WAV only). A range that is open-ended
// ("bytes=0-", what a player asks first) or longer than kMaxRange is answered with its first
// kMaxRange bytes (206, the real Content-Range; players ask on from there), so an hour-long
// recording plays without the proxy holding it whole.
#include <algorithm>
#include <cstdint>

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

// The range to ask Twilio for: the player's single range with at most kMaxRange bytes
// ("bytes=first-" and long ranges shortened; a suffix is the end of the file, as asked), or ""
// (whole file, 200) for anything else.
std::string Bounded(std::string_view header) {
  auto range = http::ParseRange(header);
  if (!range) return "";
  if (!range->suffix && (!range->last || *range->last - range->first >= kMaxRange)) {
    range->last = range->first + std::min(kMaxRange - 1, UINT64_MAX - range->first);  // no overflow
  }
  return range->ToString();
}

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
    const std::string range = Bounded(req.header("range"));
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
    if (out.status == 206) {
      std::string_view cr = audio->header("content-range");
      if (!http::ParseContentRange(cr))
        return UpstreamFailed(Status::Internal("bad Content-Range"));
      out.set_header("Content-Range", std::string(cr));
    }
    out.set_header("Accept-Ranges", "bytes");
    out.set_header("Cache-Control", "private, max-age=3600");
    out.body = std::move(audio->body);
    return out;
  });
}

}  // namespace converza::api
