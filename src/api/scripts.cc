// The tenant's call script (the checklist the analyzer scores calls against), versioned and
// append-only: GET /api/v1/scripts (latest), GET /api/v1/scripts/versions, and
// PUT /api/v1/scripts, which adds a new version rather than editing history, so every insight
// can still be read against the checklist it was scored with.
#include <boost/json.hpp>
#include <set>

#include "api/params.h"
#include "api/routes.h"
#include "db/sql_text.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// A script version as the API returns it, from a row `s` of public.scripts.
constexpr db::SqlText kScriptJson =
    "json_build_object('version', s.version, 'items', coalesce((select json_agg("
    "json_build_object('key', e->>'key', 'label', e->>'label', 'description', e->>'description')"
    " order by n) from jsonb_array_elements(s.items) with ordinality as x(e, n)), '[]'),"
    " 'created_at', s.created_at)::text";

constexpr std::string_view kLatest =
    db::kSql<"select ", kScriptJson,
             " from public.scripts s where s.tenant_id = $1::uuid order by s.version desc limit 1">;

constexpr std::string_view kVersions =
    "select json_build_object('versions', coalesce(json_agg(json_build_object("
    "  'version', version, 'created_at', created_at, 'items_count', jsonb_array_length(items))"
    "  order by version desc), '[]'))::text"
    "  from public.scripts where tenant_id = $1::uuid";

// Two concurrent PUTs pick the same version; the primary key refuses the second (409).
constexpr std::string_view kInsert = db::kSql<
    "insert into public.scripts as s (tenant_id, version, items)"
    " select $1::uuid, coalesce(max(version), 0) + 1, $2::jsonb"
    "   from public.scripts where tenant_id = $1::uuid"
    " returning ",
    kScriptJson>;

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

bool IsSnakeCase(std::string_view s) {
  if (s.empty() || s.size() > 50 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The items array, normalised to [{key, label, description}], or the 400 naming the field.
std::variant<std::string, http::Response> ParseItems(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  for (const auto& [key, value] : v.as_object()) {
    if (key != "items") return BadBody("unknown field `" + std::string(key) + "`");
  }
  const json::value* items = v.as_object().if_contains("items");
  if (!items || !items->is_array() || items->as_array().empty() || items->as_array().size() > 50) {
    return BadBody("`items` must be an array of 1 to 50 checklist items");
  }
  json::array out;
  std::set<std::string, std::less<>> keys;
  for (std::size_t i = 0; i < items->as_array().size(); ++i) {
    const std::string at = "`items[" + std::to_string(i) + "]";
    const json::value& item = items->as_array()[i];
    if (!item.is_object()) return BadBody(at + "` must be an object");
    json::object norm;
    for (const auto& [k, value] : item.as_object()) {
      if (k == "key") {
        if (!value.is_string() || !IsSnakeCase(value.as_string())) {
          return BadBody(at + ".key` must be snake_case (a-z, 0-9, _; at most 50 characters)");
        }
        if (!keys.emplace(value.as_string()).second) {
          return BadBody(at + ".key` repeats the key `" + std::string(value.as_string()) + "`");
        }
      } else if (k == "label") {
        if (!value.is_string() || value.as_string().empty() || value.as_string().size() > 200) {
          return BadBody(at + ".label` must be a non-empty string of at most 200 characters");
        }
      } else if (k == "description") {
        if (!value.is_null() && (!value.is_string() || value.as_string().size() > 2000)) {
          return BadBody(at + ".description` must be a string of at most 2000 characters");
        }
      } else {
        return BadBody(at + "` has an unknown field `" + std::string(k) + "`");
      }
      norm[k] = value;
    }
    if (!norm.contains("key")) return BadBody(at + ".key` is required");
    if (!norm.contains("label")) return BadBody(at + ".label` is required");
    if (!norm.contains("description")) norm["description"] = "";
    out.push_back(std::move(norm));
  }
  return json::serialize(out);
}

}  // namespace

void AddScriptRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/scripts", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kLatest, {who.tenant_id});
      if (rows.empty()) return http::Response::Error(404, "not_found", "no call script yet");
      return http::Response::Json(200, std::string(rows.get(0, 0)));
    });
  });
  router.Get("/api/v1/scripts/versions", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kVersions, {who.tenant_id});
      return http::Response::Json(200, std::string(rows.get(0, 0)));
    });
  });
  router.Add("PUT", "/api/v1/scripts", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          auto items = ParseItems(req.body);
          if (auto* bad = std::get_if<http::Response>(&items)) return *bad;
          auto rows = tx.exec(kInsert, {who.tenant_id, std::get<std::string>(items)});
          return http::Response::Json(201, std::string(rows.get(0, 0)));
        },
        kWriteRoute);
  });
}

}  // namespace converza::api
