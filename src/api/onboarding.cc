// POST /api/v1/onboarding/organization {"name", "plan"?}: a signed-in user without an organisation
// creates one and becomes its owner. In one transaction on the server's own (privileged) connection
// — users cannot create tenants or write auth.users under RLS: the tenant (slug derived from the
// name, made unique), the owner membership, version 1 of the default call script, and
// auth.users.raw_app_meta_data.tenant_id, which the next token refresh carries to the client.
// 201 {"tenant":{"id","name","slug","plan"}}; 409 when the user already has an organisation.
#include <boost/json.hpp>

#include "analysis/script.h"
#include "api/routes.h"
#include "common/log.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// Locks the user's row so two concurrent requests cannot both create an organisation.
constexpr std::string_view kLockUser = R"sql(
  select coalesce(u.raw_app_meta_data ->> 'tenant_id', '') <> ''
         or exists (select 1 from public.members m where m.user_id = u.id)
    from auth.users u where u.id = $1::uuid for update)sql";

// The plan chosen at sign-up ($3, a key of the price list; null: the first plan) is recorded,
// but the tenant is billed nothing (plan_price_cents 0) until someone bills it: choosing a plan
// alone never unlocks a paid plan's allowance (PlanLimits' `unpaid`), and the admin console
// shows such a tenant as "no revenue".
constexpr std::string_view kInsertTenant = R"sql(
  insert into public.tenants (name, slug, plan)
  values ($1, $2, coalesce($3, (select key from public.plans order by position limit 1), 'starter'))
  on conflict (slug) do nothing
  returning id, json_build_object('id', id, 'name', name, 'slug', slug, 'plan', plan)::text)sql";

constexpr std::string_view kSetUp = R"sql(
  with m as (insert into public.members (tenant_id, user_id, role) values ($1, $2, 'owner')),
       s as (insert into public.scripts (tenant_id, version, items, created_by)
             values ($1, 1, $3::jsonb, $2))
  update auth.users
     set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb)
                             || jsonb_build_object('tenant_id', $1::text),
         updated_at = now()
   where id = $2)sql";

// "Acme Home Services!" -> "acme-home-services"; at most 40 characters; "org" if nothing is left.
std::string Slugify(std::string_view name) {
  std::string slug;
  for (unsigned char c : name) {
    if (std::isalnum(c) && c < 0x80) {
      slug += static_cast<char>(std::tolower(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= 40) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "org" : slug;
}

std::string DefaultScriptJson() {
  json::array items;
  for (const auto& item : analysis::DefaultScript()) {
    items.push_back(
        json::object{{"key", item.key}, {"label", item.label}, {"description", item.description}});
  }
  return json::serialize(items);
}

constexpr std::string_view kPlanExists =
    "select exists (select 1 from public.plans where key = $1)";

struct Organization {
  std::string name;
  std::optional<std::string> plan;  // a price-list key, checked against public.plans later
};

// The trimmed "name" and the optional "plan" of the JSON body, or the 400 to answer.
std::optional<Organization> ParseOrganization(const std::string& body, http::Response* error) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  const auto* o = ec ? nullptr : v.if_object();
  const auto* name = o ? o->if_contains("name") : nullptr;
  if (name == nullptr || !name->is_string()) {
    *error = http::Response::Error(400, "invalid_request", "body must be JSON with a string name");
    return std::nullopt;
  }
  const auto* plan = o->if_contains("plan");
  if (plan != nullptr && !plan->is_null() &&
      (!plan->is_string() || plan->get_string().empty() || plan->get_string().size() > 32)) {
    *error = http::Response::Error(400, "invalid_parameter", "plan must be a plan's key");
    return std::nullopt;
  }
  std::string n(name->get_string());
  n.erase(0, n.find_first_not_of(" \t\r\n"));
  n.erase(n.find_last_not_of(" \t\r\n") + 1);
  if (n.empty() || n.size() > 100) {
    *error = http::Response::Error(400, "invalid_parameter", "name must be 1 to 100 characters");
    return std::nullopt;
  }
  Organization org{std::move(n), std::nullopt};
  if (plan != nullptr && plan->is_string()) org.plan = std::string(plan->get_string());
  return org;
}

}  // namespace

void AddOnboardingRoutes(http::Router& router, ApiContext& ctx) {
  router.Post("/api/v1/onboarding/organization", [&ctx](http::Request& req) {
    auto who = Authenticate(ctx, req);
    if (!who.ok()) return Unauthorized(who.status().message());
    if (!who->tenant_id.empty()) {
      return http::Response::Error(409, "conflict", "you already belong to an organisation");
    }
    http::Response error;
    auto org = ParseOrganization(req.body, &error);
    if (!org) return error;

    auto conn = ctx.pool.acquire();
    db::Transaction tx(*conn);  // the server's own role: tenants and auth.users are not the user's
    auto user = tx.exec(kLockUser, {who->user_id});
    if (user.empty()) return Unauthorized("this account no longer exists");
    if (user.get_bool(0, 0)) {
      return http::Response::Error(409, "conflict", "you already belong to an organisation");
    }
    if (org->plan && !tx.exec(kPlanExists, {*org->plan}).get_bool(0, 0)) {
      return http::Response::Error(400, "invalid_parameter",
                                   "plan must be one of the plans of GET /api/v1/plans");
    }
    const std::string base = Slugify(org->name);
    std::optional<db::Rows> tenant;
    for (int i = 1; i <= 50 && !tenant; ++i) {
      std::string slug = i == 1 ? base : base + "-" + std::to_string(i);
      auto rows = tx.exec(kInsertTenant, {org->name, slug, org->plan});
      if (!rows.empty()) tenant.emplace(std::move(rows));
    }
    if (!tenant) {
      return http::Response::Error(409, "conflict", "too many organisations with this name");
    }
    const std::string tenant_id(tenant->get(0, 0));
    tx.exec(kSetUp, {tenant_id, who->user_id, DefaultScriptJson()});
    tx.commit();
    log::Info("organisation created", {{"tenant", tenant_id}, {"user", who->user_id}});
    return http::Response::Json(201, "{\"tenant\":" + std::string(tenant->get(0, 1)) + "}");
  });
}

}  // namespace converza::api
