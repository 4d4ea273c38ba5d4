#include "analysis/upsell_model.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

UpsellCandidate Candidate(long long cents) {
  UpsellCandidate c;
  c.offer.unit_cents = cents;
  return c;
}

TEST(UpsellModelTest, EachCandidatesLabelComesFromTheSmallestSetThatAddsUpToTheTotal) {
  const std::vector<UpsellCandidate> c = {Candidate(89900), Candidate(1900), Candidate(4900)};
  EXPECT_EQ(InferCandidateLabels(c, 1900), (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(InferCandidateLabels(c, 6800), (std::vector<int>{0, 1, 1}));
  EXPECT_EQ(InferCandidateLabels(c, 0), (std::vector<int>{0, 0, 0}));
  EXPECT_TRUE(InferCandidateLabels(c, 500).empty());  // no set explains it
  // 3000 is one amount or two: the single amount is the likelier reading.
  const std::vector<UpsellCandidate> three = {Candidate(1000), Candidate(2000), Candidate(3000)};
  EXPECT_EQ(InferCandidateLabels(three, 3000), (std::vector<int>{0, 0, 1}));
  // Two sets of the same size explain 3000: the call teaches nothing.
  const std::vector<UpsellCandidate> two = {Candidate(1000), Candidate(2000), Candidate(500),
                                            Candidate(2500)};
  EXPECT_TRUE(InferCandidateLabels(two, 3000).empty());
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

TEST(UpsellModelTest, CandidateFeaturesStartWithTheBiasAndTheRulesReading) {
  TokenizedCall call({"A: Add roadside assistance for $9 a month?", "C: Yes please."});
  const auto candidates = FindUpsellCandidates(call.tokens, FindUpsells(call.tokens));
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_TRUE(candidates[0].rules_offer);
  const auto f = CandidateFeatures(call.tokens, candidates[0]);
  ASSERT_GE(f.size(), 2u);
  EXPECT_EQ(f[0].id, FeatureId("bias", ""));
  EXPECT_EQ(f[1].id, FeatureId("rules", ""));
  EXPECT_EQ(f[1].value, 1.0f);  // the rules read "yes please" as accepting
}

// Amounts the rules passed over: a tier upgrade priced as a difference with no add-on word in
// its sentence, and an add-on priced in the sentence after the one naming it.
TEST(UpsellModelTest, FindsAcceptedUpgradesTheRulesPassedOver) {
  TokenizedCall bigger({"A: The basic plan is $30 a month.", "C: What about the bigger one?",
                        "A: The bigger one is twenty dollars more a month.",
                        "C: Yeah let's do the bigger one."});
  EXPECT_EQ(LearnedUpsells(bigger.tokens, FindUpsells(bigger.tokens)).cents, 2000);
  TokenizedCall declined({"A: The basic plan is $30 a month.", "C: What about the bigger one?",
                          "A: The bigger one is twenty dollars more a month.",
                          "C: No, the basic one is fine."});
  EXPECT_EQ(LearnedUpsells(declined.tokens, FindUpsells(declined.tokens)).cents, 0);
}

}  // namespace
}  // namespace converza::analysis
