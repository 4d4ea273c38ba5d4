// Jwks: the public keys of a Supabase project that signs access tokens asymmetrically (ES256
// on P-256, or RS256), as published at `<project>/auth/v1/.well-known/jwks.json`. Verifying a
// token picks the key by the header's `kid`; the key's type must fit the token's algorithm (an
// EC key never verifies an RS256 token, a JWK's own `alg` must match), so algorithm confusion
// and `alg: none` are refused. Claims are then checked exactly as for HS256 (jwt.h).
// Immutable after Parse; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/jwt.h"
#include "common/status.h"

namespace converza::auth {

class Jwks {
 public:
  Jwks();
  ~Jwks();
  Jwks(Jwks&&) noexcept;
  Jwks& operator=(Jwks&&) noexcept;

  // Keys of type EC (P-256) and RSA (>= 2048 bits) are kept; others (e.g. `oct`, or keys meant
  // for encryption) are skipped. InvalidArgument when the text is not a JWKS or a supported
  // key is malformed.
  static Result<Jwks> Parse(std::string_view json);

  // The payload (JSON text) of an ES256 or RS256 token signed by one of these keys, after the
  // claim checks of `options`; PermissionDenied with the reason otherwise.
  Result<std::string> Verify(std::string_view token, const VerifyOptions& options = {}) const;

  [[nodiscard]] std::size_t size() const;
  // Whether a key would be tried for a token with this header `kid` and `alg` (the same choice
  // Verify makes: by kid, or the only key of that algorithm when the token names none).
  [[nodiscard]] bool HasKeyFor(std::string_view kid, std::string_view alg) const;

 private:
  struct Key;
  [[nodiscard]] const Key* Find(std::string_view kid, std::string_view alg) const;
  std::vector<std::unique_ptr<Key>> keys_;
};

// Loads a JWKS from an http(s) URL (fetched once, 10 s timeout) or a file path.
Result<Jwks> LoadJwks(const std::string& url_or_path);

}  // namespace converza::auth
