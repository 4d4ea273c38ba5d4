// The plumbing every /api/v1 route shares: who is calling (bearer token -> Principal) and
// running the route's queries inside one transaction as that caller, exactly as PostgREST does,
// so that row-level security decides what is visible. Handlers stay short:
//
//   router.Get("/api/v1/agents", [&ctx](http::Request& req) {
//     return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
//       auto rows = tx.exec("select ...", {who.tenant_id});
//       return http::Response::Json(200, ...);
//     });
//   });
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>

#include "api/tenant_gate.h"
#include "auth/principal.h"
#include "auth/session_check.h"
#include "auth/token_verifier.h"
#include "common/plan_limits.h"
#include "db/pool.h"
#include "http/message.h"
#include "mail/smtp_client.h"
#include "twilio/dial_policy.h"

namespace converza::pipeline {
class AnalysisCost;
}

namespace converza::api {

class EventHub;
class TwilioGateway;

struct ApiContext {
  db::Pool& pool;
  const auth::TokenVerifier& verifier;
  // Live updates, recordings and onboarding (null where a test does not need them).
  EventHub* events = nullptr;
  const TwilioGateway* twilio = nullptr;  // Twilio (or the sandbox) with our credentials
  // What a tenant may spend on the platform's account: where agents may be dialled
  // (AGENT_DIAL_COUNTRIES) and how many numbers its plan may hold (NUMBER_QUOTAS; none unset).
  twilio::DialPolicy dial_policy{};
  PlanLimits number_quotas{};
  std::string public_url = {};  // what Twilio calls our webhooks at (no trailing /)
  std::chrono::milliseconds sse_heartbeat{15000};
  double target_margin = 0.8;  // TARGET_GROSS_MARGIN: the admin views' gross-margin target
  // Refuses tokens of ended sessions (sign-out, refresh-token reuse); null: not checked.
  auth::SessionCheck* sessions = nullptr;
  // Per-tenant caps on recording downloads, number searches and live streams; null: none.
  TenantGates* gates = nullptr;
  // With the Twilio sandbox: starts one simulated call to `e164` through the sandbox and our own
  // webhooks (the whole pipeline, as `converza simulate` does) and returns at once; false when one
  // is already running. Empty with real Twilio, where the manager dials the number themselves.
  std::function<bool(const std::string& e164)> simulate_test_call = {};
  // Account e-mails (invitations); null or unconfigured: none are sent.
  const mail::SmtpClient* mailer = nullptr;
  // Prices a re-analysis with the analyzer the workers run (OPENAI_*) and the provider price
  // table; null: the rules analyzer, which costs nothing.
  const pipeline::AnalysisCost* analysis_cost = nullptr;
};

// The caller's Principal from `Authorization: Bearer <jwt>`; when `allow_query_token`, also
// from `?access_token=` (for EventSource and <audio src>, which cannot set headers). Only user
// tokens (role authenticated) of a session that has not ended pass. On failure, the 401 response to
// send, with `WWW-Authenticate: Bearer` as RFC 6750 asks.
Result<auth::Principal> Authenticate(const ApiContext& ctx, const http::Request& req,
                                     bool allow_query_token = false);
http::Response Unauthorized(std::string_view message);

// http::ServerOptions::map_error for `serve`: a lost database connection is a 503 with
// Retry-After (the client retries; nothing was committed), any other database error a logged 500.
std::optional<http::Response> DatabaseErrorResponse(const http::Request& req,
                                                    const std::exception& e);

// Each statement a user's request runs is cancelled after this long (Supabase's default for its
// `authenticated` role is 8 s too); the dashboard's queries take milliseconds.
inline constexpr char kUserStatementTimeout[] = "8s";

using UserBody = std::function<http::Response(db::Transaction&, const auth::Principal&)>;

struct AsUserOptions {
  bool allow_query_token = false;
  bool require_tenant = true;  // 403 no_tenant when the user has no organisation yet
  bool require_admin = false;  // 403 forbidden unless app_metadata.role is admin
  // The route changes tenant data: a viewer gets 403 read_only with a clear message (RLS would
  // refuse the write anyway, but as a bare 403, or as a 404 for updates that match no row).
  bool write = false;
};

// For routes that change tenant data (viewers are refused).
inline constexpr AsUserOptions kWriteRoute{.write = true};

// Authenticates, then runs `body` in a transaction as the caller (role + claims set locally).
// Commits when the response is 2xx/3xx, rolls back otherwise. SQLSTATE 42501 (RLS said no)
// becomes 403, 23505 (duplicate) 409, 23503/23514/22xxx (bad references/values) 400; anything
// else propagates to http::Server (503/500).
http::Response AsUser(const ApiContext& ctx, const http::Request& req, const UserBody& body,
                      const AsUserOptions& options = {});

}  // namespace converza::api
