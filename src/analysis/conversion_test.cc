#include "analysis/conversion.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"
#include "analysis/upsell.h"

namespace converza::analysis {
namespace {

// As the rules analyzer asks: with the accepted upsell, if any, as a commitment too.
bool Converted(std::initializer_list<const char*> lines) {
  TokenizedCall call(lines);
  return DetectConversion(call.tokens, FindUpsells(call.tokens)).converted;
}

TEST(ConversionTest, CommitmentsCount) {
  EXPECT_TRUE(
      Converted({"A: The annual plan is $300.", "C: Great, I'll go with the annual plan."}));
  EXPECT_TRUE(Converted(
      {"A: It's $75 for the install. Shall I go ahead and book Friday?", "C: Yep, please do."}));
  EXPECT_TRUE(Converted({"C: I was going to cancel my subscription.",
                         "A: I can give you two months at half price if you stay.",
                         "C: Fine, I'll stay on the plan."}));
}

TEST(ConversionTest, TheCommitmentIsQuotedNotTheHagglingBeforeIt) {
  // A demo call: the customer asks for a competitor's price, then books. The quote is the
  // booking; the question was a negotiation (the rules' upsell reading took it for a "yes").
  TokenizedCall call(
      {"A: We can send a plumber out this afternoon, the service call is $89 and "
       "the repair itself is $245.",
       "C: They told me FlowRight Plumbing would do it for about fifty dollars "
       "less, can you match that?",
       "A: I understand. Our technicians are licensed and every job is guaranteed "
       "for a year, so you won't pay twice.",
       "C: Um, okay, please send someone out this afternoon."});
  const Conversion c = DetectConversion(call.tokens, FindUpsells(call.tokens));
  EXPECT_TRUE(c.converted);
  EXPECT_EQ(c.evidence, "Um, okay, please send someone out this afternoon.");
  EXPECT_FALSE(Converted(
      {"A: The repair is $245.", "C: Another company quoted me less, can you match that?"}));
}

TEST(ConversionTest, ACommitmentKnowsWhetherItAnswersAnAmount) {
  auto answers = [](std::initializer_list<const char*> lines) {
    TokenizedCall call(lines);
    const Conversion c = DetectConversion(call.tokens, FindUpsells(call.tokens));
    EXPECT_TRUE(c.converted);
    return c.answers_price;
  };
  EXPECT_TRUE(answers({"A: The drain cleaning is $179 and we can be there this afternoon.",
                       "C: Okay, let's book the drain cleaning."}));
  // A discount is an amount the customer answers too.
  EXPECT_TRUE(answers({"A: Would you like to stay on the plan? I can add a $20 loyalty credit.",
                       "C: Fine, I'll stay on the plan."}));
  EXPECT_FALSE(answers({"A: The annual plan is $300.", "C: Hmm, what does it include?",
                        "A: Everything in monthly, plus priority support.",
                        "C: Great, I'll go with the annual plan."}));
  // An accepted add-on commits by its reply, which answers the add-on's price.
  EXPECT_TRUE(answers({"A: Your oil change is booked. Want to add a tire rotation for $25 more?",
                       "C: Sure, add it."}));
}

TEST(ConversionTest, DeferralsCancellationsAndFreeVisitsDoNot) {
  EXPECT_FALSE(Converted({"A: The package is $2,000.", "C: Let me run it by my partner first."}));
  EXPECT_FALSE(Converted({"A: It's $900 installed.", "C: Could you email me a quote?"}));
  EXPECT_FALSE(
      Converted({"A: It's $40 a month.", "C: Sounds good. Actually, I need to think it over."}));
  EXPECT_FALSE(Converted({"C: Please cancel my account.", "A: Done, it's cancelled."}));
  EXPECT_FALSE(Converted({"A: The inspection is free. Would you like me to book it for Monday?",
                          "C: Yes, Monday works."}));
}

}  // namespace
}  // namespace converza::analysis
