// JWTs as Supabase Auth (GoTrue) issues them and PostgREST checks them: HS256 with the
// project's secret (docs/architecture.md#supabase-jwt-claims-and-api-keys and
// #postgrest-role-and-claims). Verification is strict: exactly three
// base64url parts, header alg must be HS256 (so "none" and algorithm confusion are refused),
// constant-time signature check, `exp` required and checked, `nbf`/`iat` not in the future, and
// the audience when one is required — each with 30 s of clock skew allowed, as PostgREST does.
// ES256/RS256 tokens (Supabase projects with asymmetric signing keys) are checked against a
// JWKS by auth::Jwks (jwks.h), which shares DecodeJwt and CheckClaims with this file.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/status.h"

namespace converza::auth {

struct VerifyOptions {
  std::string_view audience;  // required `aud` (string or array member); empty: not checked
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  std::chrono::seconds leeway{30};
};

// A compact JWT split and decoded, before any signature check.
struct DecodedJwt {
  std::string alg;                 // header `alg`, "" when absent
  std::string kid;                 // header `kid`, "" when absent
  std::string payload;             // JSON text
  std::string signature;           // raw bytes
  std::string_view signing_input;  // "header.payload" as received (points into the token)
};
// PermissionDenied unless the token has three base64url parts and a JSON object header.
Result<DecodedJwt> DecodeJwt(std::string_view token);

// The registered-claim checks every algorithm shares: `exp` required and not passed, `nbf` and
// `iat` not in the future, `aud` when options ask for one (all with options.leeway).
Status CheckClaims(std::string_view payload_json, const VerifyOptions& options);

// The token's payload (JSON text) when valid; PermissionDenied with the reason otherwise.
Result<std::string> VerifyHs256(std::string_view token, std::string_view secret,
                                const VerifyOptions& options = {});

// A compact HS256 JWT for the payload (JSON text), header {"alg":"HS256","typ":"JWT"}.
std::string SignHs256(std::string_view payload_json, std::string_view secret);

}  // namespace converza::auth
