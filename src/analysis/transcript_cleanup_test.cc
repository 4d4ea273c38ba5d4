#include "analysis/transcript_cleanup.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

TEST(CleanTranscriptTest, MergesSameSpeakerFragmentsAndKeepsTimings) {
  std::vector<Segment> segs = {
      {Speaker::kCustomer, 5200, 6100, "  so i was   calling about", 0.9},
      {Speaker::kAgent, 0, 2000, "hello , thanks for calling", 1.0},
      {Speaker::kCustomer, 6500, 8000, "my last invoice ", 0.7},
      {Speaker::kAgent, 2500, 4000, "how can i help?", 1.0},
      {Speaker::kCustomer, 12000, 13000, "", 0.2},
  };
  auto turns = CleanTranscript(segs);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0].speaker, Speaker::kAgent);
  // A lowercase start is a continuation of the sentence.
  EXPECT_EQ(turns[0].text, "Hello, thanks for calling how can I help?");
  EXPECT_EQ(turns[0].start_ms, 0);
  EXPECT_EQ(turns[0].end_ms, 4000);
  EXPECT_EQ(turns[1].text, "So I was calling about my last invoice.");
  EXPECT_EQ(turns[1].start_ms, 5200);
  EXPECT_EQ(turns[1].end_ms, 8000);
  // A merged turn is as trustworthy as its weakest fragment.
  EXPECT_DOUBLE_EQ(turns[0].confidence, 1.0);
  EXPECT_DOUBLE_EQ(turns[1].confidence, 0.7);
}

TEST(CleanTranscriptTest, LongGapOrOtherSpeakerStartsANewTurn) {
  std::vector<Segment> segs = {
      {Speaker::kAgent, 0, 1000, "One.", 1},
      {Speaker::kAgent, 5000, 6000, "Two.", 1},
      {Speaker::kCustomer, 6100, 7000, "Three.", 1},
      {Speaker::kAgent, 7100, 8000, "Four.", 1},
  };
  EXPECT_EQ(CleanTranscript(segs).size(), 4u);
}

TEST(NormalizeTextTest, SpacingCaseAndFinalPunctuation) {
  EXPECT_EQ(NormalizeText("yes . i'm here ,ok"), "Yes. I'm here, ok.");
  EXPECT_EQ(NormalizeText("it costs 3.50 dollars"), "It costs 3.50 dollars.");
  EXPECT_EQ(NormalizeText("really?"), "Really?");
  EXPECT_EQ(NormalizeText("Hello,, uh, i'm new"), "Hello, uh, I'm new.");
  EXPECT_EQ(NormalizeText("it was 1,299 , right"), "It was 1,299, right.");
}

TEST(StripFillersTest, RemovesFillersAndStutters) {
  EXPECT_EQ(StripFillers("Um, I I want the, uh, the premium one."), "I want the premium one.");
  EXPECT_EQ(StripFillers("It's, like, way too slow, you know, every night."),
            "It's, way too slow, every night.");
  EXPECT_EQ(StripFillers("I like the blue one."), "I like the blue one.");
  EXPECT_EQ(StripFillers("w- what was that?"), "What was that?");
  EXPECT_EQ(StripFillers("It costs 5 5 dollars"), "It costs 5 5 dollars");
}

}  // namespace
}  // namespace converza::analysis
