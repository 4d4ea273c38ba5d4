// Managers' corrections of the AI (public.insight_overrides, migration
// 20261210100100_create_insight_overrides.sql): POST /api/v1/calls/{id}/overrides
// {"field": "converted" | "upsell_cents" | "sentiment" | "script.<item>", "value": ..., "reason":
// "..."} replaces one field of the call's insight; GET lists the call's override history, newest
// first. The database applies an override to the insight row itself (keeping the AI's value in
// insights.ai_values) and refreshes the day's KPIs in the same transaction, so every reader —
// the calls list, the call view, KPIs, the leaderboard, the exports — shows the manager's value.
// Viewers are refused (403 read_only, and RLS's with-check); another tenant's call is a 404; a bad
// field, value or a missing reason is a 400 that changes nothing.
#include <boost/json.hpp>

#include "api/params.h"
#include "api/routes.h"
#include "db/sql_text.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// The call, whether it has an insight, and its script's item keys (a JSON array).
constexpr std::string_view kCallInsight = R"sql(
  select i.call_id is not null,
         coalesce((select json_agg(k) from jsonb_object_keys(
                     case when jsonb_typeof(i.script) = 'object' then i.script end) k), '[]')::text
    from public.calls c
    left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
   where c.tenant_id = $1::uuid and c.id = $2::uuid)sql";

constexpr db::SqlText kOverrideJson =
    "json_build_object('id', o.id, 'field', o.field, 'value', o.value, 'ai_value', o.ai_value,"
    " 'reason', o.reason, 'author_email', o.author_email,"
    " 'mine', o.author_id = (select auth.uid()), 'created_at', o.created_at)";

constexpr std::string_view kList = db::kSql<R"sql(
  select coalesce(json_agg()sql",
                                            kOverrideJson, R"sql( order by o.seq desc), '[]')::text
    from public.insight_overrides o
   where o.tenant_id = $1::uuid and o.call_id = $2::uuid)sql">;

// Returns the stored override and the insight's overridable fields as they now are.
constexpr std::string_view kInsert = db::kSql<R"sql(
  with o as (
    insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
    values ($1::uuid, $2::uuid, $3, $4::jsonb, $5, $6)
    returning *)
  select )sql",
                                              kOverrideJson, R"sql(::text from o)sql">;

constexpr std::string_view kInsight = R"sql(
  select json_build_object('converted', i.converted, 'upsell_cents', i.upsell_cents,
           'sentiment', json_build_object('score', i.sentiment_score, 'label', i.sentiment_label),
           'script', i.script, 'script_met', i.script_met, 'script_total', i.script_total,
           'ai_values', i.ai_values, 'overrides', i.overrides)::text
    from public.insights i where i.tenant_id = $1::uuid and i.call_id = $2::uuid)sql";

constexpr std::size_t kMaxReason = 500;
constexpr long long kMaxUpsellCents = 100'000'000'000;  // $1bn, as the table's check

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

http::Response NoCall() { return http::Response::Error(404, "not_found", "no such call"); }

struct NewOverride {
  std::string field;
  std::string value;  // JSON text
  std::string reason;
};

// Checks the body's shape and each field's kind of value; whether a script item exists is
// checked against the call's insight afterwards.
std::optional<http::Response> ParseOverride(const std::string& text, NewOverride* out) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  const json::value* value = nullptr;
  for (const auto& [key, item] : v.as_object()) {
    if (key == "field") {
      if (!item.is_string()) return BadBody("`field` must be a string");
      out->field = std::string(item.as_string());
    } else if (key == "value") {
      value = &item;
    } else if (key == "reason") {
      if (!item.is_string()) return BadBody("`reason` must be a string");
      out->reason = std::string(Trim(item.as_string()));
      if (out->reason.size() > kMaxReason) {
        return BadBody("`reason` must be at most 500 characters");
      }
    } else {
      return BadBody("unknown field `" + std::string(key) + "`");
    }
  }
  const std::string& f = out->field;
  if (f.empty()) {
    return BadBody("`field` is required: converted, upsell_cents, sentiment or script.<item key>");
  }
  if (value == nullptr) return BadBody("`value` is required");
  if (out->reason.empty()) return BadBody("`reason` is required: say why the AI was wrong");
  if (f == "converted" || f.rfind("script.", 0) == 0) {
    if (f.size() == std::string_view("script.").size()) {
      return BadBody("`field` script.<item key> needs an item key");
    }
    if (!value->is_bool()) return BadBody("`value` of " + f + " must be true or false");
  } else if (f == "upsell_cents") {
    if (!value->is_int64() && !value->is_uint64()) {
      return BadBody("`value` of upsell_cents must be a whole number of cents");
    }
    const auto cents = value->to_number<double>();
    if (cents < 0 || cents > static_cast<double>(kMaxUpsellCents)) {
      return BadBody("`value` of upsell_cents must be from 0 to 100000000000 cents");
    }
  } else if (f == "sentiment") {
    if (!value->is_string() ||
        (value->as_string() != "positive" && value->as_string() != "neutral" &&
         value->as_string() != "negative")) {
      return BadBody("`value` of sentiment must be positive, neutral or negative");
    }
  } else {
    return BadBody("`field` must be converted, upsell_cents, sentiment or script.<item key>");
  }
  out->value = json::serialize(*value);
  return std::nullopt;
}

}  // namespace

void AddOverrideRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls/{id}/overrides", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      const std::string& call = req.params["id"];
      if (!IsUuid(call) || tx.exec(kCallInsight, {who.tenant_id, call}).empty()) return NoCall();
      auto rows = tx.exec(kList, {who.tenant_id, call});
      return http::Response::Json(200, "{\"overrides\":" + std::string(rows.get(0, 0)) + "}");
    });
  });
  router.Post("/api/v1/calls/{id}/overrides", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& call = req.params["id"];
          if (!IsUuid(call)) return NoCall();
          NewOverride o;
          if (auto bad = ParseOverride(req.body, &o)) return *bad;
          auto found = tx.exec(kCallInsight, {who.tenant_id, call});
          if (found.empty()) return NoCall();
          if (!found.get_bool(0, 0)) {
            return http::Response::Error(409, "not_analysed",
                                         "this call has no analysis yet, so nothing to override");
          }
          if (o.field.rfind("script.", 0) == 0) {
            const json::value keys = json::parse(found.get(0, 1));
            const std::string item = o.field.substr(std::string_view("script.").size());
            bool known = false;
            for (const auto& k : keys.as_array()) known = known || k.as_string() == item;
            if (!known) {
              return BadBody("`field` " + o.field + ": the call's script has no item `" + item +
                             "`");
            }
          }
          auto rows = tx.exec(kInsert, {who.tenant_id, call, o.field, o.value, o.reason,
                                        who.email.empty() ? "unknown" : who.email});
          auto insight = tx.exec(kInsight, {who.tenant_id, call});
          return http::Response::Json(201, "{\"override\":" + std::string(rows.get(0, 0)) +
                                               ",\"insight\":" + std::string(insight.get(0, 0)) +
                                               "}");
        },
        kWriteRoute);
  });
}

}  // namespace converza::api
