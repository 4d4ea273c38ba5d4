// The GoTrue-compatible endpoints (/auth/v1/...) that @supabase/supabase-js v2 uses for email
// and password sign-in, so the dashboard talks to `converza serve` exactly as it would talk to
// a Supabase project (docs/architecture.md#supabase-auth-endpoints-and-errors):
//   POST /auth/v1/signup                           autoconfirm: answers with a session
//   POST /auth/v1/token?grant_type=password        sign in (throttled per account and IP)
//   POST /auth/v1/token?grant_type=refresh_token   rotate (reuse revokes the session)
//   GET  /auth/v1/user                             the signed-in user
//   POST /auth/v1/logout?scope=global|local|others 204
//   POST /auth/v1/recover                          {email}: always 200 {} (no account enumeration);
//                                                  a recovery e-mail when the account exists
//   POST /auth/v1/verify                           {type:"recovery", token_hash | email+token}:
//                                                  a session (the token works once, for an hour)
//   PUT  /auth/v1/user                             {password, data}: change the signed-in user
//   GET  /auth/v1/.well-known/jwks.json            {"keys":[]}: our tokens are HS256
//   GET  /api/v1/config                            {"supabase_url","anon_key"} for the dashboard
// Like Supabase's gateway, every /auth/v1 route but the JWKS needs an `apikey` (header or query
// parameter): the anon or service_role key (api_keys.h); without one the answer is 401
// {"message":"No API key found in request"}. Success and error bodies follow GoTrue's shapes
// (gotrue_errors.h). Thread-safe: handlers may run concurrently.
#pragma once

#include <chrono>
#include <string>

#include "auth/login_throttle.h"
#include "auth/session_check.h"
#include "auth/sessions.h"
#include "auth/token_verifier.h"
#include "db/pool.h"
#include "http/rate_limit.h"
#include "http/router.h"
#include "mail/smtp_client.h"

namespace converza::auth {

struct AuthOptions {
  std::string public_url;                // what clients use as SUPABASE_URL
  std::chrono::seconds token_ttl{3600};  // JWT_EXP
  int password_min_length = 8;           // PASSWORD_MIN_LENGTH
  int login_failures_per_email = 5;      // LOGIN_FAILURES_PER_EMAIL (per minute)
  int login_failures_per_ip = 20;        // LOGIN_FAILURES_PER_IP (per minute)
  // A Supabase project the dashboard signs in with instead (SUPABASE_URL, SUPABASE_ANON_KEY).
  std::string supabase_url, supabase_anon_key;
  int recover_per_ip_per_hour = 30;  // RECOVER_PER_IP_PER_HOUR
  std::chrono::seconds recovery_ttl{3600};
};

class AuthService {
 public:
  // `verifier` must outlive the service; its HS256 secret signs the tokens issued here.
  // `mailer` (the server's one SMTP client, shared with the API's e-mails) must outlive it too.
  // `session_check` (optional) is told when this service ends sessions.
  AuthService(db::Pool& pool, const TokenVerifier& verifier, const mail::SmtpClient& mailer,
              AuthOptions options, SessionCheck* session_check = nullptr);

  http::Response SignUp(const http::Request& req);
  http::Response Token(const http::Request& req);
  http::Response User(const http::Request& req);
  http::Response Logout(const http::Request& req);
  http::Response Recover(const http::Request& req);
  http::Response Verify(const http::Request& req);
  http::Response UpdateUser(const http::Request& req);
  http::Response Config(const http::Request& req) const;

 private:
  http::Response PasswordGrant(const http::Request& req);
  http::Response RefreshGrant(const http::Request& req);

  const TokenVerifier& verifier_;
  const AuthOptions options_;
  const std::string anon_key_;
  SessionStore sessions_;
  LoginThrottle throttle_;
  SessionCheck* session_check_;
  const mail::SmtpClient& mailer_;
  http::KeyedRateLimiter recover_per_email_;  // GoTrue: one recovery e-mail a minute per address
  http::KeyedRateLimiter recover_per_ip_;
};

void AddAuthRoutes(http::Router& router, AuthService& auth);

}  // namespace converza::auth
