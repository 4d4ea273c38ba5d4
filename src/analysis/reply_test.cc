#include "analysis/reply.h"

#include <gtest/gtest.h>

#include <string_view>

namespace converza::analysis {
namespace {

Reply Classify(std::string_view text) { return ClassifyReply(Tokenize(text)); }

TEST(ReplyTest, DeclinesWinOverAccepts) {
  EXPECT_EQ(Classify("yeah, no, I'll pass"), Reply::kDecline);
  EXPECT_EQ(Classify("sure, but let me think about it"), Reply::kDecline);
  EXPECT_EQ(Classify("yes please"), Reply::kAccept);
  EXPECT_EQ(Classify("hmm, how long does it take?"), Reply::kUndecided);
}

TEST(ReplyTest, ACommandToGoAheadIsNotUndoneByItsReason) {
  // Unpunctuated speech runs the reason on: its "don't want" is no decline.
  EXPECT_EQ(Classify("uh yeah fine add it i don't want her stuck on the side of the road"),
            Reply::kAccept);
  EXPECT_EQ(Classify("book it, I don't think we'll find better"), Reply::kAccept);
  // A decline before the command still decides.
  EXPECT_EQ(Classify("no thanks, just add it to the old order"), Reply::kDecline);
  EXPECT_EQ(Classify("I don't want the plan, go ahead with the repair"), Reply::kDecline);
}

}  // namespace
}  // namespace converza::analysis
