// The project's API keys in Supabase's legacy JWT form: the `anon` key the dashboard ships to
// browsers (it only says "this is a client of this project", RLS still decides everything) and
// the `service_role` key for trusted tooling. They are HS256 JWTs
//   {"iss":"converza","role":"anon"|"service_role","iat":0,"exp":4102444800}
// signed with the server's JWT secret. `iat` is fixed and `exp` is 2100-01-01 so the keys are
// a pure function of the secret: `converza keys`, every `converza serve` replica and the
// dashboard agree without storing anything, and rotating JWT_SECRET rotates the keys.
// (`exp` is present because every JWT this server accepts must carry one.) Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace converza::auth {

std::string AnonKey(std::string_view jwt_secret);
std::string ServiceRoleKey(std::string_view jwt_secret);

// True for an HS256 API key (role anon or service_role) signed with `jwt_secret`: ours, or a
// Supabase project's legacy keys when JWT_SECRET is that project's secret.
bool IsValidApiKey(std::string_view key, std::string_view jwt_secret);

}  // namespace converza::auth
