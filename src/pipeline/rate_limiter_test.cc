#include "pipeline/rate_limiter.h"

#include <gtest/gtest.h>

namespace converza::pipeline {
namespace {

TEST(RateLimiterTest, RequestBudgetRunsOutThenRefillsOverTime) {
  RateLimiter rl(/*rpm=*/60, /*tpm=*/1e9);  // one request per second
  for (int i = 0; i < 60; ++i) ASSERT_TRUE(rl.TryAcquire(1)) << i;
  EXPECT_FALSE(rl.TryAcquire(1));
  auto wait = rl.WaitFor(1);
  EXPECT_GT(wait.count(), 900);
  EXPECT_LE(wait.count(), 1000);
}

TEST(RateLimiterTest, TokenBudgetIsTheBindingLimitForLargePrompts) {
  RateLimiter rl(/*rpm=*/1000, /*tpm=*/60000);  // 1,000 tokens per second
  EXPECT_TRUE(rl.TryAcquire(30000));
  EXPECT_TRUE(rl.TryAcquire(30000));  // a full minute's tokens, spent
  EXPECT_FALSE(rl.TryAcquire(5000));
  auto wait = rl.WaitFor(5000);  // ~5 s of refill at 1,000 tokens/s
  EXPECT_GT(wait.count(), 4800);
  EXPECT_LE(wait.count(), 5000);
  // Larger than a minute's budget: clamped to one minute's worth, so it never waits forever.
  EXPECT_LE(rl.WaitFor(1e9).count(), 60000);
}

}  // namespace
}  // namespace converza::pipeline
