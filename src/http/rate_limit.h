// KeyedRateLimiter: one token bucket per key (a client IP, a tenant id, an email address),
// refilling continuously at `per_minute` up to `burst`. Used for the per-IP and per-tenant
// request limits of the API and for login throttling (where only failures take tokens).
//
// Memory is bounded: at most `max_keys` buckets; beyond that, buckets that have refilled
// completely are forgotten (they hold no information), and if that is not enough the oldest
// half goes. Thread-safe (one mutex; a check is a hash lookup and some arithmetic). The clock
// is a parameter so tests need no sleeping. (pipeline::RateLimiter is a different thing: one
// pair of buckets awaited from a single event loop.)
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace converza::http {

class KeyedRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // per_minute <= 0 disables the limiter: every call allows.
  KeyedRateLimiter(double per_minute, double burst, std::size_t max_keys = 100000);

  struct Verdict {
    bool allowed = true;
    int retry_after_s = 0;  // when refused: whole seconds until a token is available (>= 1)
  };

  // Takes a token for `key` when one is available.
  Verdict Take(std::string_view key, Clock::time_point now = Clock::now());
  // Whether a token is available now, without taking it.
  Verdict Peek(std::string_view key, Clock::time_point now = Clock::now());
  // Gives back a token taken for `key` (a reservation that turned out not to count).
  void Give(std::string_view key, Clock::time_point now = Clock::now());
  // True when `key` has taken nothing that has not refilled yet (a full or absent bucket).
  bool Untouched(std::string_view key, Clock::time_point now = Clock::now());

  bool enabled() const { return per_second_ > 0; }
  std::size_t keys() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  Bucket& Refill(std::string_view key, Clock::time_point now);
  Verdict Refused(const Bucket& b) const;
  void Prune(Clock::time_point now);

  const double per_second_;
  const double burst_;
  const std::size_t max_keys_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace converza::http
