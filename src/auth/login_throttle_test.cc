#include "auth/login_throttle.h"

#include <gtest/gtest.h>

namespace converza::auth {
namespace {

TEST(LoginThrottleTest, FiveFailuresLockTheAccountFromAnyAddress) {
  LoginThrottle throttle(5, 20);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(throttle.RetryAfter("Victim@Example.com", "10.0.0." + std::to_string(i)), 0);
    throttle.RecordFailure("Victim@Example.com", "10.0.0." + std::to_string(i));
  }
  EXPECT_GT(throttle.RetryAfter("victim@example.com", "10.9.9.9"), 0);  // case-folded
  EXPECT_EQ(throttle.RetryAfter("someone-else@example.com", "10.9.9.9"), 0);
}

TEST(LoginThrottleTest, TwentyFailuresLockTheAddressForEveryAccount) {
  LoginThrottle throttle(5, 20);
  for (int i = 0; i < 20; ++i) {
    const std::string email = "user" + std::to_string(i) + "@example.com";
    EXPECT_EQ(throttle.RetryAfter(email, "192.0.2.1"), 0);
    throttle.RecordFailure(email, "192.0.2.1");
  }
  EXPECT_GT(throttle.RetryAfter("fresh@example.com", "192.0.2.1"), 0);
  EXPECT_EQ(throttle.RetryAfter("fresh@example.com", "192.0.2.2"), 0);
}

TEST(LoginThrottleTest, ZeroDisables) {
  LoginThrottle throttle(0, 0);
  for (int i = 0; i < 100; ++i) throttle.RecordFailure("a@b.c", "1.2.3.4");
  EXPECT_EQ(throttle.RetryAfter("a@b.c", "1.2.3.4"), 0);
}

}  // namespace
}  // namespace converza::auth
