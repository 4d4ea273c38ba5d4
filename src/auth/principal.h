// Principal: who is calling, as established from a verified access token. The API runs each
// request's queries as this principal (role + claims set in the transaction), so row-level
// security, not C++ code, decides what it may see; the fields here only pick the tenant a
// request is about and gate the admin routes.
#pragma once

#include <string>

namespace converza::auth {

struct Principal {
  std::string user_id;       // `sub`
  std::string role;          // `role`: "authenticated", "anon" or "service_role"
  std::string email;         // `email`, "" when absent
  std::string session_id;    // `session_id`, "" when absent (e.g. API keys)
  std::string tenant_id;     // `app_metadata.tenant_id`, "" for users without an organisation
  bool admin = false;        // `app_metadata.role == "admin"` (internal staff)
  long long expires_at = 0;  // `exp`, seconds since the epoch (checked by the verifier)
  std::string claims_json;   // the verified payload, passed to Postgres as request.jwt.claims
};

}  // namespace converza::auth
