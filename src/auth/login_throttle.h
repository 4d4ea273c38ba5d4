// LoginThrottle: slows password guessing. Failed sign-ins are counted per account (email,
// case-folded) and per client IP in token buckets: by default 5 failures a minute per account
// and 20 per IP, refilling continuously. While either budget is spent, sign-in attempts are
// refused with 429 `over_request_rate_limit` and Retry-After *before* the password is checked
// (so the refusal costs no bcrypt time and reveals nothing). Successful sign-ins cost nothing.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "http/rate_limit.h"

namespace converza::auth {

class LoginThrottle {
 public:
  // Values <= 0 disable that limit.
  LoginThrottle(int failures_per_email_per_min, int failures_per_ip_per_min);

  // 0 when an attempt for (email, ip) may go ahead; else the seconds to wait.
  int RetryAfter(std::string_view email, std::string_view ip);
  void RecordFailure(std::string_view email, std::string_view ip);

 private:
  http::KeyedRateLimiter per_email_;
  http::KeyedRateLimiter per_ip_;
};

}  // namespace converza::auth
