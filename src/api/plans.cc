// GET /api/v1/plans: the price list (public.plans), the one source the landing page, sign-up,
// onboarding and the admin console show prices from. Public: no token needed (the landing page
// shows prices before anyone signs in), and it runs as role anon, so the table's policy, not
// this code, decides that the price list is readable.
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

constexpr std::string_view kPlans = R"sql(
  select json_build_object('plans', coalesce(json_agg(json_build_object(
           'key', key, 'name', name, 'price_cents', price_cents, 'max_agents', max_agents,
           'summary', summary) order by position), '[]'))::text
    from public.plans)sql";

constexpr char kAnonClaims[] = R"({"role":"anon"})";
constexpr char kStatementTimeout[] = "8s";

}  // namespace

void AddPlanRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/plans", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    auto conn = ctx.pool.acquire();
    db::Transaction tx(*conn);
    db::SetUserContext(tx, "anon", kAnonClaims, kStatementTimeout);
    auto rows = tx.exec(kPlans);
    auto res = http::Response::Json(200, std::string(rows.get(0, 0)));
    // Prices change rarely; a minute of caching spares the landing page a round trip per view.
    res.set_header("Cache-Control", "public, max-age=60");
    return res;
  });
}

}  // namespace converza::api
