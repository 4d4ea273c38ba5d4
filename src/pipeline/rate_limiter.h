// RateLimiter: keeps a worker under a provider's requests-per-minute and tokens-per-minute
// limits (OpenAI publishes both per model) with two token buckets that refill continuously.
// Acquire() suspends the calling coroutine until both buckets can pay. Used from one event loop
// thread only (not thread-safe by design: no locks on the hot path).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>

namespace converza::pipeline {

class RateLimiter {
 public:
  RateLimiter(double requests_per_minute, double tokens_per_minute);
  boost::asio::awaitable<void> Acquire(double tokens);
  // Pays for one request of `tokens` if both budgets allow it now.
  bool TryAcquire(double tokens);
  // How long a request of `tokens` would wait now (exposed for tests).
  std::chrono::milliseconds WaitFor(double tokens);

 private:
  void Refill();
  const double rpm_, tpm_;
  double requests_, tokens_;  // available now
  std::chrono::steady_clock::time_point last_;
};

}  // namespace converza::pipeline
