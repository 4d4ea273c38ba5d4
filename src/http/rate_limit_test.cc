#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace converza::http {
namespace {

using Clock = KeyedRateLimiter::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(KeyedRateLimiterTest, BurstThenRefillPerKey) {
  KeyedRateLimiter limiter(60, 3);  // one a second, bursts of 3
  const auto t0 = Clock::time_point{} + seconds(1000);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("a", t0).allowed);
  auto refused = limiter.Take("a", t0);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_s, 1);
  EXPECT_TRUE(limiter.Take("b", t0).allowed);  // other keys are independent
  EXPECT_FALSE(limiter.Take("a", t0 + milliseconds(900)).allowed);
  EXPECT_TRUE(limiter.Take("a", t0 + milliseconds(1000)).allowed);
  // Never more than the burst, however long the pause.
  const auto later = t0 + seconds(3600);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Take("a", later).allowed);
  EXPECT_FALSE(limiter.Take("a", later).allowed);
}

TEST(KeyedRateLimiterTest, PeekTakesNothingAndRetryAfterCoversTheWait) {
  KeyedRateLimiter limiter(5, 5);  // 5 a minute: one token every 12 s
  const auto t0 = Clock::time_point{} + seconds(1000);
  EXPECT_TRUE(limiter.Peek("k", t0).allowed);
  EXPECT_EQ(limiter.keys(), 0u);  // peeking an unknown key stores nothing
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Take("k", t0).allowed);
  auto v = limiter.Peek("k", t0);
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.retry_after_s, 12);
  EXPECT_FALSE(limiter.Peek("k", t0 + seconds(11)).allowed);
  EXPECT_TRUE(limiter.Peek("k", t0 + seconds(12)).allowed);
  EXPECT_TRUE(limiter.Peek("k", t0 + seconds(12)).allowed);  // still there: peek took nothing
}

TEST(KeyedRateLimiterTest, DisabledAllowsEverything) {
  KeyedRateLimiter off(0, 0);
  EXPECT_FALSE(off.enabled());
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(off.Take("x").allowed);
}

TEST(KeyedRateLimiterTest, MemoryStaysBoundedUnderManyKeys) {
  KeyedRateLimiter limiter(60, 2, /*max_keys=*/100);
  auto t = Clock::time_point{} + seconds(1000);
  for (int i = 0; i < 10000; ++i) {
    limiter.Take("ip-" + std::to_string(i), t);
    limiter.Take("ip-" + std::to_string(i), t);  // drained: not prunable as "full"
    t += milliseconds(1);
  }
  EXPECT_LE(limiter.keys(), 100u);
}

}  // namespace
}  // namespace converza::http
