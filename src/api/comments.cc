// Comments at moments of a call (public.call_comments): GET /api/v1/calls/{id}/comments lists
// them in recording order, POST adds one as the caller ({"at_ms": 61000, "body": "..."}), DELETE
// /api/v1/calls/{id}/comments/{comment_id} removes the caller's own. RLS decides everything a
// caller may see or touch: another tenant's call is a 404, someone else's comment cannot be
// deleted (404, as if it did not exist).
#include <boost/json.hpp>

#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kCallVisible = R"sql(
  select duration_s from public.calls where tenant_id = $1::uuid and id = $2::uuid)sql";

constexpr std::string_view kList = R"sql(
  select coalesce(json_agg(json_build_object(
           'id', id, 'at_ms', at_ms, 'body', body, 'author_email', author_email,
           'mine', author_id = (select auth.uid()), 'created_at', created_at)
           order by at_ms, created_at), '[]')::text
    from public.call_comments
   where tenant_id = $1::uuid and call_id = $2::uuid)sql";

constexpr std::string_view kInsert = R"sql(
  insert into public.call_comments (tenant_id, call_id, author_email, at_ms, body)
  values ($1::uuid, $2::uuid, $3, $4::int, $5)
  returning json_build_object('id', id, 'at_ms', at_ms, 'body', body,
                              'author_email', author_email, 'mine', true,
                              'created_at', created_at)::text)sql";

constexpr std::string_view kDelete = R"sql(
  delete from public.call_comments
   where tenant_id = $1::uuid and call_id = $2::uuid and id = $3::uuid)sql";

constexpr std::size_t kMaxBody = 2000;

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

http::Response NoCall() { return http::Response::Error(404, "not_found", "no such call"); }

// The call's length in milliseconds when the caller may see it (0 when unknown), else nullopt.
std::optional<long long> VisibleCallMs(db::Transaction& tx, const std::string& tenant,
                                       const std::string& call) {
  auto rows = tx.exec(kCallVisible, {tenant, call});
  if (rows.empty()) return std::nullopt;
  return rows.is_null(0, 0) ? 0 : rows.get_int(0, 0) * 1000;
}

struct NewComment {
  long long at_ms = -1;
  std::string body;
};

std::optional<http::Response> ParseComment(const std::string& text, NewComment* out) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  for (const auto& [key, value] : v.as_object()) {
    if (key == "at_ms") {
      if (!value.is_int64() || value.as_int64() < 0 || value.as_int64() > 24LL * 3600 * 1000) {
        return BadBody("`at_ms` must be a whole number of milliseconds into the recording");
      }
      out->at_ms = value.as_int64();
    } else if (key == "body") {
      if (!value.is_string()) return BadBody("`body` must be a string");
      out->body = Trim(value.as_string());
      if (out->body.empty() || out->body.size() > kMaxBody) {
        return BadBody("`body` must be between 1 and 2000 characters");
      }
    } else {
      return BadBody("unknown field `" + std::string(key) + "`");
    }
  }
  if (out->at_ms < 0) return BadBody("`at_ms` is required");
  if (out->body.empty()) return BadBody("`body` is required");
  return std::nullopt;
}

}  // namespace

void AddCommentRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/calls/{id}/comments", [&ctx](http::Request& req) {
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      const std::string& call = req.params["id"];
      if (!IsUuid(call) || !VisibleCallMs(tx, who.tenant_id, call)) return NoCall();
      auto rows = tx.exec(kList, {who.tenant_id, call});
      return http::Response::Json(200, "{\"comments\":" + std::string(rows.get(0, 0)) + "}");
    });
  });
  router.Post("/api/v1/calls/{id}/comments", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& call = req.params["id"];
          if (!IsUuid(call)) return NoCall();
          NewComment c;
          if (auto bad = ParseComment(req.body, &c)) return *bad;
          auto length_ms = VisibleCallMs(tx, who.tenant_id, call);
          if (!length_ms) return NoCall();
          if (*length_ms > 0 && c.at_ms > *length_ms) {
            return BadBody("`at_ms` is past the end of the call (" + std::to_string(*length_ms) +
                           " ms)");
          }
          auto rows =
              tx.exec(kInsert, {who.tenant_id, call, who.email.empty() ? "unknown" : who.email,
                                std::to_string(c.at_ms), c.body});
          return http::Response::Json(201, std::string(rows.get(0, 0)));
        },
        kWriteRoute);
  });
  router.Add("DELETE", "/api/v1/calls/{id}/comments/{comment_id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& call = req.params["id"];
          const std::string& comment = req.params["comment_id"];
          if (!IsUuid(call) || !IsUuid(comment) ||
              tx.exec(kDelete, {who.tenant_id, call, comment}).affected() == 0) {
            return http::Response::Error(404, "not_found", "no such comment of yours");
          }
          http::Response r;
          r.status = 204;
          return r;
        },
        kWriteRoute);
  });
}

}  // namespace converza::api
