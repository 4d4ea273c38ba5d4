#include "auth/login_throttle.h"

#include <gtest/gtest.h>

namespace converza::auth {
namespace {

// A failed attempt: Begin and not Succeeded. Returns whether it was let through.
bool Fail(LoginThrottle& t, const std::string& email, const std::string& ip) {
  return t.Begin(email, ip).retry_after_s == 0;
}

TEST(LoginThrottleTest, FiveFailuresLockTheAccountForThatAddress) {
  LoginThrottle throttle(5, 20);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(Fail(throttle, "Victim@Example.com", "10.0.0.1"));
  EXPECT_GT(throttle.Begin("victim@example.com", "10.0.0.1").retry_after_s, 0);  // case-folded
  EXPECT_EQ(throttle.Begin("someone-else@example.com", "10.0.0.1").retry_after_s, 0);
  EXPECT_EQ(throttle.Begin("victim@example.com", "10.0.0.2").retry_after_s, 0);
}

TEST(LoginThrottleTest, TwentyFailuresFromManyAddressesLockTheAccount) {
  LoginThrottle throttle(5, 20);
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(Fail(throttle, "victim@example.com", "10.0.0." + std::to_string(i / 4)));
  }
  EXPECT_GT(throttle.Begin("victim@example.com", "10.9.9.9").retry_after_s, 0);
}

// Behind one proxy every user shares an address: a neighbour's guessing must not lock out an
// account that is not under attack.
TEST(LoginThrottleTest, AThrottledAddressStillReachesAccountsNotUnderAttack) {
  LoginThrottle throttle(5, 20);
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(Fail(throttle, "user" + std::to_string(i) + "@example.com", "192.0.2.1"));
  }
  // The address is spent: attacked accounts are refused from it...
  EXPECT_GT(throttle.Begin("user3@example.com", "192.0.2.1").retry_after_s, 0);
  // ...an account without failures is not, and a right password gives the reservation back.
  auto ok = throttle.Begin("fresh@example.com", "192.0.2.1");
  ASSERT_EQ(ok.retry_after_s, 0);
  throttle.Succeeded(ok);
  EXPECT_EQ(throttle.Begin("fresh@example.com", "192.0.2.1").retry_after_s, 0);
  // A fresh account gets one guess from the spent address, then counts as attacked.
  EXPECT_TRUE(Fail(throttle, "other@example.com", "192.0.2.1"));
  EXPECT_GT(throttle.Begin("other@example.com", "192.0.2.1").retry_after_s, 0);
}

// The budget is reserved before the password is checked: attempts in flight count.
TEST(LoginThrottleTest, AttemptsInFlightCountBeforeTheyFail) {
  LoginThrottle throttle(5, 20);
  std::vector<LoginThrottle::Attempt> in_flight;
  for (int i = 0; i < 24; ++i)
    in_flight.push_back(throttle.Begin("victim@example.com", "10.0.0.1"));
  int let_through = 0;
  for (const auto& a : in_flight) let_through += a.retry_after_s == 0;
  EXPECT_EQ(let_through, 5);
}

TEST(LoginThrottleTest, SuccessesCostNothing) {
  LoginThrottle throttle(5, 20);
  for (int i = 0; i < 50; ++i) {
    auto a = throttle.Begin("user@example.com", "10.0.0.1");
    ASSERT_EQ(a.retry_after_s, 0) << i;
    throttle.Succeeded(a);
  }
}

TEST(LoginThrottleTest, ZeroDisables) {
  LoginThrottle throttle(0, 0);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(Fail(throttle, "a@b.c", "1.2.3.4"));
}

}  // namespace
}  // namespace converza::auth
