// RateLimiter: keeps a worker under a provider's requests-per-minute and tokens-per-minute
// limits (OpenAI publishes both per model) with two token buckets that refill continuously.
// Acquire() suspends the calling coroutine until both buckets can pay. The provider's own view
// (OpenAI's x-ratelimit-remaining-* and x-ratelimit-reset-* headers, which count every worker
// and every other client of the account) lowers the buckets through Observe(). Used from one
// event loop thread only (not thread-safe by design: no locks on the hot path).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <optional>
#include <string_view>

namespace converza::pipeline {

class RateLimiter {
 public:
  RateLimiter(double requests_per_minute, double tokens_per_minute);
  boost::asio::awaitable<void> Acquire(double tokens);
  // Pays for one request of `tokens` if both budgets allow it now.
  bool TryAcquire(double tokens);
  // How long a request of `tokens` would wait now (exposed for tests).
  std::chrono::milliseconds WaitFor(double tokens);
  // What the provider says is left and when each budget resets (from a response's headers;
  // nullopt where a header was absent). Never raises the buckets.
  void Observe(std::optional<double> remaining_requests,
               std::optional<std::chrono::milliseconds> reset_requests,
               std::optional<double> remaining_tokens,
               std::optional<std::chrono::milliseconds> reset_tokens);

 private:
  void Refill();
  const double rpm_, tpm_;
  double requests_, tokens_;  // available now
  std::chrono::steady_clock::time_point last_;
  // Not before these, whatever the buckets say (a budget the provider reported spent).
  std::chrono::steady_clock::time_point requests_reset_{}, tokens_reset_{};
};

// OpenAI's reset durations ("1s", "6m0s", "12ms", "0.5s"; Go's time.Duration syntax);
// nullopt when malformed.
std::optional<std::chrono::milliseconds> ParseResetDuration(std::string_view text);

}  // namespace converza::pipeline
