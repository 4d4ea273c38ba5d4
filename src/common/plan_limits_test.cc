// Per-plan limits from configuration: defaults with overrides, `*` for other plans, and the
// `unpaid` cap on tenants that pay nothing whatever their plan.
#include "common/plan_limits.h"

#include <gtest/gtest.h>

namespace converza {
namespace {

TEST(PlanLimits, PlansTheCatchAllAndTheUnpaidCap) {
  auto l = PlanLimits::Parse("", "unpaid=1,starter=1,growth=5,*=20");
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->For("starter", 9900), 1);
  EXPECT_EQ(l->For("growth", 49900), 5);
  EXPECT_EQ(l->For("enterprise", 200000), 20);
  // Signing up makes a starter tenant that pays nothing; any plan that pays nothing is capped.
  EXPECT_EQ(l->For("starter", 0), 1);
  EXPECT_EQ(l->For("growth", 0), 1);
  EXPECT_EQ(l->For("enterprise", 0), 1);
}

TEST(PlanLimits, EntriesReplaceTheDefaultsOfTheirPlan) {
  auto l = PlanLimits::Parse(" growth=8, unpaid=0 ,scale=50", "unpaid=1,starter=1,growth=5,*=20");
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ(l->For("growth", 1), 8);
  EXPECT_EQ(l->For("starter", 1), 1);
  EXPECT_EQ(l->For("scale", 1), 50);
  EXPECT_EQ(l->For("growth", 0), 0);  // unpaid=0: nothing until someone pays
  // Without an unpaid entry, paying nothing changes nothing.
  auto plain = PlanLimits::Parse("growth=5,*=20");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->For("growth", 0), 5);
}

TEST(PlanLimits, BadSpecsSayWhatIsExpected) {
  for (const char* bad :
       {"growth", "growth=", "=5", "growth=-1", "growth=5x", "growth=2000000000", "growth=five"}) {
    auto l = PlanLimits::Parse(bad, "*=1");
    ASSERT_FALSE(l.ok()) << bad;
    EXPECT_NE(l.status().message().find("plan=N pairs"), std::string::npos) << l.status().message();
  }
  auto no_default = PlanLimits::Parse("growth=5");
  ASSERT_FALSE(no_default.ok());
  EXPECT_NE(no_default.status().message().find("*"), std::string::npos);
  EXPECT_EQ(PlanLimits().For("growth", 49900), 0);  // never configured: nothing allowed
}

}  // namespace
}  // namespace converza
