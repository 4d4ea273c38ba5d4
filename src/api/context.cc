#include "api/context.h"

#include "common/log.h"
#include "db/connection.h"

namespace converza::api {

http::Response Unauthorized(std::string_view message) {
  http::Response r = http::Response::Error(401, "unauthorized", message);
  r.set_header("WWW-Authenticate", R"(Bearer realm="converza", error="invalid_token")");
  return r;
}

Result<auth::Principal> Authenticate(const ApiContext& ctx, const http::Request& req,
                                     bool allow_query_token) {
  std::string token(auth::BearerToken(req.header("authorization")));
  if (token.empty() && allow_query_token) token = req.query_param("access_token");
  if (token.empty()) return Status::PermissionDenied("sign in first: no bearer token");
  auto who = ctx.verifier.Verify(token);
  if (!who.ok()) return who.status();
  if (who->role != "authenticated") {
    return Status::PermissionDenied("this endpoint needs a signed-in user's token, not an API key");
  }
  if (ctx.sessions != nullptr && !who->session_id.empty() &&
      !ctx.sessions->Alive(who->session_id)) {
    return Status::PermissionDenied("this session has ended (signed out); sign in again");
  }
  return who;
}

// Run as the caller: RLS shows them their own membership.
constexpr std::string_view kIsViewer =
    "select exists (select 1 from public.members where tenant_id = $1::uuid"
    " and user_id = $2::uuid and role = 'viewer')";

http::Response AsUser(const ApiContext& ctx, const http::Request& req, const UserBody& body,
                      const AsUserOptions& options) {
  auto who = Authenticate(ctx, req, options.allow_query_token);
  if (!who.ok()) return Unauthorized(who.status().message());
  if (options.require_admin && !who->admin) {
    return http::Response::Error(403, "forbidden", "this endpoint is for Converza admins");
  }
  if (options.require_tenant && !options.require_admin && who->tenant_id.empty()) {
    return http::Response::Error(
        403, "no_tenant", "create your organisation first (POST /api/v1/onboarding/organization)");
  }
  auto conn = ctx.pool.acquire();
  db::Transaction tx(*conn);
  db::SetUserContext(tx, who->role, who->claims_json, kUserStatementTimeout);
  try {
    if (options.write && !who->tenant_id.empty() &&
        tx.exec(kIsViewer, {who->tenant_id, who->user_id}).get_bool(0, 0)) {
      return http::Response::Error(403, "read_only",
                                   "viewers can see everything but change nothing; ask a manager "
                                   "of your organisation");
    }
    http::Response res = body(tx, *who);
    if (res.status < 400) tx.commit();
    return res;
  } catch (const db::Error& e) {
    const std::string& state = e.sqlstate();
    if (state == "42501") {
      return http::Response::Error(403, "forbidden", "not allowed for this account");
    }
    if (state == "23505") return http::Response::Error(409, "conflict", "that already exists");
    if (state == "57014") {
      log::Warn("request statement timed out", {{"path", req.path}});
      http::Response r = http::Response::Error(
          503, "timeout", "the request took too long; try a shorter period or fewer filters");
      r.set_header("Retry-After", "5");
      return r;
    }
    if (state == "23503" || state == "23514" || state.rfind("22", 0) == 0) {
      log::Info("request rejected by a database constraint", {{"sqlstate", state}});
      return http::Response::Error(400, "invalid_request",
                                   "a value is out of range or refers to nothing");
    }
    throw;
  }
}

std::optional<http::Response> DatabaseErrorResponse(const http::Request& req,
                                                    const std::exception& e) {
  const auto* db_error = dynamic_cast<const db::Error*>(&e);
  if (db_error == nullptr) return std::nullopt;
  if (db_error->connection_lost()) {
    log::Warn("database unavailable", {{"path", req.path}, {"error", e.what()}});
    auto r = http::Response::Error(503, "unavailable", "the database is unavailable; retry later");
    r.set_header("Retry-After", "1");
    return r;
  }
  log::Error("database error",
             {{"path", req.path}, {"sqlstate", db_error->sqlstate()}, {"error", e.what()}});
  return http::Response::Error(500, "internal", "internal error");
}

}  // namespace converza::api
