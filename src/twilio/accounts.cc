#include "twilio/accounts.h"

namespace converza::twilio {
namespace {

constexpr auto kTtl = std::chrono::seconds(60);
constexpr std::string_view kFindAccount =
    "select auth_token, coalesce(tenant_id::text, '') from twilio_accounts where account_sid = $1";

}  // namespace

Accounts::Accounts(db::Pool& pool, std::string platform_sid, std::string platform_token)
    : pool_(pool),
      platform_sid_(std::move(platform_sid)),
      platform_token_(std::move(platform_token)) {}

std::optional<Account> Accounts::Find(const std::string& account_sid) {
  if (!platform_sid_.empty() && account_sid == platform_sid_) {
    return Account{platform_token_, ""};
  }
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(account_sid); it != cache_.end() && it->second.expires > now) {
      return it->second.account;
    }
  }
  auto c = pool_.acquire();
  auto rows = c->exec(kFindAccount, {account_sid});
  std::optional<Account> found;
  if (!rows.empty()) found = Account{std::string(rows.get(0, 0)), std::string(rows.get(0, 1))};
  std::lock_guard lock(mu_);
  if (cache_.size() > 10000) cache_.clear();  // bounded: unknown SIDs must not grow it forever
  cache_[account_sid] = {found, now + kTtl};
  return found;
}

}  // namespace converza::twilio
