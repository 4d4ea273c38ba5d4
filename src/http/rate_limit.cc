#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace converza::http {

KeyedRateLimiter::KeyedRateLimiter(double per_minute, double burst, std::size_t max_keys)
    : per_second_(per_minute > 0 ? per_minute / 60.0 : 0),
      burst_(std::max(1.0, burst)),
      max_keys_(std::max<std::size_t>(16, max_keys)) {}

std::size_t KeyedRateLimiter::keys() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

KeyedRateLimiter::Bucket& KeyedRateLimiter::Refill(std::string_view key, Clock::time_point now) {
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) Prune(now);
    it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.last).count();
  if (elapsed > 0) {
    b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
    b.last = now;
  }
  return b;
}

KeyedRateLimiter::Verdict KeyedRateLimiter::Refused(const Bucket& b) const {
  const double wait = (1.0 - b.tokens) / per_second_;
  return {false, std::max(1, static_cast<int>(std::ceil(wait)))};
}

KeyedRateLimiter::Verdict KeyedRateLimiter::Take(std::string_view key, Clock::time_point now) {
  if (!enabled()) return {};
  std::lock_guard lock(mu_);
  Bucket& b = Refill(key, now);
  if (b.tokens < 1.0) return Refused(b);
  b.tokens -= 1.0;
  return {};
}

KeyedRateLimiter::Verdict KeyedRateLimiter::Peek(std::string_view key, Clock::time_point now) {
  if (!enabled()) return {};
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return {};
  Bucket& b = Refill(key, now);
  return b.tokens < 1.0 ? Refused(b) : Verdict{};
}

void KeyedRateLimiter::Give(std::string_view key, Clock::time_point now) {
  if (!enabled()) return;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) return;
  Bucket& b = Refill(key, now);
  b.tokens = std::min(burst_, b.tokens + 1.0);
}

bool KeyedRateLimiter::Untouched(std::string_view key, Clock::time_point now) {
  if (!enabled()) return true;
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(key));
  return it == buckets_.end() || Refill(key, now).tokens >= burst_;
}

void KeyedRateLimiter::Prune(Clock::time_point now) {
  // Buckets that would be full by now carry no state.
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.last).count();
    if (it->second.tokens + elapsed * per_second_ >= burst_) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
  if (buckets_.size() < max_keys_) return;
  // Still full (a flood of distinct keys): drop the least recently used half.
  std::vector<Clock::time_point> times;
  times.reserve(buckets_.size());
  for (const auto& [k, b] : buckets_) times.push_back(b.last);
  auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
  std::nth_element(times.begin(), mid, times.end());
  const auto cutoff = *mid;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    it = it->second.last <= cutoff ? buckets_.erase(it) : std::next(it);
  }
}

}  // namespace converza::http
