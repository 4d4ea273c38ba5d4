// TokenVerifier: turns a bearer token into a Principal. HS256 with the project's JWT secret
// (tokens this server issues, and legacy Supabase projects) and, when a JWKS is configured
// (SUPABASE_JWKS_URL / JWT_JWKS), ES256/RS256 tokens of Supabase projects with asymmetric
// signing keys, following their rotation; see jwt.h, jwks.h and jwks_cache.h for the checks
// applied. The header's `alg` only picks
// which of the configured verifiers runs; each accepts exactly its own algorithm.
// Thread-safe after construction.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "auth/principal.h"
#include "common/status.h"

namespace converza::auth {

class JwksCache;

class TokenVerifier {
 public:
  explicit TokenVerifier(std::string hs256_secret, std::string audience = "authenticated",
                         std::shared_ptr<const JwksCache> jwks = nullptr);

  // PermissionDenied with the reason when the token is malformed, forged, expired or for
  // another audience, or lacks a `sub`/`role`.
  [[nodiscard]] Result<Principal> Verify(std::string_view token) const;

  [[nodiscard]] const std::string& secret() const { return secret_; }

 private:
  std::string secret_;
  std::string audience_;
  std::shared_ptr<const JwksCache> jwks_;  // null: only HS256
};

// The token of an `Authorization: Bearer <token>` header value ("" for other schemes).
std::string_view BearerToken(std::string_view authorization);

// The server's JWT secret: JWT_SECRET when configured, else the one stored in
// `<data_dir>/jwt-secret` (created with 48 random bytes, mode 0600, on first use) so that tokens
// survive restarts of a local install. Errors when the file cannot be read or created.
Result<std::string> LoadOrCreateJwtSecret(const std::string& configured,
                                          const std::string& data_dir);

}  // namespace converza::auth
