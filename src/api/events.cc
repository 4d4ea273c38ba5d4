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
#include "api/event_hub.h"
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

// The SSE body: one Subscription, read on the stream's own server thread.
class EventStream : public http::BodyStream {
 public:
  EventStream(std::shared_ptr<EventHub::Subscription> sub, std::chrono::milliseconds heartbeat)
      : sub_(std::move(sub)), heartbeat_(heartbeat) {}
  std::optional<std::string> Next() override {
    if (first_) {
      first_ = false;
      return "retry: 3000\n: connected\n\n";
    }
    auto text = sub_->Wait(std::chrono::steady_clock::now() + heartbeat_);
    if (!text) return std::nullopt;
    if (text->empty()) return ": ping\n\n";
    return text;
  }
  void Cancel() override { sub_->Close(); }

 private:
  std::shared_ptr<EventHub::Subscription> sub_;
  const std::chrono::milliseconds heartbeat_;
  bool first_ = true;
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
    std::string tenant;
    http::Response res = AsUser(
        ctx, req,
        [&tenant](db::Transaction& tx, const auth::Principal& who) {
          // RLS shows the caller only their own memberships.
          if (!IsUuid(who.tenant_id) ||
              !tx.exec(kIsMember, {who.tenant_id, who.user_id}).get_bool(0, 0)) {
            return http::Response::Error(403, "forbidden", "you are not a member of this tenant");
          }
          tenant = who.tenant_id;
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
    res.stream = std::make_shared<EventStream>(ctx.events->Subscribe(tenant), ctx.sse_heartbeat);
    return res;
  });
}

}  // namespace converza::api
