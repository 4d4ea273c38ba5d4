// LoginThrottle: slows password guessing without letting one client lock everyone out.
// Failed sign-ins are counted in token buckets refilling continuously:
//   - per (account, address): LOGIN_FAILURES_PER_EMAIL a minute (5 by default): one client
//     guessing one account;
//   - per account from any address: four times that: guessing spread over many addresses;
//   - per address: LOGIN_FAILURES_PER_IP a minute (20): one client trying many accounts. A
//     throttled address still reaches accounts that are not under attack (no failures in their
//     bucket), so users behind one proxy or NAT are not locked out by a neighbour; it gets one
//     guess at each such account, after which that account counts as attacked.
// The budget is reserved *before* the password is checked (Begin) and given back only when the
// password was right (Succeeded), so concurrent guesses cannot all pass a check made before any
// of them failed. Refusals are 429 `over_request_rate_limit` with Retry-After and cost no bcrypt
// time. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "http/rate_limit.h"

namespace converza::auth {

class LoginThrottle {
 public:
  // Values <= 0 disable that limit.
  LoginThrottle(int failures_per_email_per_min, int failures_per_ip_per_min);

  struct Attempt {
    int retry_after_s = 0;  // > 0: refused; check nothing and answer 429
    std::string account, pair, address;
    bool took_address = false;
  };
  // Reserves one failure for (email, ip), or says how long to wait.
  Attempt Begin(std::string_view email, std::string_view ip);
  // The password was right: the reservation does not count.
  void Succeeded(const Attempt& attempt);

 private:
  std::mutex mu_;  // makes Begin's checks and takes one step
  http::KeyedRateLimiter per_pair_;
  http::KeyedRateLimiter per_account_;
  http::KeyedRateLimiter per_address_;
};

}  // namespace converza::auth
