// TwilioAccounts: finds the auth token (and owning tenant, for subaccounts) of the Twilio account
// named in a webhook's AccountSid, so its X-Twilio-Signature can be checked. The platform account
// comes from configuration; others from `twilio_accounts`, cached for a minute so a burst of
// webhooks costs one lookup. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "db/pool.h"

namespace converza::webhooks {

struct TwilioAccount {
  std::string auth_token;
  std::string tenant_id;  // empty for the platform account
};

class TwilioAccounts {
 public:
  TwilioAccounts(db::Pool& pool, std::string platform_sid, std::string platform_token);
  // nullopt: unknown account. Throws db::Error when the database is unreachable.
  std::optional<TwilioAccount> Find(const std::string& account_sid);

 private:
  struct Entry {
    std::optional<TwilioAccount> account;
    std::chrono::steady_clock::time_point expires;
  };
  db::Pool& pool_;
  const std::string platform_sid_;
  const std::string platform_token_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace converza::webhooks
