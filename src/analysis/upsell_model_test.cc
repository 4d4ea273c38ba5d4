#include "analysis/upsell_model.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

UpsellOffer Offer(long long cents, bool accepted) {
  UpsellOffer o;
  o.unit_cents = cents;
  o.accepted = accepted;
  return o;
}

TEST(UpsellModelTest, EachOffersLabelComesFromTheOneSetThatAddsUpToTheTotal) {
  UpsellResult r;
  r.offers = {Offer(89900, true), Offer(1900, true), Offer(4900, false)};
  EXPECT_EQ(InferOfferLabels(r, 1900), (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(InferOfferLabels(r, 6800), (std::vector<int>{0, 1, 1}));
  EXPECT_EQ(InferOfferLabels(r, 0), (std::vector<int>{0, 0, 0}));
  EXPECT_TRUE(InferOfferLabels(r, 500).empty());  // no set explains it
  // A repeated price (a recap) is one amount: both offers carry its label.
  r.offers.push_back(Offer(1900, false));
  EXPECT_EQ(InferOfferLabels(r, 1900), (std::vector<int>{0, 1, 0, 1}));
  // Two sets explain 3000: the call teaches nothing.
  UpsellResult two;
  two.offers = {Offer(1000, true), Offer(2000, true), Offer(3000, false)};
  EXPECT_TRUE(InferOfferLabels(two, 3000).empty());
}

TEST(UpsellModelTest, TheBoughtAddOnCountsTheDeclinedOneDoesNot) {
  TokenizedCall call({"A: The blender is $89. Want to add the 3 year warranty for $19?",
                      "C: Sure, throw the warranty in.",
                      "A: We also have a recipe book for $15 more.",
                      "C: No thanks, I'll pass on the book."});
  const UpsellResult up = LearnedUpsells(call.tokens, FindUpsells(call.tokens));
  EXPECT_EQ(up.cents, 1900);
  ASSERT_EQ(up.items.size(), 1u);
  EXPECT_EQ(up.items[0].name, "3 year warranty");
  for (const UpsellOffer& o : up.offers) EXPECT_EQ(o.accepted, o.unit_cents == 1900) << o.name;
}

TEST(UpsellModelTest, OfferFeaturesStartWithTheBiasAndTheRulesReading) {
  TokenizedCall call({"A: Add roadside assistance for $9 a month?", "C: Yes please."});
  const UpsellResult rules = FindUpsells(call.tokens);
  ASSERT_EQ(rules.offers.size(), 1u);
  const auto f = OfferFeatures(call.tokens, rules.offers[0]);
  ASSERT_GE(f.size(), 2u);
  EXPECT_EQ(f[0].id, FeatureId("bias", ""));
  EXPECT_EQ(f[1].id, FeatureId("rules", ""));
  EXPECT_EQ(f[1].value, 1.0f);  // the rules read "yes please" as accepting
}

}  // namespace
}  // namespace converza::analysis
