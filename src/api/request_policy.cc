#include "api/request_policy.h"

#include "api/shared_rate_limits.h"
#include "common/strings.h"

namespace converza::api {
namespace {

constexpr const char* kAllowHeaders =
    "authorization, apikey, content-type, x-client-info, x-supabase-api-version, range, "
    "x-request-id";
constexpr const char* kExposeHeaders =
    "X-Supabase-Api-Version, x-sb-error-code, Retry-After, Content-Range, Accept-Ranges, "
    "Content-Length, X-Request-Id";

bool Limited(std::string_view path) {
  return path.rfind("/api/", 0) == 0 || path.rfind("/auth/", 0) == 0;
}

bool Contains(const std::vector<std::string>& list, std::string_view ip) {
  for (const auto& p : list) {
    if (p == ip) return true;
  }
  return false;
}

http::Response TooMany(int retry_after_s, std::string_view what) {
  http::Response r = http::Response::Error(
      429, "rate_limited", "too many requests " + std::string(what) + "; retry later");
  r.set_header("Retry-After", std::to_string(retry_after_s));
  return r;
}

}  // namespace

RequestPolicy::RequestPolicy(const auth::TokenVerifier& verifier, RequestPolicyOptions options)
    : verifier_(verifier),
      options_(std::move(options)),
      per_ip_(options_.ip_per_minute, options_.ip_per_minute),
      per_tenant_(options_.tenant_per_minute, options_.tenant_per_minute) {}

void RequestPolicy::Install(http::Router& router) {
  router.AddBefore([this](http::Request& req) { return Before(req); });
  router.AddAfter([this](const http::Request& req, http::Response& res) { After(req, res); });
}

void RequestPolicy::ResolveClient(http::Request& req) const {
  if (!Contains(options_.trusted_proxies, req.remote_ip)) return;
  std::string_view xff = req.header("x-forwarded-for");
  while (!xff.empty()) {  // right to left: the entries our proxies appended come last
    auto comma = xff.rfind(',');
    std::string_view hop = Trim(comma == std::string_view::npos ? xff : xff.substr(comma + 1));
    xff = comma == std::string_view::npos ? std::string_view() : xff.substr(0, comma);
    if (hop.empty()) continue;
    req.remote_ip = std::string(hop);
    if (!Contains(options_.trusted_proxies, hop)) return;
  }
}

std::optional<http::Response> RequestPolicy::Before(http::Request& req) {
  ResolveClient(req);
  const bool cors = !options_.cors_origin.empty() && req.header("origin") == options_.cors_origin;
  if (req.method == "OPTIONS") {
    // A preflight is free (browsers send one per distinct request shape). From any other
    // origin it gets a plain 204 without CORS headers, which the browser treats as a refusal.
    http::Response r = http::Response::Text(204, "");
    if (cors && !req.header("access-control-request-method").empty()) {
      r.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      r.set_header("Access-Control-Allow-Headers", kAllowHeaders);
      r.set_header("Access-Control-Max-Age", "600");
    }
    return r;
  }
  if (!Limited(req.path)) return std::nullopt;
  if (auto v = Take(per_ip_, "ip", req.remote_ip, options_.ip_per_minute); !v.allowed)
    return TooMany(v.retry_after_s, "from this address");
  // A NUL would be cut off by libpq (text) or refused by jsonb deep inside a handler: refuse it
  // here, once, for every body and query string.
  if (JsonHasNulEscape(req.body) || req.query.find("%00") != std::string::npos ||
      req.body.find('\0') != std::string::npos) {
    return http::Response::Error(400, "invalid_request",
                                 "text must not contain NUL (\\u0000) characters");
  }
  if (per_tenant_.enabled()) {
    std::string_view token = auth::BearerToken(req.header("authorization"));
    if (!token.empty()) {
      auto who = verifier_.Verify(token);
      if (who.ok() && !who->tenant_id.empty()) {
        if (auto v = Take(per_tenant_, "tenant", who->tenant_id, options_.tenant_per_minute);
            !v.allowed)
          return TooMany(v.retry_after_s, "for this organisation");
      }
    }
  }
  return std::nullopt;
}

http::KeyedRateLimiter::Verdict RequestPolicy::Take(http::KeyedRateLimiter& local,
                                                    std::string_view scope, std::string_view key,
                                                    int per_minute) {
  auto v = local.Take(key);
  if (!v.allowed || options_.shared == nullptr) return v;
  v = options_.shared->Take(scope, key, per_minute);
  if (!v.allowed) local.Give(key);  // refused by the shared budget: not this server's to count
  return v;
}

void RequestPolicy::After(const http::Request& req, http::Response& res) const {
  if (options_.cors_origin.empty() || req.header("origin") != options_.cors_origin) return;
  res.set_header("Access-Control-Allow-Origin", options_.cors_origin);
  res.set_header("Access-Control-Expose-Headers", kExposeHeaders);
  res.set_header("Vary", "Origin");
}

}  // namespace converza::api
