// `converza keys`: prints the project's API keys (auth/api_keys.h) and URL, for configuring a
// client by hand (supabase-js, curl) — the dashboard fetches the anon key from /api/v1/config.
// The service_role key is printed only with --service-role: it bypasses nothing in this server
// but identifies trusted tooling, so it should not end up in shell history by default.
#include <cstdio>

#include "auth/api_keys.h"
#include "auth/token_verifier.h"
#include "cli/commands.h"

namespace converza::cli {

int Keys(const Config& config, bool service_role) {
  auto secret = auth::LoadOrCreateJwtSecret(config.jwt_secret, config.data_dir);
  if (!secret.ok()) {
    std::fprintf(stderr, "keys: %s\n", secret.status().message().c_str());
    return 1;
  }
  std::printf("SUPABASE_URL=%s\nANON_KEY=%s\n", config.public_url.c_str(),
              auth::AnonKey(*secret).c_str());
  if (service_role) std::printf("SERVICE_ROLE_KEY=%s\n", auth::ServiceRoleKey(*secret).c_str());
  return 0;
}

}  // namespace converza::cli
