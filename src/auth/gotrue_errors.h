// Error responses exactly as Supabase Auth (GoTrue) sends them, because @supabase/supabase-js
// decides what an error *is* from their shape
// (docs/architecture.md#supabase-auth-endpoints-and-errors):
//  - a request carrying `X-Supabase-Api-Version: 2024-01-01` (or any later date; supabase-js
//    always sends it) gets {"code":"invalid_credentials","message":"..."} and the header echoed;
//    auth-js reads `error.code` from the body only when that header comes back;
//  - any other request gets the original shape {"code":400,"error_code":"...","msg":"..."} plus
//    an `x-sb-error-code` header.
// Weak passwords add "weak_password":{"reasons":[...]} in both shapes. Pure; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "http/message.h"

namespace converza::auth {

// True when the request asks for the 2024-01-01 API (a YYYY-MM-DD date on or after it).
bool UsesApi20240101(const http::Request& req);

http::Response GoTrueError(const http::Request& req, int status, std::string_view code,
                           std::string_view message);
http::Response WeakPasswordError(const http::Request& req, std::string_view message,
                                 const std::vector<std::string_view>& reasons);

// A successful JSON response; echoes the API version header like GoTrue's error path so that
// a client sees one consistent version.
http::Response GoTrueJson(const http::Request& req, int status, std::string body);

}  // namespace converza::auth
