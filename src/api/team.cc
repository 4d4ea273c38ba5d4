// The organisation's team: who is in it, who is invited, and invitations.
//   GET    /api/v1/team                 members (with e-mails) and open invitations; any member
//   POST   /api/v1/invitations          {email, role: manager|viewer}: 201, and the invite e-mail
//   DELETE /api/v1/invitations/{id}     revoke an open invitation: 204
//   POST   /api/v1/invitations/accept   {token} from the e-mail's link: joins the organisation
// Invitations are written as the caller, so RLS decides (managers of the tenant only; viewers
// get 403 read_only first, see AsUserOptions::write). The link's secret is generated here and
// only its SHA-256 is stored; public.accept_invitation() checks it, and that the invitation is
// addressed to the accepting user's own e-mail.
#include <openssl/rand.h>

#include <boost/json.hpp>

#include "api/routes.h"
#include "common/base64.h"
#include "common/email.h"
#include "common/log.h"
#include "common/strings.h"

namespace converza::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kTeam = R"sql(
  select json_build_object(
    'members', coalesce((select json_agg(json_build_object('user_id', t.user_id, 'email', t.email,
                                                           'role', t.role, 'joined_at', t.created_at)
                                         order by t.created_at, t.email)
                           from public.team_members($1::uuid) t), '[]'),
    'invitations', coalesce((select json_agg(json_build_object('id', i.id, 'email', i.email,
                                                               'role', i.role,
                                                               'created_at', i.created_at,
                                                               'expires_at', i.expires_at)
                                             order by i.created_at desc)
                               from public.invitations i
                              where i.tenant_id = $1::uuid and i.accepted_at is null
                                and i.revoked_at is null and i.expires_at > now()), '[]'))::text)sql";

constexpr std::string_view kAlreadyMember =
    "select exists (select 1 from public.team_members($1::uuid) where lower(email) = $2)";

// An expired open invitation for the address would block a new one (one open per address).
constexpr std::string_view kRetireExpired =
    "update public.invitations set revoked_at = now() where tenant_id = $1::uuid and email = $2"
    " and accepted_at is null and revoked_at is null and expires_at <= now()";

constexpr std::string_view kInvite = R"sql(
  insert into public.invitations as i (tenant_id, email, role, token_hash)
  values ($1::uuid, $2, $3, encode(sha256(convert_to($4, 'UTF8')), 'hex'))
  returning json_build_object('id', i.id, 'email', i.email, 'role', i.role,
                              'created_at', i.created_at, 'expires_at', i.expires_at)::text,
            (select name from public.tenants where id = $1::uuid))sql";

constexpr std::string_view kRevoke =
    "update public.invitations set revoked_at = now() where tenant_id = $1::uuid and id = $2::uuid"
    " and accepted_at is null and revoked_at is null";

constexpr std::string_view kAccept = "select public.accept_invitation($1)::text";

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

// 32 random bytes, base64url: the secret of an accept link.
std::string NewInviteToken() {
  unsigned char buf[32];
  if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("no randomness");
  return Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(buf), sizeof buf));
}

std::optional<json::object> BodyObject(const std::string& body) {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.as_object());
}

std::string Field(const json::object& o, std::string_view name) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

void AddTeamRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/team", [&ctx](http::Request& req) {
    return AsUser(ctx, req, [](db::Transaction& tx, const auth::Principal& who) {
      return http::Response::Json(200, std::string(tx.exec(kTeam, {who.tenant_id}).get(0, 0)));
    });
  });

  router.Post("/api/v1/invitations", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          auto body = BodyObject(req.body);
          if (!body) return BadBody("the body must be a JSON object");
          for (const auto& [key, value] : *body) {
            if (key != "email" && key != "role")
              return BadBody("unknown field `" + std::string(key) + "`");
          }
          const std::string email = AsciiLower(Trim(Field(*body, "email")));
          const std::string role = Field(*body, "role");
          if (!PlausibleEmail(email)) return BadBody("`email` must be an e-mail address");
          if (role != "manager" && role != "viewer")
            return BadBody("`role` must be \"manager\" or \"viewer\"");
          if (tx.exec(kAlreadyMember, {who.tenant_id, email}).get_bool(0, 0))
            return http::Response::Error(409, "already_member",
                                         email + " is already a member of this organisation");
          tx.exec(kRetireExpired, {who.tenant_id, email});
          const std::string token = NewInviteToken();
          auto rows = tx.exec(kInvite, {who.tenant_id, email, role, token});
          const std::string invitation(rows.get(0, 0)), org(rows.get(0, 1));
          if (ctx.mailer != nullptr) {
            const std::string link = ctx.public_url + "/accept-invite?token=" + token;
            const std::string as = role == "viewer"
                                       ? "a viewer (you can see everything, change nothing)"
                                       : "a manager";
            mail::Message invite{.to = email,
                                 .subject = "You're invited to " + org + " on Converza",
                                 .text = who.email + " invited you to join " + org +
                                         " on Converza as " + as + ".\n\nAccept the invitation:\n" +
                                         link +
                                         "\n\nSign in or create your account with this address (" +
                                         email + "). The link works for 7 days.\n"};
            tx.AfterCommit([&ctx, m = std::move(invite)]() mutable {
              mail::SendInBackground(*ctx.mailer, std::move(m), "invitation");
            });
          }
          log::Info("invitation created", {{"tenant_id", who.tenant_id}, {"role", role}});
          return http::Response::Json(201, invitation);
        },
        kWriteRoute);
  });

  router.Add("DELETE", "/api/v1/invitations/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id) || tx.exec(kRevoke, {who.tenant_id, id}).affected() == 0)
            return http::Response::Error(404, "not_found", "no open invitation with this id");
          http::Response r;
          r.status = 204;
          return r;
        },
        kWriteRoute);
  });

  router.Post("/api/v1/invitations/accept", [&ctx](http::Request& req) {
    AsUserOptions options;
    options.require_tenant = false;
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal&) {
          auto body = BodyObject(req.body);
          const std::string token = body ? Field(*body, "token") : "";
          if (token.empty() || token.size() > 200) return BadBody("`token` is required");
          auto rows = tx.exec(kAccept, {token});
          if (rows.is_null(0, 0))
            return http::Response::Error(
                404, "invitation_not_found",
                "this invitation is not valid for your account: it may have expired, been "
                "revoked or used, or be addressed to another e-mail");
          return http::Response::Json(200,
                                      R"({"tenant_id":")" + std::string(rows.get(0, 0)) + "\"}");
        },
        options);
  });
}

}  // namespace converza::api
