#include "pipeline/rate_limiter.h"

#include <gtest/gtest.h>

namespace converza::pipeline {
namespace {

TEST(RateLimiterTest, RequestBudgetRunsOutThenRefillsOverTime) {
  RateLimiter rl(/*requests_per_minute=*/60, /*tokens_per_minute=*/1e9);  // one request per second
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(rl.TryAcquire(1)) << i;
  EXPECT_FALSE(rl.TryAcquire(1));
  auto wait = rl.WaitFor(1);
  EXPECT_GT(wait.count(), 900);
  EXPECT_LE(wait.count(), 1000);
}

TEST(RateLimiterTest, TokenBudgetIsTheBindingLimitForLargePrompts) {
  RateLimiter rl(/*requests_per_minute=*/1000,
                 /*tokens_per_minute=*/60000);  // 1,000 tokens per second
  EXPECT_TRUE(rl.TryAcquire(30000));
  EXPECT_TRUE(rl.TryAcquire(30000));  // a full minute's tokens, spent
  EXPECT_FALSE(rl.TryAcquire(5000));
  auto wait = rl.WaitFor(5000);  // ~5 s of refill at 1,000 tokens/s
  EXPECT_GT(wait.count(), 4800);
  EXPECT_LE(wait.count(), 5000);
  // Larger than a minute's budget: clamped to one minute's worth, so it never waits forever.
  EXPECT_LE(rl.WaitFor(1e9).count(), 60000);
}

// Other workers and clients share the account: the provider's remaining counts lower ours, and
// a budget it reports spent waits for its reset whatever our own buckets say.
TEST(RateLimiterTest, TheProvidersHeadersLowerTheBudgets) {
  RateLimiter rl(/*requests_per_minute=*/500, /*tokens_per_minute=*/800000);
  rl.Observe(3, std::chrono::milliseconds(120), std::nullopt, std::nullopt);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(rl.TryAcquire(1)) << i;
  EXPECT_FALSE(rl.TryAcquire(1));
  rl.Observe(std::nullopt, std::nullopt, 0, std::chrono::milliseconds(2500));
  EXPECT_GE(rl.WaitFor(1).count(), 2400);
  EXPECT_LE(rl.WaitFor(1).count(), 2500);
  // Headers never raise a budget.
  RateLimiter small(/*requests_per_minute=*/1, /*tokens_per_minute=*/1e9);
  EXPECT_TRUE(small.TryAcquire(1));
  small.Observe(1000, std::chrono::milliseconds(0), 1e9, std::chrono::milliseconds(0));
  EXPECT_FALSE(small.TryAcquire(1));
}

TEST(RateLimiterTest, ResetDurationsInOpenAisFormat) {
  EXPECT_EQ(ParseResetDuration("1s"), std::chrono::milliseconds(1000));
  EXPECT_EQ(ParseResetDuration("12ms"), std::chrono::milliseconds(12));
  EXPECT_EQ(ParseResetDuration("6m0s"), std::chrono::milliseconds(360000));
  EXPECT_EQ(ParseResetDuration("0.5s"), std::chrono::milliseconds(500));
  EXPECT_EQ(ParseResetDuration("1h2m3.5s"), std::chrono::milliseconds(3723500));
  EXPECT_FALSE(ParseResetDuration(""));
  EXPECT_FALSE(ParseResetDuration("soon"));
  EXPECT_FALSE(ParseResetDuration("5 s"));
}

}  // namespace
}  // namespace converza::pipeline
