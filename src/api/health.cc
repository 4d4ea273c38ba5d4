#include "api/health.h"

#include "auth/token_verifier.h"
#include "common/strings.h"

namespace converza::api {
namespace {

bool Loopback(std::string_view ip) {
  return ip == "::1" || ip.rfind("127.", 0) == 0 || ip == "::ffff:127.0.0.1";
}

bool MayReadMetrics(const http::Request& req, const std::string& token) {
  if (!token.empty()) {
    return ConstantTimeEquals(auth::BearerToken(req.header("authorization")), token);
  }
  return Loopback(req.remote_ip) && req.header("x-forwarded-for").empty();
}

}  // namespace

void AddHealthRoutes(http::Router& router, db::Pool& pool, http::Metrics& metrics,
                     std::string metrics_token) {
  router.Get("/healthz",
             [](http::Request&) { return http::Response::Json(200, R"({"status":"ok"})"); });
  router.Get("/readyz", [&pool](http::Request&) {
    try {
      auto c = pool.acquire();
      c->exec("select 1");
      return http::Response::Json(200, R"({"status":"ready","database":"ok"})");
    } catch (const db::Error& e) {
      // The reason goes to the log, not to an unauthenticated caller.
      return http::Response::Error(503, "not_ready", "database unreachable");
    }
  });
  router.Get("/metrics", [&metrics, token = std::move(metrics_token)](http::Request& req) {
    if (!MayReadMetrics(req, token)) {
      return http::Response::Error(404, "not_found", "no route for GET /metrics");
    }
    return http::Response::Text(200, metrics.Render(), "text/plain; version=0.0.4");
  });
}

}  // namespace converza::api
