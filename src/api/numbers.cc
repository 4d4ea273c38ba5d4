// A tenant's Twilio numbers:
//   GET    /api/v1/onboarding/numbers?area_code=415  numbers the tenant can buy: Twilio's search
//          less every number a tenant already holds here, each with its monthly price
//   POST   /api/v1/onboarding/numbers {"phone_number"} buy it with our webhooks, link it to the
//          tenant: 201 with the new number, 200 with the existing one when it is already the
//          tenant's (idempotent). Purchase and insert form one unit: if storing the row fails
//          after Twilio sold us the number, it is released again, so nothing is left half-done.
//   GET    /api/v1/numbers                           the tenant's numbers, whom each rings
//   GET    /api/v1/numbers/{id}/webhooks             whether Twilio sends its calls to us
//   POST   /api/v1/numbers {"phone_number"}          attach a number the tenant already owns on
//          its own Twilio account (registered in twilio_accounts): found there with that
//          account's credentials, its webhooks pointed at us, linked to the tenant (201; 200
//          when already linked). Nothing is bought; the quota and country rules still apply.
//   DELETE /api/v1/numbers/{id}                      release at Twilio (or, for an attached
//          number, only unlink it: it stays the tenant's), mark released (204)
// A number is {"id","phone_number","friendly_name","status","attached","created_at"}. A number
// that cannot be sold — another tenant's here, or one Twilio no longer has (21422) — is 409
// number_unavailable telling the manager to pick another; Twilio's other refusals (unknown area
// code) are 400 with Twilio's message; Twilio being unreachable or rejecting our credentials is
// 502.
//
// Numbers are bought on the platform's account, so before Twilio is asked a purchase must pass
// the plan's quota of active numbers (NUMBER_QUOTAS: 403 quota_exceeded) and be in a country the
// tenant may dial (AGENT_DIAL_COUNTRIES, twilio/dial_policy.h: 400). Buying and releasing write
// columns the platform owns (e164, twilio_sid, status, monthly_price_cents, tenant_id), which
// `authenticated` may not write (grants by column, db/migrations/20261204000200): those two run on
// the server's own role once the caller is known to be a member of the tenant, and every
// statement names that tenant. Listing runs as the caller under RLS.
#include <boost/json.hpp>
#include <set>

#include "api/dial_checks.h"
#include "api/params.h"
#include "api/routes.h"
#include "api/twilio_gateway.h"
#include "common/log.h"
#include "db/array_literal.h"
#include "db/sql_text.h"
#include "pipeline/prices.h"
#include "twilio/rest_client.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// A number as the API returns it, from a row of public.phone_numbers.
constexpr db::SqlText kNumberJson =
    "json_build_object('id', id, 'phone_number', e164, 'friendly_name', friendly_name, "
    "'status', status, 'attached', account_sid is not null, 'created_at', created_at)";

// The list adds what the Numbers page shows: the price and who the number rings (one agent, or
// every active agent when none is set).
constexpr std::string_view kList = db::kSql<
    "select coalesce(json_agg((", kNumberJson,
    "::jsonb || jsonb_build_object('monthly_price_cents', monthly_price_cents,"
    "   'agent', (select json_build_object('id', a.id, 'name', a.name) from public.agents a"
    "              where a.id = n.agent_id)))"
    " order by status, created_at, id), '[]')::text"
    "  from public.phone_numbers n where tenant_id = $1::uuid">;

// The numbers among $1 that no tenant may buy from us: held by a tenant, except the caller's own
// released ones (buying those back reactivates the row). Server role: other tenants' rows count.
constexpr std::string_view kTaken =
    "select e164 from public.phone_numbers where e164 = any($1::text[])"
    " and (tenant_id is distinct from $2::uuid or status = 'active')";

constexpr std::string_view kNoTenant = "00000000-0000-0000-0000-000000000000";

constexpr std::string_view kFindForWebhooks =
    "select e164, coalesce(account_sid, ''), status from public.phone_numbers"
    " where tenant_id = $1::uuid and id = $2::uuid";

// What RLS would check, for the handlers that run on the server's own role: a member who may
// change the tenant (owner or manager; viewers only read).
constexpr std::string_view kIsMember =
    "select exists (select 1 from public.members where tenant_id = $1::uuid and user_id = "
    "$2::uuid and role in ('owner', 'manager'))";

// Serialises one tenant's purchases (so two at once cannot both pass the quota), then concurrent
// purchases of the same number; both held until commit, always taken in this order.
constexpr std::string_view kLockTenantNumbers =
    "select pg_advisory_xact_lock(hashtext('converza.tenant_numbers:' || $1))";
constexpr std::string_view kLockNumber =
    "select pg_advisory_xact_lock(hashtext('converza.phone_number:' || $1))";

constexpr std::string_view kFindMine =
    db::kSql<"select status, ", kNumberJson,
             "::text from public.phone_numbers where tenant_id = $1::uuid and e164 = $2">;

// Checked on the server's own connection: RLS hides other tenants' numbers from the user.
constexpr std::string_view kOwner =
    "select tenant_id::text from public.phone_numbers where e164 = $1";

constexpr std::string_view kStore = db::kSql<
    "insert into public.phone_numbers (tenant_id, e164, twilio_sid, friendly_name,"
    "                                  monthly_price_cents)"
    " values ($1::uuid, $2, $3, $4, $5::int)"
    " on conflict (e164) do update"
    "   set twilio_sid = excluded.twilio_sid, status = 'active', account_sid = null,"
    "       monthly_price_cents = excluded.monthly_price_cents, created_at = now()"
    "   where phone_numbers.tenant_id = excluded.tenant_id"
    " returning ",
    kNumberJson, "::text">;

// An attached number: Twilio bills the tenant's own account for it, so we charge nothing.
constexpr std::string_view kAttach = db::kSql<
    "insert into public.phone_numbers (tenant_id, e164, twilio_sid, friendly_name,"
    "                                  monthly_price_cents, account_sid)"
    " values ($1::uuid, $2, $3, $4, 0, $5)"
    " on conflict (e164) do update"
    "   set twilio_sid = excluded.twilio_sid, status = 'active', monthly_price_cents = 0,"
    "       account_sid = excluded.account_sid, created_at = now()"
    "   where phone_numbers.tenant_id = excluded.tenant_id"
    " returning ",
    kNumberJson, "::text">;

// The tenant's own Twilio accounts (server role: twilio_accounts is service_role only).
constexpr std::string_view kTenantAccounts =
    "select account_sid from public.twilio_accounts where tenant_id = $1::uuid"
    " order by created_at, account_sid";

constexpr std::string_view kFindById =
    "select status, coalesce(twilio_sid, ''), coalesce(account_sid, '') from public.phone_numbers"
    " where tenant_id = $1::uuid and id = $2::uuid for update";

constexpr std::string_view kMarkReleased =
    "update public.phone_numbers set status = 'released', agent_id = null"
    " where tenant_id = $1::uuid and id = $2::uuid";

// The tenant's plan: its quota of active numbers.
constexpr std::string_view kPlan =
    "select plan, plan_price_cents from public.tenants where id = $1::uuid";

// "(415) 555-0100" for North American numbers, else the E.164 form.
std::string FriendlyName(const std::string& e164) {
  if (e164.size() != 12 || e164.rfind("+1", 0) != 0) return e164;
  return "(" + e164.substr(2, 3) + ") " + e164.substr(5, 3) + "-" + e164.substr(8);
}

// Maps a failed Twilio call: its refusals are the client's problem (400, with Twilio's
// message), anything else is ours or Twilio's (502, logged).
http::Response TwilioFailure(const Status& st, std::string_view what) {
  if (st.message().find("21422") != std::string::npos) {
    return http::Response::Error(409, "number_unavailable",
                                 "That number was just taken — pick another from the list");
  }
  if (st.code() == Status::Code::kInvalidArgument || st.code() == Status::Code::kNotFound) {
    return http::Response::Error(400, "twilio_rejected", st.message());
  }
  log::Warn("Twilio request failed", {{"what", what}, {"error", st.message()}});
  return http::Response::Error(502, "upstream_error",
                               std::string(what) + " failed at Twilio; retry later");
}

// A number another tenant holds is, to this tenant, simply not available: the answer is the
// one given when Twilio cannot sell it (error 21422), so it reveals no owner.
http::Response NotAvailable(const std::string& e164) {
  return TwilioFailure(
      Status::InvalidArgument("Twilio 21422: PhoneNumber " + e164 + " is not available (HTTP 400)"),
      "number purchase");
}

// The refusal when the tenant may not buy `e164`: a country it may not dial (400), or its plan's
// quota of active numbers reached (403); nullopt when it may.
std::optional<http::Response> RefusePurchase(const ApiContext& ctx, db::Transaction& tx,
                                             const std::string& tenant, const std::string& e164) {
  if (auto why = RefusedDestination(ctx, tx, tenant, e164)) {
    return http::Response::Error(
        400, "invalid_parameter",
        "phone_number: " + *why +
            ". Choose a number there (GET /api/v1/onboarding/numbers), or ask Converza support "
            "to enable another country");
  }
  auto plan = tx.exec(kPlan, {tenant});
  if (plan.empty()) return http::Response::Error(403, "no_tenant", "your organisation is gone");
  const std::string name(plan.get(0, 0));
  const long long price = plan.get_int(0, 1);
  const long long quota = ctx.number_quotas.For(name, price);
  const auto active = static_cast<long long>(ActiveNumbers(tx, tenant).size());
  if (active >= quota) {
    return http::Response::Error(
        403, "quota_exceeded",
        "your plan (" + name + (price > 0 ? "" : ", not yet paid") + ") includes " +
            std::to_string(quota) + (quota == 1 ? " phone number" : " phone numbers") +
            " and your organisation has " + std::to_string(active) +
            ": release one (DELETE /api/v1/numbers/{id}) or upgrade your plan to add more");
  }
  return std::nullopt;
}

// The caller, when signed in with an organisation; else the 401 or 403 to answer.
Result<auth::Principal> CallerWithTenant(const ApiContext& ctx, const http::Request& req,
                                         http::Response* refusal) {
  auto who = Authenticate(ctx, req);
  if (!who.ok()) {
    *refusal = Unauthorized(who.status().message());
  } else if (who->tenant_id.empty()) {
    *refusal = http::Response::Error(
        403, "no_tenant", "create your organisation first (POST /api/v1/onboarding/organization)");
    return Status::PermissionDenied("no organisation");
  }
  return who;
}

// On the server's own role, what RLS would have checked: the caller still belongs to the tenant
// their token names (a membership can end before the token does).
bool IsMember(db::Transaction& tx, const auth::Principal& who) {
  return tx.exec(kIsMember, {who.tenant_id, who.user_id}).get_bool(0, 0);
}

http::Response NotAMember() {
  return http::Response::Error(403, "forbidden", "you are not a manager of this organisation");
}

std::optional<std::string> PhoneNumberField(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  const auto* o = ec ? nullptr : v.if_object();
  const auto* n = o ? o->if_contains("phone_number") : nullptr;
  if (n == nullptr || !n->is_string() || !IsE164(n->get_string())) return std::nullopt;
  return std::string(n->get_string());
}

http::Response Search(ApiContext& ctx, http::Request& req) {
  auto who = Authenticate(ctx, req);
  if (!who.ok()) return Unauthorized(who.status().message());
  QueryParams q(req);
  auto area = q.Text("area_code", 3);
  if (auto bad = q.Finish()) return *bad;
  if (!area || area->size() != 3 || (*area)[0] < '2' || (*area)[0] > '9' ||
      area->find_first_not_of("0123456789") != std::string::npos) {
    return http::Response::Error(400, "invalid_parameter",
                                 "area_code must be a 3-digit US area code such as 415");
  }
  if (ctx.twilio == nullptr) return http::Response::Error(503, "unavailable", "no Twilio here");
  std::optional<TenantGate::Pass> pass;  // a handler thread waits on Twilio meanwhile
  if (ctx.gates != nullptr) {
    http::Response refused;
    const std::string& who_key = who->tenant_id.empty() ? who->user_id : who->tenant_id;
    if (!(pass = ctx.gates->number_searches.Enter(who_key, &refused))) return refused;
  }
  auto found = ctx.twilio->SearchLocal(*area, 20);
  if (!found.ok()) return TwilioFailure(found.status(), "number search");
  db::ArrayLiteral offered;
  for (const auto& n : *found) offered.Add(n.phone_number);
  std::set<std::string> taken;
  {
    auto rows = ctx.pool.acquire()->exec(
        kTaken, {offered.str(), who->tenant_id.empty() ? std::string(kNoTenant) : who->tenant_id});
    for (int i = 0; i < rows.size(); ++i) taken.emplace(rows.get(i, 0));
  }
  json::array numbers;
  for (const auto& n : *found) {
    if (taken.contains(n.phone_number)) continue;
    numbers.push_back(
        json::object{{"phone_number", n.phone_number},
                     {"friendly_name", n.friendly_name},
                     {"locality", n.locality},
                     {"region", n.region},
                     {"monthly_price_cents", pipeline::kTwilioLocalNumberMonthCents}});
  }
  return http::Response::Json(200, json::serialize(json::object{{"numbers", std::move(numbers)}}));
}

// The caller and the number of a request that links a number to the tenant (buy or attach);
// nullopt with `refusal` set when there is no organisation, no valid number or no Twilio.
struct NumberRequest {
  auth::Principal who;
  std::string e164;
};
std::optional<NumberRequest> ParseNumberRequest(ApiContext& ctx, const http::Request& req,
                                                http::Response* refusal) {
  auto who = CallerWithTenant(ctx, req, refusal);
  if (!who.ok()) return std::nullopt;
  auto e164 = PhoneNumberField(req.body);
  if (!e164) {
    *refusal = http::Response::Error(400, "invalid_parameter",
                                     "phone_number must be an E.164 number such as +14155550100");
    return std::nullopt;
  }
  if (ctx.twilio == nullptr) {
    *refusal = http::Response::Error(503, "unavailable", "no Twilio here");
    return std::nullopt;
  }
  return NumberRequest{*who, *e164};
}

// On the server's own role, before a number is linked: the caller is still a member, and the
// tenant's numbers and this number are locked until commit. The answer to give instead — the
// number itself when it is already the tenant's (200, idempotent) — or nullopt to go on.
std::optional<http::Response> LockForLinking(db::Transaction& tx, const NumberRequest& r) {
  if (!IsMember(tx, r.who)) return NotAMember();
  tx.exec(kLockTenantNumbers, {r.who.tenant_id});
  tx.exec(kLockNumber, {r.e164});
  auto mine = tx.exec(kFindMine, {r.who.tenant_id, r.e164});
  if (!mine.empty() && mine.get(0, 0) == "active") {
    return http::Response::Json(200, "{\"number\":" + std::string(mine.get(0, 1)) + "}");
  }
  return std::nullopt;
}

http::Response Provision(ApiContext& ctx, http::Request& req) {
  http::Response refusal;
  auto request = ParseNumberRequest(ctx, req, &refusal);
  if (!request) return refusal;
  const auth::Principal* who = &request->who;
  const std::string* e164 = &request->e164;
  {
    auto owner = ctx.pool.acquire()->exec(kOwner, {*e164});
    if (!owner.empty() && owner.get(0, 0) != who->tenant_id) return NotAvailable(*e164);
  }
  auto conn = ctx.pool.acquire();
  db::Transaction tx(*conn);  // the server's own role: see the header
  if (auto answer = LockForLinking(tx, *request)) return *answer;
  if (auto refused = RefusePurchase(ctx, tx, who->tenant_id, *e164)) return *refused;
  const auto hooks = NumberWebhooks::At(ctx.public_url);
  auto bought = ctx.twilio->Buy(*e164, hooks.voice_url, hooks.status_callback);
  if (!bought.ok()) return TwilioFailure(bought.status(), "number purchase");
  try {
    auto row = tx.exec(kStore, {who->tenant_id, *e164, bought->sid, FriendlyName(*e164),
                                std::to_string(pipeline::kTwilioLocalNumberMonthCents)});
    if (row.empty()) throw db::Error("number taken by another tenant meanwhile", "23505");
    tx.commit();
    log::Info("number provisioned", {{"tenant", who->tenant_id}, {"number", *e164}});
    return http::Response::Json(201, "{\"number\":" + std::string(row.get(0, 0)) + "}");
  } catch (const db::Error& e) {
    // Undo the purchase so we neither pay for nor hold a number no tenant has.
    Status released = ctx.twilio->Release(bought->sid);
    if (!released.ok()) {
      log::Error("number bought but neither stored nor released; release it by hand",
                 {{"twilio_sid", bought->sid}, {"error", released.message()}});
    }
    if (e.sqlstate() == "23505") return NotAvailable(*e164);
    throw;
  }
}

http::Response Attach(ApiContext& ctx, http::Request& req) {
  http::Response refusal;
  auto request = ParseNumberRequest(ctx, req, &refusal);
  if (!request) return refusal;
  const auth::Principal* who = &request->who;
  const std::string* e164 = &request->e164;
  auto conn = ctx.pool.acquire();
  db::Transaction tx(*conn);  // the server's own role: see the header
  if (auto answer = LockForLinking(tx, *request)) return *answer;
  auto accounts = tx.exec(kTenantAccounts, {who->tenant_id});
  if (accounts.empty()) {
    return http::Response::Error(
        400, "no_twilio_account",
        "your organisation has no Twilio account of its own connected to Converza, so there is "
        "no number to attach: buy one instead (POST /api/v1/onboarding/numbers)");
  }
  if (auto refused = RefusePurchase(ctx, tx, who->tenant_id, *e164)) return *refused;
  // Looked up on the tenant's own accounts only: a number on the platform's account or on
  // another tenant's is, from here, simply not found.
  std::optional<twilio::IncomingNumber> found;
  std::string account;
  for (int i = 0; i < accounts.size() && !found; ++i) {
    account = std::string(accounts.get(i, 0));
    auto n = ctx.twilio->FindNumber(account, *e164);
    if (n.ok()) {
      found = *n;
    } else if (n.status().code() != Status::Code::kNotFound) {
      return TwilioFailure(n.status(), "number lookup");
    }
  }
  if (!found) {
    return http::Response::Error(404, "not_found",
                                 *e164 + " is not a number on your organisation's Twilio account");
  }
  // The tenant owns it at Twilio, but a link to another organisation is not undone here.
  if (auto owner = tx.exec(kOwner, {*e164}); !owner.empty() && owner.get(0, 0) != who->tenant_id) {
    return http::Response::Error(409, "conflict",
                                 *e164 + " is linked to another organisation; contact support");
  }
  const auto hooks = NumberWebhooks::At(ctx.public_url);
  Status pointed =
      ctx.twilio->PointWebhooks(account, found->sid, hooks.voice_url, hooks.status_callback);
  if (!pointed.ok()) return TwilioFailure(pointed, "number webhook update");
  auto row = tx.exec(kAttach, {who->tenant_id, *e164, found->sid, FriendlyName(*e164), account});
  if (row.empty()) throw db::Error("number linked to another tenant meanwhile", "23505");
  tx.commit();
  log::Info("number attached", {{"tenant", who->tenant_id}, {"number", *e164}});
  return http::Response::Json(201, "{\"number\":" + std::string(row.get(0, 0)) + "}");
}

// Asks Twilio where the number's calls go and compares with our webhooks. The recording callback
// is named in the TwiML our voice webhook answers, so it reaches us exactly when the voice URL
// does.
http::Response WebhookStatus(ApiContext& ctx, http::Request& req) {
  QueryParams q(req);
  if (auto bad = q.Finish()) return *bad;
  const std::string id = req.params["id"];
  if (!IsUuid(id)) return http::Response::Error(404, "not_found", "no such number");
  std::string e164, account, status;
  http::Response looked = AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
    auto row = tx.exec(kFindForWebhooks, {who.tenant_id, id});
    if (row.empty()) return http::Response::Error(404, "not_found", "no such number");
    e164 = row.get(0, 0);
    account = row.get(0, 1);
    status = row.get(0, 2);
    return http::Response::Json(200, "{}");
  });
  if (looked.status != 200) return looked;
  if (status != "active") {  // a page may ask once more just after the release
    return http::Response::Json(200, json::serialize(json::object{{"found", false},
                                                                  {"released", true},
                                                                  {"voice", false},
                                                                  {"status_callback", false},
                                                                  {"recording", false}}));
  }
  if (ctx.twilio == nullptr) return http::Response::Error(503, "unavailable", "no Twilio here");
  auto n = ctx.twilio->FindNumber(account, e164);  // Twilio is asked outside any transaction
  if (!n.ok()) {
    if (n.status().code() == Status::Code::kNotFound) {
      return http::Response::Json(200, json::serialize(json::object{{"found", false},
                                                                    {"voice", false},
                                                                    {"status_callback", false},
                                                                    {"recording", false}}));
    }
    return TwilioFailure(n.status(), "number lookup");
  }
  const auto hooks = NumberWebhooks::At(ctx.public_url);
  const bool voice = n->voice_url == hooks.voice_url;
  return http::Response::Json(
      200,
      json::serialize(json::object{{"found", true},
                                   {"voice", voice},
                                   {"status_callback", n->status_callback == hooks.status_callback},
                                   {"recording", voice},
                                   {"voice_url", n->voice_url},
                                   {"expected_voice_url", hooks.voice_url}}));
}

}  // namespace

void AddNumberRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/onboarding/numbers", [&ctx](http::Request& req) { return Search(ctx, req); });
  router.Post("/api/v1/onboarding/numbers",
              [&ctx](http::Request& req) { return Provision(ctx, req); });

  router.Get("/api/v1/numbers", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kList, {who.tenant_id});
      return http::Response::Json(200, "{\"numbers\":" + std::string(rows.get(0, 0)) + "}");
    });
  });
  router.Post("/api/v1/numbers", [&ctx](http::Request& req) { return Attach(ctx, req); });
  router.Get("/api/v1/numbers/{id}/webhooks",
             [&ctx](http::Request& req) { return WebhookStatus(ctx, req); });

  router.Add("DELETE", "/api/v1/numbers/{id}", [&ctx](http::Request& req) {
    http::Response refusal;
    auto who = CallerWithTenant(ctx, req, &refusal);
    if (!who.ok()) return refusal;
    const std::string id = req.params["id"];
    auto not_found = [] { return http::Response::Error(404, "not_found", "no such number"); };
    if (!IsUuid(id)) return not_found();
    auto conn = ctx.pool.acquire();
    db::Transaction tx(*conn);  // the server's own role: see the header
    if (!IsMember(tx, *who)) return NotAMember();
    auto row = tx.exec(kFindById, {who->tenant_id, id});  // locked until commit
    if (row.empty()) return not_found();
    http::Response done;
    done.status = 204;
    if (row.get(0, 0) == "released") return done;  // idempotent
    const std::string sid(row.get(0, 1));
    const bool attached = !row.get(0, 2).empty();  // the tenant's own: unlinked, not released
    if (!sid.empty() && !attached) {
      if (ctx.twilio == nullptr) return http::Response::Error(503, "unavailable", "no Twilio here");
      Status st = ctx.twilio->Release(sid);
      // Already gone at Twilio (e.g. an earlier attempt whose update was lost): release here too.
      if (!st.ok() && st.code() != Status::Code::kNotFound) {
        return TwilioFailure(st, "number release");
      }
    }
    tx.exec(kMarkReleased, {who->tenant_id, id});
    tx.commit();
    log::Info("number released", {{"tenant", who->tenant_id}, {"number_id", id}});
    return done;
  });
}

}  // namespace converza::api
