// AddApiRoutes: every /api/v1 route, one Add*Routes function per resource file in src/api/.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace converza::api {

void AddApiRoutes(http::Router& router, ApiContext& ctx);

// Per-resource registration, each defined in the file named after its resource.
void AddMeRoutes(http::Router& router, ApiContext& ctx);  // me.cc

}  // namespace converza::api
