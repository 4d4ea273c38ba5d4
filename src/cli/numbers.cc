// `converza numbers sync [--check]`: points every active number's webhooks at PUBLIC_URL. Twilio
// sends a number's calls wherever its VoiceUrl says, so when PUBLIC_URL changes (a new domain, a
// moved deployment) every number must follow or its calls are lost. Each number is looked up on
// the account that holds it (the platform's, or the tenant's own for an attached number) and
// updated only when it points elsewhere; run it again and nothing changes. With --check nothing
// is updated: it only reports. Exit 0 when every number points at PUBLIC_URL (or, with --check,
// would), 1 when any could not be checked or updated (each is printed).
#include <cstdio>

#include "api/twilio_gateway.h"
#include "cli/commands.h"
#include "db/pool.h"
#include "twilio/accounts.h"
#include "twilio/platform.h"

namespace converza::cli {

namespace {

constexpr std::string_view kActiveNumbers =
    "select e164, twilio_sid, coalesce(account_sid, '') from public.phone_numbers"
    " where status = 'active' and twilio_sid is not null order by e164";

}  // namespace

int NumbersSync(const Config& config, bool check_only) {
  auto platform = twilio::ResolvePlatform(config);
  if (!platform.ok()) {
    std::fprintf(stderr, "numbers sync: %s\n", platform.status().message().c_str());
    return 2;
  }
  db::Pool pool(config.database_url, 2);
  twilio::Accounts accounts(pool, platform->credentials.account_sid,
                            platform->credentials.auth_token);
  api::TwilioGateway twilio(*platform, &accounts);
  const auto want = api::NumberWebhooks::At(config.public_url);

  auto rows = pool.acquire()->exec(kActiveNumbers);
  int current = 0, repointed = 0, failed = 0;
  for (int i = 0; i < rows.size(); ++i) {
    const std::string e164(rows.get(i, 0)), sid(rows.get(i, 1)), account(rows.get(i, 2));
    auto found = twilio.FindNumber(account, e164);
    if (!found.ok() || found->sid != sid) {
      ++failed;
      std::printf(
          "  %s  not found on %s: %s\n", e164.c_str(),
          account.empty() ? "the platform account" : account.c_str(),
          found.ok() ? ("it is now " + found->sid).c_str() : found.status().message().c_str());
      continue;
    }
    if (found->voice_url == want.voice_url && found->status_callback == want.status_callback) {
      ++current;
      continue;
    }
    std::printf("  %s  %s -> %s%s\n", e164.c_str(),
                found->voice_url.empty() ? "(no voice URL)" : found->voice_url.c_str(),
                want.voice_url.c_str(), check_only ? " (not changed: --check)" : "");
    if (check_only) {
      ++repointed;
      continue;
    }
    Status st = twilio.PointWebhooks(account, sid, want.voice_url, want.status_callback);
    if (!st.ok()) {
      ++failed;
      std::printf("  %s  update failed: %s\n", e164.c_str(), st.message().c_str());
      continue;
    }
    ++repointed;
  }
  std::printf("numbers sync: %d active, %d already at %s, %d %s, %d failed\n", rows.size(), current,
              config.public_url.c_str(), repointed, check_only ? "to re-point" : "re-pointed",
              failed);
  return failed > 0 ? 1 : 0;
}

}  // namespace converza::cli
