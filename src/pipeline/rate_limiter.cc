#include "pipeline/rate_limiter.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace converza::pipeline {

RateLimiter::RateLimiter(double requests_per_minute, double tokens_per_minute)
    : rpm_(requests_per_minute),
      tpm_(tokens_per_minute),
      requests_(requests_per_minute),
      tokens_(tokens_per_minute),
      last_(std::chrono::steady_clock::now()) {}

void RateLimiter::Refill() {
  auto now = std::chrono::steady_clock::now();
  double minutes = std::chrono::duration<double, std::ratio<60>>(now - last_).count();
  last_ = now;
  requests_ = std::min(rpm_, requests_ + minutes * rpm_);
  tokens_ = std::min(tpm_, tokens_ + minutes * tpm_);
}

std::chrono::milliseconds RateLimiter::WaitFor(double tokens) {
  Refill();
  tokens = std::min(tokens, tpm_);  // a request larger than a minute's budget waits one minute
  double need_r = std::max(0.0, 1 - requests_) / rpm_;
  double need_t = std::max(0.0, tokens - tokens_) / tpm_;
  return std::chrono::milliseconds(
      static_cast<long long>(std::max(need_r, need_t) * 60000.0 + 0.999));
}

bool RateLimiter::TryAcquire(double tokens) {
  tokens = std::min(tokens, tpm_);
  if (WaitFor(tokens).count() != 0) return false;
  requests_ -= 1;
  tokens_ -= tokens;
  return true;
}

boost::asio::awaitable<void> RateLimiter::Acquire(double tokens) {
  while (!TryAcquire(tokens)) {
    boost::asio::steady_timer t(co_await boost::asio::this_coro::executor, WaitFor(tokens));
    co_await t.async_wait(boost::asio::use_awaitable);
  }
}

}  // namespace converza::pipeline
