// JWTs as Supabase Auth (GoTrue) issues them and PostgREST checks them: HS256 with the
// project's secret (api_contracts.md §7.3, §7.5). Verification is strict: exactly three
// base64url parts, header alg must be HS256 (so "none" and algorithm confusion are refused),
// constant-time signature check, `exp` required and checked, `nbf`/`iat` not in the future, and
// the audience when one is required — each with 30 s of clock skew allowed, as PostgREST does.
// ES256/RS256 from a JWKS (real Supabase projects with asymmetric keys) are not supported yet.
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

// The token's payload (JSON text) when valid; PermissionDenied with the reason otherwise.
Result<std::string> VerifyHs256(std::string_view token, std::string_view secret,
                                const VerifyOptions& options = {});

// A compact HS256 JWT for the payload (JSON text), header {"alg":"HS256","typ":"JWT"}.
std::string SignHs256(std::string_view payload_json, std::string_view secret);

}  // namespace converza::auth
