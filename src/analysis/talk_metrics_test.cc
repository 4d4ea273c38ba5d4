#include "analysis/talk_metrics.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

TEST(TalkMetricsTest, TimesRatioSilenceMonologueAndPace) {
  std::vector<Turn> turns = {
      {Speaker::kAgent, 0, 10000, "one two three four five six seven eight nine ten", {}},
      {Speaker::kCustomer, 12000, 17000, "a b c d e", {}},
      {Speaker::kAgent, 18000, 28000, "x", {}},
      {Speaker::kAgent, 28500, 40000, "y", {}},
  };
  TalkMetrics m = ComputeTalkMetrics(turns);
  EXPECT_EQ(m.duration_ms, 40000);
  EXPECT_EQ(m.agent_ms, 31500);
  EXPECT_EQ(m.customer_ms, 5000);
  EXPECT_DOUBLE_EQ(m.talk_listen_ratio, 6.3);
  EXPECT_EQ(m.longest_monologue_ms, 22000);
  EXPECT_EQ(m.longest_monologue_speaker, Speaker::kAgent);
  EXPECT_EQ(m.longest_monologue_start_ms, 18000);
  EXPECT_NEAR(m.silence_share, 3500.0 / 40000, 1e-9);
  EXPECT_EQ(m.interruptions, 0);
  EXPECT_DOUBLE_EQ(m.customer_wpm, 60.0);
}

TEST(TalkMetricsTest, OverlapsWithWordsAreInterruptionsBackchannelsAreNot) {
  std::vector<Turn> turns = {
      {Speaker::kAgent, 0, 10000, "let me explain the whole thing slowly", {}},
      {Speaker::kCustomer, 5000, 6000, "mm-hmm", {}},
      {Speaker::kCustomer, 8000, 12000, "no wait that is wrong", {}},
  };
  EXPECT_EQ(ComputeTalkMetrics(turns).interruptions, 1);
  EXPECT_EQ(ComputeTalkMetrics({}).duration_ms, 0);
}

}  // namespace
}  // namespace converza::analysis
