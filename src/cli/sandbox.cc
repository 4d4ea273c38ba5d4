// `converza sandbox`: the local Twilio sandbox (see twilio/sandbox/routes.h). Environment:
// SANDBOX_PORT (default 8081; 0 picks one), SANDBOX_PUBLIC_URL (how clients reach it, default
// http://BIND:PORT), SANDBOX_TRANSCRIPT_DELAY_MS (default 1000),
// SANDBOX_LOST_PURCHASE_RESPONSES (purchases committed, then answered 504; default 0),
// SANDBOX_FAILED_TRANSCRIPTS (new transcripts that end "failed"; default 0),
// SANDBOX_MEDIA_NOT_FOUND_MS (recording media is 404 this long after it is made; default 0),
// SANDBOX_STORAGE_URL (where media redirects to; default the other loopback name; "off"). State and
// credentials live in $CONVERZA_DATA_DIR/sandbox/.
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "cli/commands.h"
#include "common/log.h"
#include "http/server.h"
#include "twilio/sandbox/credentials.h"
#include "twilio/sandbox/routes.h"
#include "twilio/sandbox/store.h"

namespace converza::cli {
namespace {

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  try {
    return std::stoi(v);
  } catch (...) {
    std::fprintf(stderr, "sandbox: ignoring %s=%s (not a number)\n", name, v);
    return fallback;
  }
}

}  // namespace

int Sandbox(const Config& config) {
  namespace sb = twilio::sandbox;
  const std::string dir = config.data_dir + "/sandbox";
  auto credentials = sb::LoadOrCreateCredentials(dir);
  if (!credentials.ok()) {
    std::fprintf(stderr, "sandbox: %s\n", credentials.status().message().c_str());
    return 1;
  }
  auto store = sb::Store::Open(dir);
  if (!store.ok()) {
    std::fprintf(stderr, "sandbox: %s\n", store.status().message().c_str());
    return 1;
  }

  http::ServerOptions options;
  options.bind = config.bind;
  options.port = EnvInt("SANDBOX_PORT", 8081);
  options.io_threads = 1;
  options.handler_threads = 4;
  options.body_limit = 64u << 20;  // recordings arrive base64-encoded from the simulator
  options.timeout = std::chrono::milliseconds(config.request_timeout_ms);
  options.grace = std::chrono::milliseconds(config.shutdown_grace_ms);

  // Routes capture `sandbox` by reference; its base_url is filled in once the port is known,
  // before the first request can arrive.
  sb::SandboxOptions sandbox;
  sandbox.credentials = *credentials;
  sandbox.transcript_delay_ms = EnvInt("SANDBOX_TRANSCRIPT_DELAY_MS", 1000);
  sandbox.failed_transcripts->store(EnvInt("SANDBOX_FAILED_TRANSCRIPTS", 0));
  sandbox.lost_purchase_responses->store(EnvInt("SANDBOX_LOST_PURCHASE_RESPONSES", 0));
  sandbox.media_not_found_ms = EnvInt("SANDBOX_MEDIA_NOT_FOUND_MS", 0);
  // The presigned links' secret: new each start, as links to real storage expire.
  sandbox.storage_token =
      std::to_string(std::random_device{}()) + std::to_string(std::random_device{}());
  http::Router router;
  sb::AddSandboxRoutes(router, **store, sandbox);
  http::Metrics metrics;
  http::Server server(options, router, metrics);
  if (Status st = server.Listen(); !st.ok()) {
    std::fprintf(stderr, "sandbox: %s\n", st.message().c_str());
    return 1;
  }
  const char* public_url = std::getenv("SANDBOX_PUBLIC_URL");
  sandbox.base_url = public_url && *public_url
                         ? std::string(public_url)
                         : "http://" + config.bind + ":" + std::to_string(server.port());
  while (sandbox.base_url.size() > 8 && sandbox.base_url.back() == '/') sandbox.base_url.pop_back();
  // Media redirects to a storage host: another origin than the API's, so clients must drop their
  // credentials on the way (SANDBOX_STORAGE_URL; "off" serves media directly). By default the
  // same server under the other loopback name.
  const char* storage = std::getenv("SANDBOX_STORAGE_URL");
  if (storage && *storage) {
    sandbox.storage_base_url = std::string_view(storage) == "off" ? "" : storage;
  } else if (auto at = sandbox.base_url.find("://127.0.0.1:"); at != std::string::npos) {
    sandbox.storage_base_url = sandbox.base_url;
    sandbox.storage_base_url.replace(at, 13, "://localhost:");
  }

  // Sandbox credentials are not secrets (local only), and users need them to point serve here.
  std::fprintf(
      stderr,
      "Twilio sandbox listening on %s\n"
      "  TWILIO_API_BASE=%s\n  TWILIO_ACCOUNT_SID=%s\n  TWILIO_AUTH_TOKEN=%s\n"
      "  TWILIO_API_KEY=%s\n  TWILIO_API_SECRET=%s   (optional: an API key of the account)\n"
      "  (from %s/credentials.json; state in %s)\n",
      sandbox.base_url.c_str(), sandbox.base_url.c_str(), sandbox.credentials.account_sid.c_str(),
      sandbox.credentials.auth_token.c_str(), sandbox.credentials.api_key.c_str(),
      sandbox.credentials.api_secret.c_str(), dir.c_str(), dir.c_str());
  log::Info("sandbox listening", {{"url", sandbox.base_url}, {"dir", dir}});
  server.Run();
  log::Info("sandbox stopped");
  return 0;
}

}  // namespace converza::cli
