#include "auth/api_keys.h"

#include <boost/json.hpp>

#include "auth/jwt.h"

namespace converza::auth {
namespace {

std::string Key(std::string_view role, std::string_view secret) {
  return SignHs256(
      R"({"iss":"converza","role":")" + std::string(role) + R"(","iat":0,"exp":4102444800})",
      secret);
}

}  // namespace

std::string AnonKey(std::string_view jwt_secret) { return Key("anon", jwt_secret); }
std::string ServiceRoleKey(std::string_view jwt_secret) { return Key("service_role", jwt_secret); }

bool IsValidApiKey(std::string_view key, std::string_view jwt_secret) {
  auto payload = VerifyHs256(key, jwt_secret);
  if (!payload.ok()) return false;
  boost::system::error_code ec;
  auto claims = boost::json::parse(*payload, ec);
  if (ec || !claims.is_object()) return false;
  auto* role = claims.as_object().if_contains("role");
  return role != nullptr && role->is_string() &&
         (role->as_string() == "anon" || role->as_string() == "service_role");
}

}  // namespace converza::auth
