// SessionStore: the rows behind Supabase-style sign-in, in the tables GoTrue uses
// (auth.users, auth.sessions, auth.refresh_tokens; db/migrations/..._create_auth_shim.sql).
//
// A session is one sign-in; its access tokens are short-lived HS256 JWTs carrying GoTrue's
// claims (docs/architecture.md#supabase-jwt-claims-and-api-keys) built from the user row *at
// issue time*, so a refresh picks up app_metadata written since (e.g. the tenant_id of a freshly
// created organisation). Refresh tokens rotate: each refresh revokes the presented token and issues
// a child (`parent` links them). Presenting a revoked token again means it leaked or was replayed,
// so the whole session is deleted (its refresh tokens cascade) and its access tokens stop passing
// GET /user. Refresh tokens are stored as SHA-256 hex digests, never in the clear (GoTrue stores
// them raw; nothing but this class reads the column, so a database dump cannot resume sessions).
//
// Thread-safe: each call takes its own pooled connection. Database failures are db::Error
// exceptions (they end the request: 503/500 in http::Server).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>

#include "common/status.h"
#include "db/pool.h"

namespace converza::auth {

struct TokenSettings {
  std::string secret;              // HS256 signing key
  std::string issuer;              // `iss`, e.g. http://127.0.0.1:8080/auth/v1
  std::chrono::seconds ttl{3600};  // access token lifetime (GoTrue's JWT_EXP)
};

// What a sign-in or refresh hands back: the body of GoTrue's AccessTokenResponse.
struct IssuedSession {
  std::string json;  // {"access_token","token_type":"bearer","expires_in","expires_at",
                     //  "refresh_token","user":{...}}
};

// A user found by email for a password check.
struct LoginCandidate {
  std::string user_id;
  std::string password_hash;  // "" when the user has none
  bool confirmed = false;
  bool banned = false;
};

// Why a refresh failed, as GoTrue's error codes.
struct RefreshFailure {
  std::string code;  // refresh_token_not_found | refresh_token_already_used | session_expired |
                     // session_not_found | user_banned
  std::string message;
};

// A stored recovery token: the address as stored and the hash the e-mail's link carries.
struct StoredRecovery {
  std::string email;
  std::string token_hash;
};

class SessionStore {
 public:
  SessionStore(db::Pool& pool, TokenSettings settings);

  // Creates a confirmed email user (autoconfirm) with `user_metadata_json`; nullopt when the
  // email is taken (case-insensitively).
  std::optional<std::string> CreateUser(const std::string& email, const std::string& hash,
                                        const std::string& user_metadata_json);
  std::optional<LoginCandidate> FindByEmail(const std::string& email);

  // A new session for `user_id` (records last_sign_in_at, client IP and user agent).
  IssuedSession StartSession(const std::string& user_id, const std::string& ip,
                             const std::string& user_agent);
  // Rotates `refresh_token`; see the class comment for reuse.
  std::variant<IssuedSession, RefreshFailure> Refresh(const std::string& refresh_token);

  // Password recovery, stored as GoTrue stores it: auth.users.recovery_token holds
  // hex(sha224(email || otp)) — the "token hash" a recovery link carries — and recovery_sent_at
  // when it was issued. nullopt when `email` belongs to no user (nothing written).
  std::optional<StoredRecovery> StoreRecovery(const std::string& email, const std::string& otp);
  // The user whose unexpired (`max_age`) recovery token hash is `token_hash`; the token is
  // cleared (one use) and the e-mail counts as confirmed. nullopt: no such token.
  std::optional<std::string> ConsumeRecovery(const std::string& token_hash,
                                             std::chrono::seconds max_age);
  // The token hash of (email, otp), as GoTrue computes it.
  std::string RecoveryTokenHash(const std::string& email, const std::string& otp);
  // Current bcrypt hash of a user's password ("" when none), nullopt for no such user.
  std::optional<std::string> PasswordHash(const std::string& user_id);
  void SetPassword(const std::string& user_id, const std::string& hash);
  // Merges the keys of `json_object` into raw_user_meta_data (GoTrue's `data` on PUT /user).
  void MergeUserMetadata(const std::string& user_id, const std::string& json_object);

  // GoTrue's user object (JSON) for `user_id`, nullopt when there is no such user.
  std::optional<std::string> UserJson(const std::string& user_id);
  bool SessionExists(const std::string& session_id);
  // scope: "global" (all of the user's sessions), "local" (this one), "others".
  void EndSessions(const std::string& user_id, const std::string& session_id,
                   const std::string& scope);

 private:
  IssuedSession Issue(db::Transaction& tx, const std::string& session_id,
                      const std::string& refresh_token);

  db::Pool& pool_;
  const TokenSettings settings_;
};

// 24 random characters from [A-Za-z0-9] (GoTrue uses 12; ~143 bits cost nothing more).
std::string NewRefreshToken();

}  // namespace converza::auth
