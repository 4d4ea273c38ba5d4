#include "analysis/sentiment.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

double Score(const char* text) { return ScoreSentiment(Tokenize(text)).sum; }

TEST(SentimentTest, NegationAndIntensifiers) {
  EXPECT_GT(Score("I'm happy with it"), 0);
  EXPECT_LT(Score("I'm not happy with it"), 0);
  EXPECT_GT(Score("honestly that's not bad"), 0);
  EXPECT_LT(Score("honestly that's not bad"), Score("that's good"));
  EXPECT_GT(Score("extremely helpful"), Score("helpful"));
  EXPECT_LT(Score("really frustrating"), Score("frustrating"));
  EXPECT_GT(Score("no problem at all"), 0);
}

TEST(SentimentTest, TheLexiconWeighsTheEndOfTheCallMost) {
  TokenizedCall improves({"A: Hello.", "C: This has been a terrible week, I'm furious.",
                          "A: Let me sort it.", "C: Okay.", "A: Done.",
                          "C: Wow, that's wonderful, thank you so much!"});
  EXPECT_EQ(CustomerSentiment(improves.tokens).label, "positive");
  TokenizedCall sours({"A: Hello.", "C: Great, I'm excited about the new plan!",
                       "A: Here's the fee.", "C: Okay.", "A: It's mandatory.",
                       "C: That's outrageous, I'm really upset."});
  EXPECT_EQ(CustomerSentiment(sours.tokens).label, "negative");
}

}  // namespace
}  // namespace converza::analysis
