#include "auth/login_throttle.h"

#include <algorithm>

#include "common/strings.h"

namespace converza::auth {

LoginThrottle::LoginThrottle(int failures_per_email_per_min, int failures_per_ip_per_min)
    : per_pair_(failures_per_email_per_min, failures_per_email_per_min),
      per_account_(4.0 * failures_per_email_per_min, 4.0 * failures_per_email_per_min),
      per_address_(failures_per_ip_per_min, failures_per_ip_per_min) {}

LoginThrottle::Attempt LoginThrottle::Begin(std::string_view email, std::string_view ip) {
  Attempt a;
  a.account = AsciiLower(email);
  a.address = std::string(ip);
  a.pair = a.account + "\n" + a.address;
  std::lock_guard lock(mu_);
  auto pair = per_pair_.Peek(a.pair);
  auto account = per_account_.Peek(a.account);
  auto address = per_address_.Peek(a.address);
  const bool attacked = !per_pair_.Untouched(a.pair) || !per_account_.Untouched(a.account);
  int wait = 0;
  if (!pair.allowed) wait = std::max(wait, pair.retry_after_s);
  if (!account.allowed) wait = std::max(wait, account.retry_after_s);
  if (!address.allowed && attacked) wait = std::max(wait, address.retry_after_s);
  if (wait > 0) {
    a.retry_after_s = wait;
    return a;
  }
  per_pair_.Take(a.pair);
  per_account_.Take(a.account);
  a.took_address = per_address_.Take(a.address).allowed;
  return a;
}

void LoginThrottle::Succeeded(const Attempt& a) {
  std::lock_guard lock(mu_);
  per_pair_.Give(a.pair);
  per_account_.Give(a.account);
  if (a.took_address) per_address_.Give(a.address);
}

}  // namespace converza::auth
