#include "auth/token_verifier.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/jwks_cache.h"
#include "auth/jwt.h"
#include "common/base64.h"

namespace converza::auth {
namespace {

namespace json = boost::json;

std::string StringClaim(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool AudienceMatches(const json::object& claims, std::string_view audience) {
  auto* aud = claims.if_contains("aud");
  if (aud == nullptr) return false;
  if (aud->is_string()) return aud->as_string() == audience;
  if (aud->is_array()) {
    for (const auto& a : aud->as_array()) {
      if (a.is_string() && a.as_string() == audience) return true;
    }
  }
  return false;
}

}  // namespace

TokenVerifier::TokenVerifier(std::string hs256_secret, std::string audience,
                             std::shared_ptr<const JwksCache> jwks)
    : secret_(std::move(hs256_secret)), audience_(std::move(audience)), jwks_(std::move(jwks)) {}

Result<Principal> TokenVerifier::Verify(std::string_view token) const {
  auto decoded = DecodeJwt(token);
  if (!decoded.ok()) return decoded.status();
  Result<std::string> payload = Status::PermissionDenied("");
  if (decoded->alg == "HS256") {
    payload = VerifyHs256(token, secret_);
  } else if (decoded->alg == "ES256" || decoded->alg == "RS256") {
    if (jwks_ == nullptr)
      return Status::PermissionDenied("JWT algorithm " + decoded->alg +
                                      " needs a JWKS (SUPABASE_JWKS_URL or JWT_JWKS)");
    payload = jwks_->Verify(token);
  } else {
    return Status::PermissionDenied("unsupported JWT algorithm \"" + decoded->alg + "\"");
  }
  if (!payload.ok()) return payload.status();
  boost::system::error_code ec;
  auto parsed = json::parse(*payload, ec);
  if (ec || !parsed.is_object()) return Status::PermissionDenied("JWT payload is not an object");
  const auto& claims = parsed.as_object();

  Principal p;
  p.role = StringClaim(claims, "role");
  p.user_id = StringClaim(claims, "sub");
  if (p.role.empty()) return Status::PermissionDenied("JWT has no role claim");
  // User tokens must be for this audience; API keys (anon, service_role) carry no `aud`.
  if (p.role == "authenticated") {
    if (p.user_id.empty()) return Status::PermissionDenied("JWT has no sub claim");
    if (!AudienceMatches(claims, audience_))
      return Status::PermissionDenied("JWT audience mismatch");
  } else if (p.role != "anon" && p.role != "service_role") {
    return Status::PermissionDenied("JWT role is not one this server grants");
  }
  p.email = StringClaim(claims, "email");
  p.session_id = StringClaim(claims, "session_id");
  if (auto* exp = claims.if_contains("exp"); exp != nullptr && exp->is_number()) {
    p.expires_at = static_cast<long long>(exp->to_number<double>());
  }
  if (auto* meta = claims.if_contains("app_metadata"); meta != nullptr && meta->is_object()) {
    p.tenant_id = StringClaim(meta->as_object(), "tenant_id");
    p.admin = StringClaim(meta->as_object(), "role") == "admin";
  }
  p.claims_json = std::move(*payload);
  return p;
}

std::string_view BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return {};
  }
  authorization.remove_prefix(kScheme.size());
  while (!authorization.empty() && authorization.front() == ' ') authorization.remove_prefix(1);
  return authorization;
}

Result<std::string> LoadOrCreateJwtSecret(const std::string& configured,
                                          const std::string& data_dir) {
  if (!configured.empty()) return configured;
  const std::filesystem::path path = std::filesystem::path(data_dir) / "jwt-secret";
  if (std::ifstream in(path); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    std::string secret = ss.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.size() < 32)
      return Status::Internal(path.string() + " holds a secret shorter than 32 characters");
    return secret;
  }
  std::error_code fs_ec;
  std::filesystem::create_directories(data_dir, fs_ec);
  unsigned char bytes[48];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    return Status::Internal("no randomness for the JWT secret");
  std::string secret =
      Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
  // Written to a private temporary file, then link()ed into place: link fails when another
  // process won the race, and a reader never sees a half-written secret.
  const std::string tmp = path.string() + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + tmp);
  std::string line = secret + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  const bool linked = ok && ::link(tmp.c_str(), path.c_str()) == 0;
  const int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!ok) return Status::Internal("cannot write " + tmp);
  if (!linked) {
    if (link_errno == EEXIST) return LoadOrCreateJwtSecret(configured, data_dir);
    return Status::Internal("cannot create " + path.string());
  }
  return secret;
}

}  // namespace converza::auth
