#include "api/routes.h"

namespace converza::api {

void AddApiRoutes(http::Router& router, ApiContext& ctx) { AddMeRoutes(router, ctx); }

}  // namespace converza::api
