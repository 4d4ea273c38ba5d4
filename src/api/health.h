// Operational endpoints: /healthz (process is up), /readyz (can reach PostgreSQL) and
// /metrics (Prometheus text). The probes are public (load balancers call them; they reveal
// nothing). /metrics shows routes, volumes and latencies, which are for operators only: with
// METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without one it answers only a
// scraper on the same host that talks to the server directly (a loopback peer and no
// X-Forwarded-For, so nothing relayed by a local reverse proxy); anyone else gets 404.
#pragma once

#include <string>

#include "db/pool.h"
#include "http/metrics.h"
#include "http/router.h"

namespace converza::api {

void AddHealthRoutes(http::Router& router, db::Pool& pool, http::Metrics& metrics,
                     std::string metrics_token = {});

}  // namespace converza::api
