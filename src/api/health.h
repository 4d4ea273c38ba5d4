// Operational endpoints: /healthz (process is up), /readyz (can reach PostgreSQL) and
// /metrics (Prometheus text). Unauthenticated by design; they reveal no tenant data.
#pragma once

#include "db/pool.h"
#include "http/metrics.h"
#include "http/router.h"

namespace converza::api {

void AddHealthRoutes(http::Router& router, db::Pool& pool, http::Metrics& metrics);

}  // namespace converza::api
