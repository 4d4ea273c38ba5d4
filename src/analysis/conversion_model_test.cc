#include "analysis/conversion_model.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"
#include "analysis/upsell.h"

namespace converza::analysis {
namespace {

// As the rules analyzer asks: the rules' verdict first, then the model's.
Conversion Learned(const TokenizedCall& call, double* probability = nullptr) {
  return LearnedConversion(call.tokens, DetectConversion(call.tokens, FindUpsells(call.tokens)),
                           probability);
}

TEST(ConversionModelTest, ACommitmentIsASaleQuotedFromTheCommittingTurn) {
  TokenizedCall call({"A: Thanks for calling Bright Pools, this is Sam.",
                      "C: Hi, I'd like the weekly cleaning you advertised.",
                      "A: That's $120 a month. Shall I set you up starting Monday?",
                      "C: Yes, let's do it, put it on my card.", "A: Done, you're all set.",
                      "C: Great, thanks."});
  double p = 0;
  const Conversion c = Learned(call, &p);
  EXPECT_TRUE(c.converted);
  EXPECT_EQ(c.evidence, "Yes, let's do it, put it on my card.");
  EXPECT_EQ(c.at_ms, 9000);
  EXPECT_GT(p, 0.5);
}

TEST(ConversionModelTest, ADeferralIsNoSaleAndCarriesNoEvidence) {
  TokenizedCall call({"A: Thanks for calling Bright Pools, this is Sam.",
                      "C: Hi, how much is the weekly cleaning?", "A: That's $120 a month.",
                      "C: Okay. I'll think about it and call you back next week.",
                      "A: Sure, thanks for calling.", "C: Bye."});
  double p = 0;
  const Conversion c = Learned(call, &p);
  EXPECT_FALSE(c.converted);
  EXPECT_TRUE(c.evidence.empty());
  EXPECT_EQ(c.at_ms, -1);
  EXPECT_GT(p, 0.5);
}

TEST(ConversionModelTest, AYesTheRulesMissedIsQuotedFromTheCustomerTurnThatDroveIt) {
  TokenizedCall call({"A: Bright Pools, Sam speaking.",
                      "C: Hi, I'd like to book the weekly cleaning, card on file is fine.",
                      "A: Perfect, the payment went through and you're booked for Monday.",
                      "C: Great, thank you so much."});
  // Whatever the rules said, a "no" from them leaves the model to find its own quote.
  const Conversion c = LearnedConversion(call.tokens, Conversion{});
  ASSERT_TRUE(c.converted);
  EXPECT_EQ(c.evidence, "Hi, I'd like to book the weekly cleaning, card on file is fine.");
  EXPECT_EQ(c.at_ms, 3000);
}

TEST(ConversionModelTest, WhatCameBeforeABookingThatAnswersThePriceDoesNotUndoIt) {
  // A demo call (the simulator's home-services scenario, its consecutive turns joined as the
  // analyzer joins them): a plain booking answers the price. Without the guard the model
  // overturned it on the customer's earlier turns (20 of 300 such sales read as none).
  TokenizedCall call(
      {"A: Thank you for calling Acme Home Services, this is Marcus. How can I help you today?",
       "C: Hello, the shower drain backs up every time we use it.",
       "A: Can I get your name and a good phone number for the technician?",
       "C: Sure, it's David Wilson, and my number is 415 555 0149.",
       "A: Thank you, David. We can clear the drain with a professional snake for $179, and we "
       "have a technician free this afternoon.",
       "C: You know, okay, let's book the drain cleaning for this afternoon. Awesome, that was "
       "easier than I expected, thanks!",
       "A: Thank you for calling Acme Home Services, David. Have a great day!", "C: Bye."});
  const Conversion rules = DetectConversion(call.tokens, FindUpsells(call.tokens));
  ASSERT_TRUE(rules.converted);
  const Conversion c = LearnedConversion(call.tokens, rules);
  EXPECT_TRUE(c.converted);
  EXPECT_EQ(c.at_ms, rules.at_ms);
}

TEST(ConversionModelTest, FeaturesNameTheirTurn) {
  TokenizedCall call({"A: Hello there.", "C: I'll take it."});
  std::vector<std::size_t> turn_of;
  const auto features = ConversionFeatures(call.tokens, Conversion{}, &turn_of);
  ASSERT_EQ(turn_of.size(), features.size());
  std::size_t whole = 0, agent = 0, customer = 0;
  for (std::size_t t : turn_of) {
    whole += t == static_cast<std::size_t>(-1);
    agent += t == 0;
    customer += t == 1;
  }
  EXPECT_EQ(whole, 2u);     // bias and the rules' verdict
  EXPECT_GT(agent, 0u);     // "hello", "there" and their pair
  EXPECT_GT(customer, 0u);  // "i'll", "take", "it" and their pairs
  EXPECT_EQ(whole + agent + customer, features.size());
}

}  // namespace
}  // namespace converza::analysis
