// The agents resource: the leaderboard (GET /api/v1/agents, every agent with KPIs for a date
// range from the kpi_daily rollup) and agent CRUD for managers. Writes carry the caller's
// tenant_id and RLS's with-check policies refuse any other; an id of another tenant matches no
// row and answers 404. Calls are forwarded to an agent's phone on the platform's Twilio account,
// so a phone outside the countries the tenant may dial, or in a premium-rate range, is a 400
// naming `phone` (api/dial_checks.h; the voice webhook checks again when dialling).
#include <boost/json.hpp>

#include "api/dial_checks.h"
#include "api/kpi_sql.h"
#include "api/params.h"
#include "api/routes.h"
#include "common/csv.h"
#include "db/sql_text.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// $1 tenant, $2 from, $3 to: the leaderboard's rows as `r`, shared by the JSON and the CSV. The
// ratios come from public.kpi_ratios (db/functions/public.kpi_ratios.sql), like the KPI
// endpoints'.
constexpr db::SqlText kLeaderboardHead = R"sql(
  with k as (
    select agent_id, )sql";
constexpr db::SqlText kLeaderboardMiddle = R"sql(
      from public.kpi_daily
     where tenant_id = $1::uuid and day between $2::date and $3::date
     group by agent_id),
  r as (
    select a.id, a.name, a.phone, a.email, a.active,
           coalesce(k.calls, 0) calls, coalesce(k.analyzed, 0) analyzed,
           coalesce(k.converted, 0) converted, coalesce(k.upsell_cents, 0) upsell_cents,
           ratios.conversion_rate, ratios.avg_sentiment, ratios.avg_ai_score,
           ratios.script_adherence
      from public.agents a
      left join k on k.agent_id = a.id
      )sql";
constexpr db::SqlText kLeaderboardTail = R"sql( ratios
     where a.tenant_id = $1::uuid)
)sql";

constexpr std::string_view kLeaderboard =
    db::kSql<kLeaderboardHead, kKpiSums, kLeaderboardMiddle, kKpiRatiosOfK, kLeaderboardTail,
             R"sql(
  select json_build_object('agents', coalesce(json_agg(json_build_object(
           'id', id, 'name', name, 'phone', phone, 'email', email, 'active', active,
           'kpis', json_build_object('calls', calls, 'analyzed', analyzed, 'converted', converted,
                                     'conversion_rate', conversion_rate,
                                     'upsell_cents', upsell_cents, 'avg_sentiment', avg_sentiment,
                                     'avg_ai_score', avg_ai_score,
                                     'script_adherence', script_adherence))
           order by upsell_cents desc, conversion_rate desc nulls last, name, id), '[]'))::text
    from r)sql">;

// The same rows as text, in the same order, for GET /api/v1/agents/export.csv.
constexpr std::string_view kLeaderboardCsvHeader =
    "agent_id,name,phone,email,active,calls,analyzed,converted,conversion_rate,upsell_cents,"
    "avg_sentiment,avg_ai_score,script_adherence\r\n";
constexpr std::string_view kLeaderboardRows =
    db::kSql<kLeaderboardHead, kKpiSums, kLeaderboardMiddle, kKpiRatiosOfK, kLeaderboardTail,
             R"sql(
  select id::text, name, phone, email, active::text, calls::text, analyzed::text,
         converted::text, conversion_rate::text, upsell_cents::text, avg_sentiment::text,
         avg_ai_score::text, script_adherence::text
    from r
   order by upsell_cents desc, conversion_rate desc nulls last, name, id)sql">;

// An agent as the API returns it, from a row of public.agents.
constexpr db::SqlText kAgentJson =
    "json_build_object('id', id, 'name', name, 'phone', phone, 'email', email, 'active', active,"
    " 'created_at', created_at)::text";

constexpr std::string_view kInsert = db::kSql<
    "insert into public.agents (tenant_id, name, phone, email) values ($1::uuid, $2, $3, $4)"
    " returning ",
    kAgentJson>;

// $5 = 't' when email is given (it may be null: clears it).
constexpr std::string_view kUpdate = db::kSql<
    "update public.agents set name = coalesce($3, name), phone = coalesce($4, phone),"
    "       email = case when $5::boolean then $6 else email end,"
    "       active = coalesce($7::boolean, active)"
    " where tenant_id = $1::uuid and id = $2::uuid returning ",
    kAgentJson>;

constexpr std::string_view kDelete =
    "delete from public.agents where tenant_id = $1::uuid and id = $2::uuid";

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

// The validated fields of a POST or PATCH body. For PATCH every field is optional.
struct AgentFields {
  db::Param name, phone, email, active;
  bool has_email = false;
};

std::optional<http::Response> ParseAgent(const std::string& body, bool create, AgentFields* out) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  for (const auto& [key, value] : v.as_object()) {
    if (key == "name") {
      if (!value.is_string() || value.as_string().empty() || value.as_string().size() > 200) {
        return BadBody("`name` must be a non-empty string of at most 200 characters");
      }
      out->name = std::string(value.as_string());
    } else if (key == "phone") {
      if (!value.is_string() || !IsE164(value.as_string())) {
        return BadBody("`phone` must be an E.164 number such as +14155550123");
      }
      out->phone = std::string(value.as_string());
    } else if (key == "email") {
      out->has_email = true;
      if (value.is_null()) continue;
      if (!value.is_string() || value.as_string().size() > 320 ||
          std::string_view(value.as_string()).find('@') == std::string_view::npos) {
        return BadBody("`email` must be an email address or null");
      }
      out->email = std::string(value.as_string());
    } else if (key == "active" && !create) {
      if (!value.is_bool()) return BadBody("`active` must be true or false");
      out->active = value.as_bool() ? "true" : "false";
    } else {
      return BadBody("unknown field `" + std::string(key) + "`");
    }
  }
  if (create && !out->name) return BadBody("`name` is required");
  if (create && !out->phone) return BadBody("`phone` is required");
  if (!create && !out->name && !out->phone && !out->has_email && !out->active) {
    return BadBody("nothing to change: give `name`, `phone`, `email` or `active`");
  }
  return std::nullopt;
}

http::Response NoAgent() { return http::Response::Error(404, "not_found", "no such agent"); }

// The 400 when the new phone of an agent of `tenant_id` may not be dialled.
std::optional<http::Response> RefusePhone(const ApiContext& ctx, db::Transaction& tx,
                                          const std::string& tenant_id, const db::Param& phone) {
  if (!phone) return std::nullopt;
  auto why = RefusedDestination(ctx, tx, tenant_id, *phone);
  if (!why) return std::nullopt;
  return BadBody("`phone` cannot be dialled: " + *why);
}

}  // namespace

void AddAgentRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/agents", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto range = q.Range(731);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kLeaderboard, {who.tenant_id, range->from, range->to});
      return http::Response::Json(200, std::string(rows.get(0, 0)));
    });
  });

  // The leaderboard as CSV: one row per agent (a tenant has tens, not millions, so it is built
  // whole). `?access_token=` is accepted for a browser download, which cannot send headers.
  router.Get("/api/v1/agents/export.csv", [&ctx](http::Request& req) {
    QueryParams q(req);
    q.Allow("access_token");
    auto range = q.Range(731);
    if (auto bad = q.Finish()) return *bad;
    AsUserOptions options;
    options.allow_query_token = true;
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          auto rows = tx.exec(kLeaderboardRows, {who.tenant_id, range->from, range->to});
          std::string body(kLeaderboardCsvHeader);
          std::vector<std::optional<std::string>> fields(rows.columns());
          for (int r = 0; r < rows.size(); ++r) {
            for (int c = 0; c < rows.columns(); ++c) {
              fields[c] =
                  rows.is_null(r, c) ? std::nullopt : std::optional(std::string(rows.get(r, c)));
            }
            AppendCsvRow(body, fields);
          }
          auto res = http::Response::Text(200, std::move(body), "text/csv; charset=utf-8");
          res.set_header("Content-Disposition", "attachment; filename=\"converza-leaderboard-" +
                                                    range->from + "-to-" + range->to + ".csv\"");
          res.set_header("Cache-Control", "no-store");
          return res;
        },
        options);
  });

  router.Post("/api/v1/agents", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          AgentFields f;
          if (auto bad = ParseAgent(req.body, true, &f)) return *bad;
          if (auto bad = RefusePhone(ctx, tx, who.tenant_id, f.phone)) return *bad;
          auto rows = tx.exec(kInsert, {who.tenant_id, f.name, f.phone, f.email});
          return http::Response::Json(201, std::string(rows.get(0, 0)));
        },
        kWriteRoute);
  });

  router.Add("PATCH", "/api/v1/agents/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id)) return NoAgent();
          AgentFields f;
          if (auto bad = ParseAgent(req.body, false, &f)) return *bad;
          if (auto bad = RefusePhone(ctx, tx, who.tenant_id, f.phone)) return *bad;
          auto rows = tx.exec(kUpdate, {who.tenant_id, id, f.name, f.phone,
                                        f.has_email ? "true" : "false", f.email, f.active});
          if (rows.empty()) return NoAgent();
          return http::Response::Json(200, std::string(rows.get(0, 0)));
        },
        kWriteRoute);
  });

  router.Add("DELETE", "/api/v1/agents/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id)) return NoAgent();
          if (tx.exec(kDelete, {who.tenant_id, id}).affected() == 0) return NoAgent();
          http::Response r;
          r.status = 204;
          return r;
        },
        kWriteRoute);
  });
}

}  // namespace converza::api
