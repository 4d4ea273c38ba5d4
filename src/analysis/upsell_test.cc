#include "analysis/upsell.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

UpsellResult Upsell(std::initializer_list<const char*> lines) {
  TokenizedCall call(lines);
  return FindUpsells(call.tokens);
}

TEST(UpsellTest, AcceptedAddOnCountsDeclinedDoesNot) {
  auto yes = Upsell({"A: The blender is $89. Want to add the 3 year warranty for $19?",
                     "C: Sure, throw the warranty in."});
  EXPECT_EQ(yes.cents, 1900);
  ASSERT_EQ(yes.items.size(), 1u);
  EXPECT_EQ(yes.items[0].name, "3 year warranty");
  auto no = Upsell(
      {"A: You could add the 3 year warranty for $19.", "C: Nah, I'll pass on the warranty."});
  EXPECT_EQ(no.cents, 0);
  auto open = Upsell({"A: We can add premium support for $40 more a month.",
                      "C: What does that include?", "A: Faster replies.", "C: Hmm, interesting."});
  EXPECT_EQ(open.cents, 0);
}

TEST(UpsellTest, RecurringOncePerUnitTimesUnitsDiscountsNever) {
  auto monthly = Upsell({"A: HD streaming is nine ninety-nine more a month.", "C: Yes, add it."});
  EXPECT_EQ(monthly.cents, 999);
  auto per_night = Upsell({"C: We'll stay three nights.",
                           "A: A suite upgrade is 40 more per night.", "C: Let's do the suite."});
  EXPECT_EQ(per_night.cents, 12000);
  auto discount = Upsell({"A: If you add autopay you save $10 a month.", "C: Sure, add autopay."});
  EXPECT_EQ(discount.cents, 0);
  auto words = Upsell({"A: The gold package adds twenty five dollars extra.", "C: Okay, add it."});
  EXPECT_EQ(words.cents, 2500);
}

}  // namespace
}  // namespace converza::analysis
