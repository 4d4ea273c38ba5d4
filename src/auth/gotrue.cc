#include "auth/gotrue.h"

#include <openssl/rand.h>

#include <boost/json.hpp>
#include <variant>

#include "auth/api_keys.h"
#include "auth/gotrue_errors.h"
#include "auth/password.h"
#include "common/email.h"
#include "common/log.h"
#include "common/strings.h"

namespace converza::auth {
namespace {

namespace json = boost::json;

// bcrypt reads at most 72 bytes; GoTrue refuses longer passwords rather than truncate them.
constexpr std::size_t kMaxPasswordBytes = 72;

http::Response GatewayError(std::string_view message) {
  return http::Response::Json(401, R"({"message":")" + JsonEscape(message) + "\"}");
}

// The apikey check Supabase's gateway does before a request reaches GoTrue.
std::optional<http::Response> CheckApiKey(const http::Request& req, const std::string& secret) {
  std::string key(req.header("apikey"));
  if (key.empty()) key = req.query_param("apikey");
  if (key.empty()) return GatewayError("No API key found in request");
  if (!IsValidApiKey(key, secret)) return GatewayError("Invalid API key");
  return std::nullopt;
}

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The request body as a JSON object, or the 400 GoTrue sends for anything else.
std::variant<json::object, http::Response> ParseBody(const http::Request& req) {
  boost::system::error_code ec;
  auto v = json::parse(req.body.empty() ? std::string_view("{}") : req.body, ec);
  if (ec || !v.is_object())
    return GoTrueError(req, 400, "bad_json", "Could not parse request body as JSON");
  return std::move(v.as_object());
}

std::string StringField(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

// GoTrue's checks of a new password (sign-up, PUT /user): the 400/422 to answer, if any.
std::optional<http::Response> CheckNewPassword(const http::Request& req,
                                               const std::string& password, int min_length) {
  if (password.size() > kMaxPasswordBytes)
    return GoTrueError(req, 400, "validation_failed",
                       "Password cannot be longer than 72 characters");
  if (Utf8Length(password) < static_cast<std::size_t>(min_length)) {
    return WeakPasswordError(
        req, "Password should be at least " + std::to_string(min_length) + " characters.",
        {"length"});
  }
  return std::nullopt;
}

// A 6-digit one-time code, as GoTrue's crypto.GenerateOtp (MAILER_OTP_LENGTH 6).
std::string NewOtp() {
  std::string out;
  while (out.size() < 6) {
    unsigned char buf[16];
    if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("no randomness");
    for (unsigned char b : buf) {
      if (b < 250 && out.size() < 6) out += static_cast<char>('0' + b % 10);  // unbiased
    }
  }
  return out;
}

http::Response TooMany(const http::Request& req, std::string_view code, const std::string& msg,
                       int retry_after_s) {
  http::Response r = GoTrueError(req, 429, code, msg);
  r.set_header("Retry-After", std::to_string(retry_after_s));
  return r;
}

http::Response SessionResponse(const http::Request& req, IssuedSession session) {
  http::Response r = GoTrueJson(req, 200, std::move(session.json));
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

AuthService::AuthService(db::Pool& pool, const TokenVerifier& verifier,
                         const mail::SmtpClient& mailer, AuthOptions options,
                         SessionCheck* session_check)
    : verifier_(verifier),
      options_(std::move(options)),
      anon_key_(AnonKey(verifier.secret())),
      sessions_(pool, TokenSettings{verifier.secret(), options_.public_url + "/auth/v1",
                                    options_.token_ttl}),
      throttle_(options_.login_failures_per_email, options_.login_failures_per_ip),
      session_check_(session_check),
      mailer_(mailer),
      recover_per_email_(1, 1),
      recover_per_ip_(options_.recover_per_ip_per_hour / 60.0, options_.recover_per_ip_per_hour) {}

// Where the dashboard signs in: a configured Supabase project's Auth, else our own /auth/v1.
http::Response AuthService::Config(const http::Request&) const {
  const bool external = !options_.supabase_url.empty();
  return http::Response::Json(
      200, R"({"supabase_url":")" +
               JsonEscape(external ? options_.supabase_url : options_.public_url) +
               R"(","anon_key":")" + JsonEscape(external ? options_.supabase_anon_key : anon_key_) +
               "\"}");
}

http::Response AuthService::SignUp(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  auto body = ParseBody(req);
  if (auto* err = std::get_if<http::Response>(&body)) return *err;
  const auto& params = std::get<json::object>(body);
  const std::string email = AsciiLower(Trim(StringField(params, "email")));
  const std::string password = StringField(params, "password");
  std::string user_metadata = "{}";
  if (auto* data = params.if_contains("data"); data != nullptr && !data->is_null()) {
    if (!data->is_object())
      return GoTrueError(req, 400, "validation_failed", "data must be a JSON object");
    user_metadata = json::serialize(*data);
  }
  if (!StringField(params, "phone").empty())
    return GoTrueError(req, 422, "phone_provider_disabled", "Phone signups are disabled");
  if (email.empty())
    return GoTrueError(req, 400, "validation_failed", "To signup, please provide your email");
  if (password.empty())
    return GoTrueError(req, 400, "validation_failed", "Signup requires a valid password");
  if (!PlausibleEmail(email))
    return GoTrueError(req, 400, "validation_failed",
                       "Unable to validate email address: invalid format");
  if (auto weak = CheckNewPassword(req, password, options_.password_min_length)) return *weak;
  auto hash = HashPassword(password);
  if (!hash.ok()) throw std::runtime_error(hash.status().message());
  auto user_id = sessions_.CreateUser(email, *hash, user_metadata);
  if (!user_id) return GoTrueError(req, 422, "user_already_exists", "User already registered");
  log::Info("user signed up", {{"user_id", *user_id}});
  return SessionResponse(
      req, sessions_.StartSession(*user_id, req.remote_ip, std::string(req.header("user-agent"))));
}

http::Response AuthService::Token(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  const std::string grant = req.query_param("grant_type");
  if (grant == "password") return PasswordGrant(req);
  if (grant == "refresh_token") return RefreshGrant(req);
  return GoTrueError(req, 400, "invalid_credentials", "unsupported_grant_type");
}

http::Response AuthService::PasswordGrant(const http::Request& req) {
  auto body = ParseBody(req);
  if (auto* err = std::get_if<http::Response>(&body)) return *err;
  const auto& params = std::get<json::object>(body);
  const std::string email = AsciiLower(Trim(StringField(params, "email")));
  const std::string password = StringField(params, "password");
  if (email.empty()) return GoTrueError(req, 400, "validation_failed", "missing email or phone");

  const auto attempt = throttle_.Begin(email, req.remote_ip);
  if (attempt.retry_after_s > 0) {
    http::Response r =
        GoTrueError(req, 429, "over_request_rate_limit", "Request rate limit reached");
    r.set_header("Retry-After", std::to_string(attempt.retry_after_s));
    return r;
  }
  auto candidate = sessions_.FindByEmail(email);
  bool ok = false;
  if (candidate) {
    ok = VerifyPassword(password, candidate->password_hash);
  } else {
    BurnVerificationTime(password);  // "no such user" takes as long as "wrong password"
  }
  if (!ok) return GoTrueError(req, 400, "invalid_credentials", "Invalid login credentials");
  throttle_.Succeeded(attempt);
  if (candidate->banned) return GoTrueError(req, 400, "user_banned", "User is banned");
  if (!candidate->confirmed)
    return GoTrueError(req, 400, "email_not_confirmed", "Email not confirmed");
  return SessionResponse(req, sessions_.StartSession(candidate->user_id, req.remote_ip,
                                                     std::string(req.header("user-agent"))));
}

http::Response AuthService::RefreshGrant(const http::Request& req) {
  auto body = ParseBody(req);
  if (auto* err = std::get_if<http::Response>(&body)) return *err;
  const std::string token = StringField(std::get<json::object>(body), "refresh_token");
  if (token.empty()) return GoTrueError(req, 400, "validation_failed", "refresh_token required");
  auto result = sessions_.Refresh(token);
  if (auto* failure = std::get_if<RefreshFailure>(&result)) {
    if (failure->code == "refresh_token_already_used") {
      log::Warn("refresh token reused; session revoked", {{"ip", req.remote_ip}});
      if (session_check_) session_check_->Clear();
    }
    return GoTrueError(req, 400, failure->code, failure->message);
  }
  return SessionResponse(req, std::get<IssuedSession>(std::move(result)));
}

namespace {

// The signed-in caller of /user and /logout, or GoTrue's error for why there is none.
struct Caller {
  std::string user_id;
  std::string session_id;
};

std::variant<Caller, http::Response> Authenticate(const http::Request& req,
                                                  const TokenVerifier& verifier,
                                                  SessionStore& sessions) {
  std::string token(BearerToken(req.header("authorization")));
  if (token.empty())
    return GoTrueError(req, 401, "no_authorization", "This endpoint requires a valid Bearer token");
  auto who = verifier.Verify(token);
  if (!who.ok())
    return GoTrueError(
        req, 403, "bad_jwt",
        "invalid JWT: unable to parse or verify signature, " + who.status().message());
  if (who->role != "authenticated" || !IsUuid(who->user_id))
    return GoTrueError(req, 403, "bad_jwt", "invalid claim: missing sub claim");
  if (!who->session_id.empty() &&
      (!IsUuid(who->session_id) || !sessions.SessionExists(who->session_id))) {
    return GoTrueError(req, 403, "session_not_found",
                       "Session from session_id claim in JWT does not exist");
  }
  return Caller{who->user_id, who->session_id};
}

}  // namespace

http::Response AuthService::User(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  auto caller = Authenticate(req, verifier_, sessions_);
  if (auto* err = std::get_if<http::Response>(&caller)) return *err;
  auto user = sessions_.UserJson(std::get<Caller>(caller).user_id);
  if (!user)
    return GoTrueError(req, 403, "user_not_found", "User from sub claim in JWT does not exist");
  return GoTrueJson(req, 200, std::move(*user));
}

// PUT /user: a new password (and/or user_metadata as `data`) for the signed-in user. A new
// password ends the user's other sessions, as GoTrue does: whoever knew the old one is out.
http::Response AuthService::UpdateUser(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  auto caller = Authenticate(req, verifier_, sessions_);
  if (auto* err = std::get_if<http::Response>(&caller)) return *err;
  const auto& who = std::get<Caller>(caller);
  auto body = ParseBody(req);
  if (auto* err = std::get_if<http::Response>(&body)) return *err;
  const auto& params = std::get<json::object>(body);
  if (!StringField(params, "email").empty() || !StringField(params, "phone").empty())
    return GoTrueError(req, 422, "validation_failed",
                       "Changing the email or phone is not supported here");
  if (auto* data = params.if_contains("data"); data != nullptr && !data->is_null()) {
    if (!data->is_object())
      return GoTrueError(req, 400, "validation_failed", "data must be a JSON object");
  }
  if (auto* pw = params.if_contains("password"); pw != nullptr && !pw->is_null()) {
    const std::string password = pw->is_string() ? std::string(pw->as_string()) : "";
    if (password.empty())
      return GoTrueError(req, 422, "validation_failed", "Password update requires a password");
    if (auto weak = CheckNewPassword(req, password, options_.password_min_length)) return *weak;
    auto old = sessions_.PasswordHash(who.user_id);
    if (!old)
      return GoTrueError(req, 403, "user_not_found", "User from sub claim in JWT does not exist");
    if (!old->empty() && VerifyPassword(password, *old))
      return GoTrueError(req, 422, "same_password",
                         "New password should be different from the old password.");
    auto hash = HashPassword(password);
    if (!hash.ok()) throw std::runtime_error(hash.status().message());
    sessions_.SetPassword(who.user_id, *hash);
    sessions_.EndSessions(who.user_id, who.session_id,
                          who.session_id.empty() ? "global" : "others");
    if (session_check_) session_check_->Clear();
    log::Info("password changed", {{"user_id", who.user_id}});
  }
  if (auto* data = params.if_contains("data"); data != nullptr && data->is_object())
    sessions_.MergeUserMetadata(who.user_id, json::serialize(*data));
  auto user = sessions_.UserJson(who.user_id);
  if (!user)
    return GoTrueError(req, 403, "user_not_found", "User from sub claim in JWT does not exist");
  return GoTrueJson(req, 200, std::move(*user));
}

http::Response AuthService::Logout(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  std::string scope = req.query_param("scope");
  if (scope.empty()) scope = "global";
  if (scope != "global" && scope != "local" && scope != "others")
    return GoTrueError(req, 400, "validation_failed", "Unsupported logout scope \"" + scope + "\"");
  auto caller = Authenticate(req, verifier_, sessions_);
  if (auto* err = std::get_if<http::Response>(&caller)) return *err;
  const auto& who = std::get<Caller>(caller);
  if (who.session_id.empty() && scope != "global") {
    return GoTrueError(req, 400, "validation_failed",
                       "scope " + scope + " needs a token with a session_id claim");
  }
  sessions_.EndSessions(who.user_id, who.session_id, scope);
  if (session_check_) session_check_->Clear();
  http::Response r = http::Response::Text(204, "");
  if (UsesApi20240101(req)) r.set_header("X-Supabase-Api-Version", "2024-01-01");
  return r;
}

// POST /recover: GoTrue's answer is 200 {} whether or not the address has an account, so the
// endpoint cannot be used to find out who is a customer. The e-mail goes out on a thread of its
// own (mail::SendInBackground), so the timing does not tell either. Limits, checked before the
// account is looked up: one request a minute per address (GoTrue's SMTP_MAX_FREQUENCY) and
// RECOVER_PER_IP_PER_HOUR per client.
http::Response AuthService::Recover(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  auto body = ParseBody(req);
  if (auto* err = std::get_if<http::Response>(&body)) return *err;
  const std::string email = AsciiLower(Trim(StringField(std::get<json::object>(body), "email")));
  if (email.empty())
    return GoTrueError(req, 400, "validation_failed", "Password recovery requires an email");
  if (!PlausibleEmail(email))
    return GoTrueError(req, 400, "validation_failed",
                       "Unable to validate email address: invalid format");
  if (auto v = recover_per_ip_.Take(req.remote_ip); !v.allowed)
    return TooMany(req, "over_request_rate_limit", "Request rate limit reached", v.retry_after_s);
  if (auto v = recover_per_email_.Take(email); !v.allowed) {
    return TooMany(req, "over_email_send_rate_limit",
                   "For security purposes, you can only request this after " +
                       std::to_string(v.retry_after_s) + " seconds.",
                   v.retry_after_s);
  }
  const std::string otp = NewOtp();
  if (auto stored = sessions_.StoreRecovery(email, otp)) {
    // The link opens the dashboard's reset page, which verifies the token hash with
    // supabase-js (verifyOtp) and then sets the password (updateUser). A redirect_to is
    // honoured only on our own site (GoTrue's URI allow list does the same).
    std::string base = options_.public_url + "/reset-password";
    const std::string redirect = req.query_param("redirect_to");
    if (redirect.rfind(options_.public_url + "/", 0) == 0 &&
        redirect.find_first_of("#\r\n") == std::string::npos)
      base = redirect;
    const std::string link = base + (base.find('?') == std::string::npos ? "?" : "&") +
                             "token_hash=" + stored->token_hash + "&type=recovery";
    const long minutes = static_cast<long>(options_.recovery_ttl.count() / 60);
    mail::SendInBackground(
        mailer_,
        {.to = stored->email,
         .subject = "Reset your Converza password",
         .text = "Someone asked to reset the password of the Converza account for " +
                 stored->email + ".\n\nChoose a new password here:\n" + link +
                 "\n\nOr enter this code: " + otp + "\n\nThe link and the code work once, for " +
                 std::to_string(minutes) +
                 " minutes. If you did not ask for this, ignore this e-mail: your password "
                 "stays as it is.\n"},
        "recovery");
  }
  return GoTrueJson(req, 200, "{}");
}

// POST /verify {type:"recovery"} with the link's token_hash, or the e-mail and the 6-digit
// code. Failures count against the login throttle of the address (or the client), so codes
// cannot be guessed faster than passwords.
http::Response AuthService::Verify(const http::Request& req) {
  if (auto denied = CheckApiKey(req, verifier_.secret())) return *denied;
  auto body = ParseBody(req);
  if (auto* err = std::get_if<http::Response>(&body)) return *err;
  const auto& params = std::get<json::object>(body);
  const std::string type = StringField(params, "type");
  std::string token_hash = StringField(params, "token_hash");
  const std::string email = AsciiLower(Trim(StringField(params, "email")));
  const std::string token = StringField(params, "token");
  if (type != "recovery")
    return GoTrueError(req, 400, "validation_failed", "Verify requires a verification type");
  if (token_hash.empty() && (email.empty() || token.empty()))
    return GoTrueError(req, 400, "validation_failed",
                       "Verify requires either a token or a token hash");
  const auto attempt = throttle_.Begin(email.empty() ? "token_hash" : email, req.remote_ip);
  if (attempt.retry_after_s > 0)
    return TooMany(req, "over_request_rate_limit", "Request rate limit reached",
                   attempt.retry_after_s);
  if (token_hash.empty()) token_hash = sessions_.RecoveryTokenHash(email, token);
  std::optional<std::string> user_id;
  if (token_hash.size() == 56)
    user_id = sessions_.ConsumeRecovery(token_hash, options_.recovery_ttl);
  if (!user_id) return GoTrueError(req, 403, "otp_expired", "Token has expired or is invalid");
  throttle_.Succeeded(attempt);
  log::Info("password recovery verified", {{"user_id", *user_id}});
  return SessionResponse(
      req, sessions_.StartSession(*user_id, req.remote_ip, std::string(req.header("user-agent"))));
}

void AddAuthRoutes(http::Router& router, AuthService& auth) {
  router.Post("/auth/v1/signup", [&auth](http::Request& req) { return auth.SignUp(req); });
  router.Post("/auth/v1/token", [&auth](http::Request& req) { return auth.Token(req); });
  router.Get("/auth/v1/user", [&auth](http::Request& req) { return auth.User(req); });
  router.Post("/auth/v1/logout", [&auth](http::Request& req) { return auth.Logout(req); });
  router.Add("PUT", "/auth/v1/user", [&auth](http::Request& req) { return auth.UpdateUser(req); });
  router.Post("/auth/v1/recover", [&auth](http::Request& req) { return auth.Recover(req); });
  router.Post("/auth/v1/verify", [&auth](http::Request& req) { return auth.Verify(req); });
  router.Get("/auth/v1/.well-known/jwks.json", [](http::Request&) {
    // Tokens issued here are HS256 (a shared secret is never published), so there is no
    // public key to list; supabase-js then verifies through GET /user.
    http::Response r = http::Response::Json(200, R"({"keys":[]})");
    r.set_header("Cache-Control", "public, max-age=600");
    return r;
  });
  router.Get("/api/v1/config", [&auth](http::Request& req) { return auth.Config(req); });
}

}  // namespace converza::auth
