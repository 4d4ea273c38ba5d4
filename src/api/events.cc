// GET /api/v1/events: the caller's tenant's live updates as Server-Sent Events —
//   event: call.created | insight.ready
//   data: {"call_id":"..."}
// with a `retry:` hint first and a `: ping` comment whenever nothing was sent for a heartbeat
// interval (so proxies keep the connection and the client notices a dead one). EventSource
// cannot set headers, so `?access_token=` is accepted too.
//
// Tenant isolation: the EventHub listens as the server's own user, so before subscribing the
// caller's membership of the tenant their token names is checked as the caller (RLS), and only
// that tenant's channel is subscribed.
//
// A stream lives no longer than its token: at `exp` it sends `event: session.expired` and ends,
// and at each heartbeat it checks the token's session, ending with `event: session.ended` once
// the user signed out. The dashboard then reconnects with a fresh token (or signs in again).
#include <algorithm>
#include <functional>

#include "api/event_hub.h"
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

// The SSE body: one Subscription, read on the stream's own server thread.
class EventStream : public http::BodyStream {
 public:
  EventStream(std::shared_ptr<EventHub::Subscription> sub, std::chrono::milliseconds heartbeat,
              std::chrono::system_clock::time_point expires, std::function<bool()> session_alive,
              std::optional<TenantGate::Pass> pass)
      : pass_(std::move(pass)),
        sub_(std::move(sub)),
        heartbeat_(heartbeat),
        expires_(expires),
        session_alive_(std::move(session_alive)) {}
  std::optional<std::string> Next() override {
    if (done_) return std::nullopt;
    if (first_) {
      first_ = false;
      return "retry: 3000\n: connected\n\n";
    }
    const auto left = expires_ - std::chrono::system_clock::now();
    if (left <= std::chrono::seconds(0)) return Last("session.expired");
    auto text = sub_->Wait(std::chrono::steady_clock::now() +
                           std::min<std::chrono::steady_clock::duration>(heartbeat_, left));
    if (!text) return std::nullopt;
    if (!text->empty()) return text;
    if (std::chrono::system_clock::now() >= expires_) return Last("session.expired");
    if (session_alive_ && !session_alive_()) return Last("session.ended");
    return ": ping\n\n";
  }
  void Cancel() override { sub_->Close(); }

 private:
  std::string Last(const char* event) {
    done_ = true;
    sub_->Close();
    return std::string("event: ") + event + "\ndata: {}\n\n";
  }

  std::optional<TenantGate::Pass> pass_;  // the tenant's place, held as long as the stream
  std::shared_ptr<EventHub::Subscription> sub_;
  const std::chrono::milliseconds heartbeat_;
  const std::chrono::system_clock::time_point expires_;
  const std::function<bool()> session_alive_;
  bool first_ = true, done_ = false;
};

constexpr std::string_view kIsMember = R"sql(
  select exists (select 1 from public.members
                  where tenant_id = $1::uuid and user_id = $2::uuid))sql";

}  // namespace

void AddEventRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/events", [&ctx](http::Request& req) {
    QueryParams q(req);
    q.Allow("access_token");
    if (auto bad = q.Finish()) return *bad;
    AsUserOptions options;
    options.allow_query_token = true;
    std::string tenant, session;
    long long expires_at = 0;
    http::Response res = AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          // RLS shows the caller only their own memberships.
          if (!IsUuid(who.tenant_id) ||
              !tx.exec(kIsMember, {who.tenant_id, who.user_id}).get_bool(0, 0)) {
            return http::Response::Error(403, "forbidden", "you are not a member of this tenant");
          }
          tenant = who.tenant_id;
          session = who.session_id;
          expires_at = who.expires_at;
          return http::Response{};
        },
        options);
    if (res.status != 200) return res;
    if (ctx.events == nullptr) {
      return http::Response::Error(503, "unavailable", "live updates are not enabled");
    }
    res.set_header("Content-Type", "text/event-stream");
    res.set_header("Cache-Control", "no-cache, no-store, no-transform");
    res.set_header("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
    std::optional<TenantGate::Pass> pass;
    if (ctx.gates != nullptr) {
      http::Response refused;
      if (!(pass = ctx.gates->live_streams.Enter(tenant, &refused))) return refused;
    }
    std::function<bool()> alive;
    if (ctx.sessions != nullptr && !session.empty()) {
      alive = [sessions = ctx.sessions, session] {
        try {
          return sessions->Alive(session);
        } catch (const std::exception&) {
          return true;  // the database is away: keep the stream, check again next beat
        }
      };
    }
    res.stream = std::make_shared<EventStream>(
        ctx.events->Subscribe(tenant), ctx.sse_heartbeat,
        std::chrono::system_clock::time_point(std::chrono::seconds(expires_at)), std::move(alive),
        std::move(pass));
    return res;
  });
}

}  // namespace converza::api
