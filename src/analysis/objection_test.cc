#include "analysis/objection.h"

#include <gtest/gtest.h>

#include "analysis/test_calls.h"

namespace converza::analysis {
namespace {

Objection Detect(std::initializer_list<const char*> lines) {
  TokenizedCall call(lines);
  return DetectObjection(call.tokens);
}

TEST(ObjectionTest, EachKindWithItsQuoteAndMoment) {
  Objection o = Detect({"A: The annual plan is $300.", "C: Hmm, that's too expensive for me."});
  EXPECT_EQ(o.kind, "price");
  EXPECT_EQ(o.quote, "Hmm, that's too expensive for me.");
  EXPECT_EQ(o.at_ms, 3000);
  EXPECT_EQ(Detect({"A: It's $2,000.", "C: I need to ask my wife first."}).kind, "decision_maker");
  EXPECT_EQ(Detect({"A: It's $90.", "C: Bluewave quoted me less last week."}).kind, "competitor");
  EXPECT_EQ(Detect({"A: Can I book you in?", "C: No, I'm just looking for now."}).kind,
            "just_looking");
  EXPECT_EQ(Detect({"A: Shall we start Monday?", "C: Maybe next month, money is tight."}).kind,
            "timing");
  EXPECT_EQ(Detect({"A: It's $40 a month.", "C: I'll think about it."}).kind, "undecided");
}

TEST(ObjectionTest, TheMoreSpecificReasonWinsWithinATurn) {
  // Who decides, not the deferral that comes with it.
  EXPECT_EQ(Detect({"C: Let me think about it, I have to ask my husband."}).kind, "decision_maker");
  EXPECT_EQ(Detect({"C: Another company quoted me less, it's too expensive."}).kind, "competitor");
}

TEST(ObjectionTest, TheLastObjectionIsTheOneTheCallEndedOn) {
  Objection o =
      Detect({"A: It's $500.", "C: That's too expensive.", "A: I can do $400 with the discount.",
              "C: Okay, but I need to talk to my partner."});
  EXPECT_EQ(o.kind, "decision_maker");
  EXPECT_EQ(o.at_ms, 9000);
}

TEST(ObjectionTest, OnlyTheCustomersWordsCount) {
  EXPECT_TRUE(Detect({"A: I know it can seem too expensive, but it pays for itself.",
                      "C: Great, I'll take it."})
                  .kind.empty());
  Objection none = Detect({"A: The plan is $30.", "C: Sounds good, sign me up."});
  EXPECT_TRUE(none.kind.empty());
  EXPECT_TRUE(none.quote.empty());
  EXPECT_EQ(none.at_ms, -1);
}

TEST(ObjectionTest, KindsAreTheStoredEnum) {
  for (auto k : kObjectionKinds) EXPECT_TRUE(IsObjectionKind(k));
  EXPECT_FALSE(IsObjectionKind("expensive"));
  EXPECT_FALSE(IsObjectionKind(""));
}

}  // namespace
}  // namespace converza::analysis
