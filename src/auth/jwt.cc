#include "auth/jwt.h"

#include <boost/json.hpp>

#include "common/base64.h"
#include "common/hmac.h"
#include "common/strings.h"

namespace converza::auth {
namespace {

namespace json = boost::json;

Status Denied(std::string why) { return Status::PermissionDenied(std::move(why)); }

// A numeric claim as seconds since the epoch, if present and a number.
std::optional<double> NumericClaim(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

}  // namespace

std::string SignHs256(std::string_view payload_json, std::string_view secret) {
  std::string signing_input =
      Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." + Base64UrlEncode(payload_json);
  return signing_input + "." + Base64UrlEncode(HmacSha256(secret, signing_input));
}

Result<DecodedJwt> DecodeJwt(std::string_view token) {
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return Denied("malformed JWT: expected 3 parts");
  }
  auto header = Base64UrlDecode(token.substr(0, dot1));
  auto payload = Base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = Base64UrlDecode(token.substr(dot2 + 1));
  if (!header.ok() || !payload.ok() || !signature.ok())
    return Denied("malformed JWT: bad base64url");

  boost::system::error_code ec;
  auto h = json::parse(*header, ec);
  if (ec || !h.is_object()) return Denied("malformed JWT: header is not JSON");
  DecodedJwt out;
  if (auto* alg = h.as_object().if_contains("alg"); alg != nullptr && alg->is_string())
    out.alg = std::string(alg->as_string());
  if (auto* kid = h.as_object().if_contains("kid"); kid != nullptr && kid->is_string())
    out.kid = std::string(kid->as_string());
  out.payload = std::move(*payload);
  out.signature = std::move(*signature);
  out.signing_input = token.substr(0, dot2);
  return out;
}

Status CheckClaims(std::string_view payload_json, const VerifyOptions& options) {
  boost::system::error_code ec;
  auto p = json::parse(payload_json, ec);
  if (ec || !p.is_object()) return Denied("malformed JWT: payload is not JSON");
  const auto& claims = p.as_object();
  const double now = std::chrono::duration<double>(options.now.time_since_epoch()).count();
  const double leeway = static_cast<double>(options.leeway.count());
  auto exp = NumericClaim(claims, "exp");
  if (!exp) return Denied("JWT has no exp");
  if (now > *exp + leeway) return Denied("JWT expired");
  if (auto nbf = NumericClaim(claims, "nbf"); nbf && now + leeway < *nbf) {
    return Denied("JWT not valid yet");
  }
  if (auto iat = NumericClaim(claims, "iat"); iat && now + leeway < *iat) {
    return Denied("JWT issued in the future");
  }
  if (!options.audience.empty()) {
    bool ok = false;
    if (auto* aud = claims.if_contains("aud")) {
      if (aud->is_string()) ok = aud->as_string() == options.audience;
      if (aud->is_array()) {
        for (const auto& a : aud->as_array())
          ok |= a.is_string() && a.as_string() == options.audience;
      }
    }
    if (!ok) return Denied("JWT audience is not " + std::string(options.audience));
  }
  return Status::Ok();
}

Result<std::string> VerifyHs256(std::string_view token, std::string_view secret,
                                const VerifyOptions& options) {
  auto jwt = DecodeJwt(token);
  if (!jwt.ok()) return jwt.status();
  if (jwt->alg != "HS256") return Denied("unsupported JWT algorithm (only HS256 is accepted)");
  std::string expected = HmacSha256(secret, jwt->signing_input);
  if (!ConstantTimeEquals(jwt->signature, expected)) {
    return Denied("invalid JWT signature");
  }
  if (Status st = CheckClaims(jwt->payload, options); !st.ok()) return st;
  return std::move(jwt->payload);
}

}  // namespace converza::auth
