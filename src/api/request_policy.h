// RequestPolicy: what every request to the API passes before its handler — CORS for the one
// configured dashboard origin, and rate limits per client IP and per tenant — installed as
// router middleware (http::Router::AddBefore/AddAfter).
//
// - CORS (CORS_ORIGIN): only requests whose Origin equals the configured origin get
//   Access-Control-Allow-* headers (credentials are not needed: tokens travel in headers);
//   preflights (OPTIONS with Access-Control-Request-Method) from it are answered 204. Any
//   other origin gets no CORS headers at all, so browsers refuse it. Unset: same-origin only.
//   Exposed headers include X-Supabase-Api-Version, which supabase-js must read to understand
//   error codes.
// - Rate limits on /api/* and /auth/*: a token bucket per client IP (RATE_LIMIT_IP_PER_MIN,
//   burst of the same size) and, for requests bearing a valid user token with a tenant, per
//   tenant (RATE_LIMIT_TENANT_PER_MIN), so one noisy organisation cannot starve the others.
//   Refusals are 429 {"error":{"code":"rate_limited",...}} with Retry-After. 0 disables a limit.
//   With `shared` (every server's counts in PostgreSQL, api::SharedRateLimits) the budgets are
//   one per client across all servers; the local buckets stay as each server's own bound.
// - Client address: when the peer is one of TRUSTED_PROXIES (a load balancer), the client is
//   the right-most X-Forwarded-For entry that is not itself a trusted proxy, and req.remote_ip
//   is rewritten to it before anything else runs (rate limits, login throttling, sessions'
//   recorded IP). From any other peer X-Forwarded-For is ignored: it is trivially forged.
// Webhooks, health checks and static files are not limited here (Twilio retries; the load
// balancer probes). Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "auth/token_verifier.h"
#include "http/rate_limit.h"
#include "http/router.h"

namespace converza::api {
class SharedRateLimits;
}

namespace converza::api {

struct RequestPolicyOptions {
  std::string cors_origin;       // e.g. http://localhost:3000; "" = no cross-origin access
  int ip_per_minute = 600;       // RATE_LIMIT_IP_PER_MIN
  int tenant_per_minute = 1200;  // RATE_LIMIT_TENANT_PER_MIN
  std::vector<std::string> trusted_proxies;  // TRUSTED_PROXIES: peer IPs allowed to say who
                                             // the client is (X-Forwarded-For)
  SharedRateLimits* shared = nullptr;        // outlives the policy; null = per-process limits
};

class RequestPolicy {
 public:
  // `verifier` must outlive the policy (it identifies the tenant of a request).
  RequestPolicy(const auth::TokenVerifier& verifier, RequestPolicyOptions options);

  // Adds the hooks; `this` must outlive the router's use.
  void Install(http::Router& router);

  std::optional<http::Response> Before(http::Request& req);
  void After(const http::Request& req, http::Response& res) const;
  // Rewrites req.remote_ip from X-Forwarded-For when the peer is a trusted proxy.
  void ResolveClient(http::Request& req) const;

 private:
  // The local bucket, then the budget shared with the other servers.
  http::KeyedRateLimiter::Verdict Take(http::KeyedRateLimiter& local, std::string_view scope,
                                       std::string_view key, int per_minute);

  const auth::TokenVerifier& verifier_;
  const RequestPolicyOptions options_;
  http::KeyedRateLimiter per_ip_;
  http::KeyedRateLimiter per_tenant_;
};

}  // namespace converza::api
