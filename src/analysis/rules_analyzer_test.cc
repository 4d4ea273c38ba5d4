// Behaviour of the rules analyzer on sentences written for these tests (not taken from the
// evaluation set in eval/calls.jsonl, so the eval numbers are not tuned on what is tested here).
#include "analysis/rules_analyzer.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

Insight Analyze(std::initializer_list<const char*> lines) {
  return AnalyzeWithRules(Call(lines), DefaultScript());
}

TEST(ScriptTest, MissedItemsAndOfferWithoutPrice) {
  auto in = Analyze({"A: Hello?", "C: Hi, I want faster internet.",
                     "A: I'd recommend our premium fiber tier.", "C: Okay.", "A: Okay."});
  EXPECT_FALSE(in.script.at("greeting").met);
  EXPECT_FALSE(in.script.at("offer").met);
  EXPECT_FALSE(in.script.at("verify_identity").met);
  ASSERT_FALSE(in.coaching.empty());
  EXPECT_LE(in.coaching.size(), 3u);
  EXPECT_NE(in.coaching[0].note.find("without a price at 00:06"), std::string::npos)
      << in.coaching[0].note;
}

TEST(AiScoreTest, FormulaAndRange) {
  TalkMetrics balanced;
  balanced.agent_ms = 50'000;
  balanced.customer_ms = 50'000;
  EXPECT_EQ(ComputeAiScore(1.0, true, 1.0, balanced), 100);
  EXPECT_EQ(ComputeAiScore(0.0, false, -1.0, balanced), 20);  // 0.25*0.4 + 0.1*1
  TalkMetrics lecture = balanced;
  lecture.agent_ms = 95'000;
  lecture.customer_ms = 5'000;
  EXPECT_LT(ComputeAiScore(1.0, true, 1.0, lecture), 100);
}

TEST(PipelineTest, AnalyzeCallRedactsBeforeAnalysis) {
  std::vector<Segment> segs = {
      {Speaker::kAgent, 0, 2000, "thanks for calling acme, what card would you like to use?", 1},
      {Speaker::kCustomer, 2500, 6000, "visa, 4111 1111 1111 1111", 1},
  };
  std::vector<Turn> turns;
  Insight in = AnalyzeCallWithRules(segs, DefaultScript(), &turns);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[1].text, "Visa, [card number].");
  ASSERT_EQ(in.redactions.size(), 1u);
  EXPECT_EQ(in.redactions[0].kind, "card_number");
  EXPECT_EQ(in.redactions[0].count, 1);
  EXPECT_EQ(in.talk.duration_ms, 6000);
}

}  // namespace
}  // namespace converza::analysis
