#include "auth/gotrue_errors.h"

#include <string>

#include "common/strings.h"

namespace converza::auth {
namespace {

constexpr std::string_view kVersionHeader = "X-Supabase-Api-Version";

http::Response Build(const http::Request& req, int status, std::string_view code,
                     std::string_view message, std::string_view extra) {
  const bool versioned = UsesApi20240101(req);
  std::string body;
  if (versioned) {
    body = R"({"code":")" + JsonEscape(code) + R"(","message":")" + JsonEscape(message) + "\"";
  } else {
    body = R"({"code":)" + std::to_string(status) + R"(,"error_code":")" + JsonEscape(code) +
           R"(","msg":")" + JsonEscape(message) + "\"";
  }
  body += extra;
  body += "}";
  http::Response r = http::Response::Json(status, std::move(body));
  if (versioned) {
    r.set_header(std::string(kVersionHeader), "2024-01-01");
  } else {
    r.set_header("x-sb-error-code", std::string(code));
  }
  return r;
}

}  // namespace

bool UsesApi20240101(const http::Request& req) {
  std::string_view v = req.header("x-supabase-api-version");
  return IsDate(v) && v >= "2024-01-01";  // ISO dates compare as strings
}

http::Response GoTrueError(const http::Request& req, int status, std::string_view code,
                           std::string_view message) {
  return Build(req, status, code, message, "");
}

http::Response WeakPasswordError(const http::Request& req, std::string_view message,
                                 const std::vector<std::string_view>& reasons) {
  std::string extra = R"(,"weak_password":{"reasons":[)";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    extra += (i ? ",\"" : "\"") + JsonEscape(reasons[i]) + "\"";
  }
  extra += "]}";
  return Build(req, 422, "weak_password", message, extra);
}

http::Response GoTrueJson(const http::Request& req, int status, std::string body) {
  http::Response r = http::Response::Json(status, std::move(body));
  if (UsesApi20240101(req)) r.set_header(std::string(kVersionHeader), "2024-01-01");
  return r;
}

}  // namespace converza::auth
