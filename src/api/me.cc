// GET /api/v1/me: the signed-in user, their organisation (if any) and whether they are an admin.
// The dashboard calls it first to decide between onboarding, the dashboard and the admin console.
#include "api/routes.h"

namespace converza::api {

void AddMeRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/me", [&ctx](http::Request& req) {
    AsUserOptions options;
    options.require_tenant = false;
    return AsUser(
        ctx, req,
        [](db::Transaction& tx, const auth::Principal& who) {
          // RLS: a user sees only tenants they are a member of.
          auto rows = tx.exec(
              "select json_build_object("
              "  'user', json_build_object('id', $1::uuid, 'email', $2::text),"
              "  'admin', $3::boolean,"
              "  'tenant', (select json_build_object('id', t.id, 'name', t.name, 'slug', t.slug,"
              "                                      'plan', t.plan, 'role', m.role)"
              "             from public.tenants t join public.members m on m.tenant_id = t.id"
              "             where t.id = nullif($4, '')::uuid and m.user_id = $1::uuid))::text",
              {who.user_id, who.email, who.admin ? "true" : "false", who.tenant_id});
          return http::Response::Json(200, std::string(rows.get(0, 0)));
        },
        options);
  });
}

}  // namespace converza::api
