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
#include <cstdio>
#include <regex>

#include "api/params.h"
#include "api/routes.h"
#include "api/twilio_gateway.h"
#include "common/log.h"

namespace converza::api {
namespace {

constexpr std::string_view kRecording = R"sql(
  select recording_sid, coalesce(account_sid, '') from public.calls where id = $1::uuid)sql";

// A single byte range as Twilio honours it; anything else is not forwarded (whole file, 200).
bool SingleRange(const std::string& range) {
  static const std::regex kRange(R"(bytes=(\d{1,15}-\d{0,15}|-\d{1,15}))");
  return std::regex_match(range, kRange);
}

constexpr unsigned long long kMaxRange = 1u << 20;

// `range` (a single range) with at most kMaxRange bytes: "bytes=first-" and long ranges shortened.
std::string Bounded(const std::string& range) {
  unsigned long long first = 0, last = 0;
  char dash = 0;
  if (range.rfind("bytes=-", 0) == 0) return range;  // a suffix: the end of the file
  const int n = std::sscanf(range.c_str(), "bytes=%llu%c%llu", &first, &dash, &last);
  if (n == 2 || (n == 3 && last - first >= kMaxRange)) {
    return "bytes=" + std::to_string(first) + "-" + std::to_string(first + kMaxRange - 1);
  }
  return range;
}

bool ContentRange(std::string_view value) {
  static const std::regex kContentRange(R"(bytes (\d{1,15}-\d{1,15}|\*)/\d{1,15})");
  return std::regex_match(value.begin(), value.end(), kContentRange);
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
    std::string range(req.header("range"));
    range = SingleRange(range) ? Bounded(range) : "";
    auto audio = ctx.twilio->FetchRecording(account_sid, recording_sid, format, range);
    if (!audio.ok()) {
      const Status& st = audio.status();
      if (st.code() == Status::Code::kNotFound) return not_found();
      if (!range.empty() && st.code() == Status::Code::kOutOfRange) {
        http::Response r = http::Response::Error(416, "range_not_satisfiable",
                                                 "the requested range is beyond the recording");
        // The full length, from a one-byte request (RFC 9110 asks for it with a 416).
        auto probe = ctx.twilio->FetchRecording(account_sid, recording_sid, format, "bytes=0-0");
        if (probe.ok()) {
          std::string cr(probe->header("content-range"));
          auto slash = cr.find('/');
          if (slash != std::string::npos && ContentRange(cr)) {
            r.set_header("Content-Range", "bytes */" + cr.substr(slash + 1));
          }
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
      if (!ContentRange(cr)) return UpstreamFailed(Status::Internal("bad Content-Range"));
      out.set_header("Content-Range", std::string(cr));
    }
    out.set_header("Accept-Ranges", "bytes");
    out.set_header("Cache-Control", "private, max-age=3600");
    out.body = std::move(audio->body);
    return out;
  });
}

}  // namespace converza::api
