// `converza simulate`: runs the call simulator (twilio/simulator/simulator.h) against a running
// `converza serve` and `converza sandbox`, then prints a summary. Credentials: TWILIO_ACCOUNT_SID
// and TWILIO_AUTH_TOKEN when set, else the sandbox's ($CONVERZA_DATA_DIR/sandbox/credentials.json).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "cli/commands.h"
#include "twilio/sandbox/credentials.h"
#include "twilio/simulator/simulator.h"
#include "twilio/simulator/story.h"

namespace converza::cli {

int Simulate(const Config& config, const SimulateFlags& flags) {
  namespace sim = twilio::simulator;
  sim::SimulateOptions o;
  o.calls = flags.calls;
  o.tenant_number = flags.tenant_number;
  if (o.tenant_number.size() < 8 || o.tenant_number[0] != '+') {
    std::fprintf(stderr, "simulate: --tenant-number must be E.164, e.g. +14155550100\n");
    return 2;
  }
  o.server_url =
      flags.server.empty() ? "http://127.0.0.1:" + std::to_string(config.port) : flags.server;
  o.public_url = flags.public_url.empty() ? config.public_url : flags.public_url;
  if (!flags.sandbox.empty()) {
    o.sandbox_url = flags.sandbox;
  } else if (!config.twilio_api_base.empty()) {
    o.sandbox_url = config.twilio_api_base;
  } else {
    const char* port = std::getenv("SANDBOX_PORT");
    o.sandbox_url = std::string("http://127.0.0.1:") + (port && *port ? port : "8081");
  }
  if (!config.twilio_account_sid.empty()) {
    o.account_sid = config.twilio_account_sid;
    o.auth_token = config.twilio_auth_token;
  } else {
    auto c = twilio::sandbox::LoadOrCreateCredentials(config.data_dir + "/sandbox");
    if (!c.ok()) {
      std::fprintf(stderr, "simulate: %s\n", c.status().message().c_str());
      return 1;
    }
    o.account_sid = c->account_sid;
    o.auth_token = c->auth_token;
  }
  if (flags.seed.empty()) {
    o.seed =
        std::random_device{}() ^
        static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  } else {
    try {
      o.seed = std::stoull(flags.seed);
    } catch (...) {
      std::fprintf(stderr, "simulate: --seed must be an unsigned integer\n");
      return 2;
    }
  }
  o.rate = flags.rate;
  o.days = flags.days;
  o.concurrency = flags.concurrency;
  o.retries = flags.retries;
  o.audio = flags.audio == "none"   ? sim::AudioMode::kNone
            : flags.audio == "tone" ? sim::AudioMode::kTone
                                    : sim::AudioMode::kSpeech;
  o.speech_calls = flags.speech_calls;
  o.out_jsonl = flags.out;
  if (flags.demo) o.story = sim::DemoStory();
  if (!flags.industry.empty()) {
    const auto& all = sim::AllIndustries();
    if (std::find(all.begin(), all.end(), flags.industry) == all.end()) {
      std::string names;
      for (const auto& n : all) names += (names.empty() ? "" : ", ") + n;
      std::fprintf(stderr, "simulate: unknown --industry %s (one of: %s)\n", flags.industry.c_str(),
                   names.c_str());
      return 2;
    }
    o.story.industry = flags.industry;
  }
  if (o.audio == sim::AudioMode::kSpeech && !sim::SpeechAvailable()) {
    std::fprintf(stderr, "simulate: espeak-ng not found; recordings will be placeholder tones\n");
  }

  std::fprintf(stderr,
               "simulating %d calls to %s (seed %llu): webhooks -> %s (signed for %s), "
               "recordings -> %s\n",
               o.calls, o.tenant_number.c_str(), static_cast<unsigned long long>(o.seed),
               o.server_url.c_str(), o.public_url.c_str(), o.sandbox_url.c_str());
  const auto started = std::chrono::steady_clock::now();
  auto sum = sim::RunSimulation(o, stderr);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::printf("calls: %d in %.1f s (seed %llu)\n", sum.calls, secs,
              static_cast<unsigned long long>(o.seed));
  std::printf("webhooks: %d sent, %d acked 2xx, %d failed (%d retries, %d answered 503)\n",
              sum.webhooks_sent, sum.webhooks_acked, sum.webhooks_failed, sum.webhooks_retried,
              sum.webhooks_unavailable);
  std::printf("recordings stored in sandbox: %d", sum.recordings_stored);
  for (const auto& [kind, n] : sum.audio_kinds) std::printf(" (%s: %d)", kind.c_str(), n);
  std::printf("\n");
  for (const auto& [what, n] : sum.failures)
    std::printf("  unacked POSTs: %s x%d\n", what.c_str(), n);
  if (!o.out_jsonl.empty()) std::printf("calls with labels written to %s\n", o.out_jsonl.c_str());
  return sum.webhooks_failed == 0 && sum.recordings_stored == sum.calls ? 0 : 1;
}

}  // namespace converza::cli
