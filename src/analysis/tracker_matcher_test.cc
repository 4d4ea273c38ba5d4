#include "analysis/tracker_matcher.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

Turn T(Speaker s, int start, int end, std::string text) {
  Turn t;
  t.speaker = s;
  t.start_ms = start;
  t.end_ms = end;
  t.text = std::move(text);
  return t;
}

TEST(TrackerMatcherTest, StemsPluralsAndVerbForms) {
  EXPECT_EQ(StemWord("competitors"), StemWord("competitor"));
  EXPECT_EQ(StemWord("cancelling"), "cancel");
  EXPECT_EQ(StemWord("cancelled"), "cancel");
  EXPECT_EQ(StemWord("canceled"), "cancel");
  EXPECT_EQ(StemWord("cancels"), "cancel");
  EXPECT_EQ(StemWord("prices"), StemWord("price"));
  EXPECT_EQ(StemWord("pricing"), StemWord("price"));
  EXPECT_EQ(StemWord("companies"), "company");
  EXPECT_EQ(StemWord("company's"), "company");
  EXPECT_EQ(StemWord("recorded"), "record");
  EXPECT_EQ(StemWord("calling"), "call");
  EXPECT_EQ(StemWord("called"), "call");
  EXPECT_EQ(StemWord("billing"), "bill");
  EXPECT_EQ(StemWord("stopped"), "stop");
  // Short words and -ss/-us are left alone.
  EXPECT_EQ(StemWord("is"), "is");
  EXPECT_EQ(StemWord("business"), "business");
  EXPECT_EQ(StemWord("status"), "status");
}

TEST(TrackerMatcherTest, NormalisationIgnoresCasePunctuationAndFillers) {
  EXPECT_EQ(TrackerWords("Cancel, uh, MY account!"), TrackerWords("cancel my account"));
  EXPECT_TRUE(TrackerWords("uh... um").empty());
}

TEST(TrackerMatcherTest, CountsHitsWithFirstMomentAndSpeaker) {
  TrackerMatcher m({{"t-cancel", {"cancel my account", "cancel"}},
                    {"t-competitor", {"other company", "cheaper elsewhere"}},
                    {"t-never", {"recording disclosure"}}});
  std::vector<Turn> turns = {
      T(Speaker::kAgent, 0, 2000, "Thanks for calling, how can I help?"),
      T(Speaker::kCustomer, 2000, 6000,
        "I want to cancel, uh, my account. The other companies are cheaper."),
      T(Speaker::kAgent, 6000, 8000, "Before you cancel, let me check."),
      T(Speaker::kCustomer, 8000, 9000, "I'm Cancelling."),
  };
  auto hits = m.Match(turns);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].tracker_id, "t-cancel");
  EXPECT_EQ(hits[0].count, 3);  // "cancel, uh, my account" once, "cancel", "Cancelling"
  EXPECT_EQ(hits[0].speaker, Speaker::kCustomer);
  EXPECT_GT(hits[0].first_ms, 2000);
  EXPECT_LT(hits[0].first_ms, 4000);
  EXPECT_EQ(hits[1].tracker_id, "t-competitor");
  EXPECT_EQ(hits[1].count, 1);
}

TEST(TrackerMatcherTest, PhrasesDoNotMatchAcrossTurnsOrPartialWords) {
  TrackerMatcher m({{"t", {"price match"}}, {"u", {"cancel"}}});
  auto hits =
      m.Match({T(Speaker::kCustomer, 0, 1000, "What's the price?"),
               T(Speaker::kAgent, 1000, 2000, "Match it, you mean? Cancellation fees apply.")});
  EXPECT_TRUE(hits.empty());
}

TEST(TrackerMatcherTest, EmptyPhrasesNeverHit) {
  TrackerMatcher m({{"t", {"", "uh", "..."}}});
  EXPECT_TRUE(m.Match({T(Speaker::kCustomer, 0, 1000, "uh ... well")}).empty());
}

}  // namespace
}  // namespace converza::analysis
