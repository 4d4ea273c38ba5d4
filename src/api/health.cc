#include "api/health.h"

namespace converza::api {

void AddHealthRoutes(http::Router& router, db::Pool& pool, http::Metrics& metrics) {
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
  router.Get("/metrics", [&metrics](http::Request&) {
    return http::Response::Text(200, metrics.Render(), "text/plain; version=0.0.4");
  });
}

}  // namespace converza::api
