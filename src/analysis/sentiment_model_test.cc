#include "analysis/sentiment_model.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

Sentiment Learned(std::initializer_list<const char*> lines) {
  TokenizedCall call(lines);
  return LearnedSentiment(call.tokens);
}

TEST(SentimentModelTest, WeightedTowardTheEnd) {
  auto improves =
      Learned({"A: Hello.", "C: This has been a terrible week, I'm furious.", "A: Let me sort it.",
               "C: Okay.", "A: Done.", "C: Wow, that's wonderful, thank you so much!"});
  EXPECT_EQ(improves.label, "positive");
  // The same start, two endings: the sour one scores well below the happy one.
  auto sours =
      Learned({"A: Hello.", "C: Great, I'm excited about the new plan!", "A: Here's the fee.",
               "C: Okay.", "A: It's mandatory.", "C: That's outrageous, I'm really upset."});
  auto stays =
      Learned({"A: Hello.", "C: Great, I'm excited about the new plan!", "A: Here's the fee.",
               "C: Okay.", "A: It's mandatory.", "C: That's fine, thanks so much for the help."});
  EXPECT_LT(sours.score + 0.3, stays.score);
  auto flat =
      Learned({"A: Hi.", "C: What time do you open tomorrow?", "A: Eight.", "C: Okay, bye."});
  EXPECT_EQ(flat.label, "neutral");
}

TEST(SentimentModelTest, TheScoreStaysInsideTheLabelsBand) {
  for (auto lines : {std::initializer_list<const char*>{"C: This is a disaster, I want a refund."},
                     std::initializer_list<const char*>{"C: What time do you open?"},
                     std::initializer_list<const char*>{"C: Perfect, thank you so much!"},
                     std::initializer_list<const char*>{}}) {
    TokenizedCall call(lines);
    double p = 0;
    const Sentiment s = LearnedSentiment(call.tokens, &p);
    EXPECT_GT(p, 1.0 / 3 - 1e-9);
    EXPECT_LE(p, 1.0);
    const bool in_band = s.label == "positive" ? s.score >= kPositiveThreshold
                         : s.label == "negative"
                             ? s.score <= kNegativeThreshold
                             : s.score > kNegativeThreshold && s.score < kPositiveThreshold;
    EXPECT_TRUE(in_band) << s.label << " " << s.score;
  }
}

}  // namespace
}  // namespace converza::analysis
