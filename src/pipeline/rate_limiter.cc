#include "pipeline/rate_limiter.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <string>

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
  auto wait =
      std::chrono::milliseconds(static_cast<long long>(std::max(need_r, need_t) * 60000.0 + 0.999));
  const auto now = std::chrono::steady_clock::now();
  for (auto reset : {requests_reset_, tokens_reset_}) {
    if (reset > now) {
      wait = std::max(wait, std::chrono::ceil<std::chrono::milliseconds>(reset - now));
    }
  }
  return wait;
}

void RateLimiter::Observe(std::optional<double> remaining_requests,
                          std::optional<std::chrono::milliseconds> reset_requests,
                          std::optional<double> remaining_tokens,
                          std::optional<std::chrono::milliseconds> reset_tokens) {
  Refill();
  const auto now = std::chrono::steady_clock::now();
  if (remaining_requests) {
    requests_ = std::min(requests_, *remaining_requests);
    if (*remaining_requests < 1 && reset_requests) requests_reset_ = now + *reset_requests;
  }
  if (remaining_tokens) {
    tokens_ = std::min(tokens_, *remaining_tokens);
    if (*remaining_tokens < 1 && reset_tokens) tokens_reset_ = now + *reset_tokens;
  }
}

std::optional<std::chrono::milliseconds> ParseResetDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
      ++i;
    if (i == start) return std::nullopt;
    double value = 0;
    try {
      value = std::stod(std::string(text.substr(start, i - start)));
    } catch (...) {
      return std::nullopt;
    }
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    double scale;
    if (unit == "h")
      scale = 3600000;
    else if (unit == "m")
      scale = 60000;
    else if (unit == "s")
      scale = 1000;
    else if (unit == "ms")
      scale = 1;
    else if (unit == "us")
      scale = 0.001;
    else if (unit == "ns")
      scale = 0.000001;
    else
      return std::nullopt;
    total_ms += value * scale;
  }
  return std::chrono::milliseconds(static_cast<long long>(total_ms + 0.999));
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
