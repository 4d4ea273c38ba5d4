// Accounts: finds the auth token (and owning tenant, for subaccounts) of the Twilio account
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

namespace converza::twilio {

struct Account {
  std::string auth_token;
  std::string tenant_id;  // empty for the platform account
};

class Accounts {
 public:
  Accounts(db::Pool& pool, std::string platform_sid, std::string platform_token);
  // nullopt: unknown account. Throws db::Error when the database is unreachable.
  std::optional<Account> Find(const std::string& account_sid);

 private:
  struct Entry {
    std::optional<Account> account;
    std::chrono::steady_clock::time_point expires;
  };
  db::Pool& pool_;
  const std::string platform_sid_;
  const std::string platform_token_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace converza::twilio
