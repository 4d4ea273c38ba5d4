#include "api/tenant_gate.h"

#include <gtest/gtest.h>

#include <vector>

namespace converza::api {
namespace {

TEST(TenantGateTest, EachTenantHasItsOwnPlacesAndGetsThemBack) {
  TenantGate gate(2, "recording downloads");
  http::Response refused;
  std::vector<TenantGate::Pass> held;
  for (int i = 0; i < 2; ++i) {
    auto pass = gate.Enter("a", &refused);
    ASSERT_TRUE(pass.has_value());
    held.push_back(*pass);
  }
  EXPECT_FALSE(gate.Enter("a", &refused).has_value());
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.headers.size() > 0, true);
  EXPECT_NE(refused.body.find("recording downloads"), std::string::npos);
  EXPECT_TRUE(gate.Enter("b", &refused).has_value());  // another tenant is not affected
  EXPECT_EQ(gate.in_flight("a"), 2);
  held.pop_back();  // work done: the place comes back
  EXPECT_EQ(gate.in_flight("a"), 1);
  EXPECT_TRUE(gate.Enter("a", &refused).has_value());
  held.clear();
  EXPECT_EQ(gate.in_flight("a"), 0);
}

}  // namespace
}  // namespace converza::api
