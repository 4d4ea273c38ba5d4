#include "analysis/confidence.h"

#include <gtest/gtest.h>

namespace converza::analysis {
namespace {

const std::vector<Turn> kCall = {
    {Speaker::kAgent, 0, 3000, "Thanks for calling Harbor Dental.", {}},
    {Speaker::kAgent, 4000, 7000, "A cleaning is $120, and whitening is $50 more.", {}},
    {Speaker::kCustomer, 8000, 11000, "Great, thank you, I'll think about it.", {}},
};

TEST(ConfidenceTest, AFindingWithItsQuoteIsStrongAndOneWithoutIsWeak) {
  Insight in;
  in.converted = true;
  in.converted_evidence = "I'll think about it";
  in.script["greeting"] = {true, "Thanks for calling Harbor Dental", 0};
  in.script["recap"] = {true, "", -1};  // said to be met, with nothing to show for it
  in.script["closing"] = {false, "", -1};
  AssessConfidence(kCall, in);
  EXPECT_GE(in.confidence["converted"], kNeedsReview);
  EXPECT_GE(in.confidence["script.greeting"], kNeedsReview);
  EXPECT_LT(in.confidence["script.recap"], kNeedsReview);
  EXPECT_GE(in.confidence["script.closing"], kNeedsReview);
  EXPECT_GT(in.confidence["script.greeting"], in.confidence["script.closing"]);

  in.converted_evidence.clear();
  AssessConfidence(kCall, in);
  EXPECT_LT(in.confidence["converted"], kNeedsReview);
}

TEST(ConfidenceTest, APricedCallThatEndsHappyWithoutASaleIsUnsure) {
  Insight in;
  in.sentiment = {0.6, "positive"};
  AssessConfidence(kCall, in);
  EXPECT_LT(in.confidence["converted"], kNeedsReview) << "a sale may have been missed";
  const std::vector<Turn> no_price = {kCall[0], kCall[2]};
  AssessConfidence(no_price, in);
  EXPECT_GE(in.confidence["converted"], kNeedsReview);
}

TEST(ConfidenceTest, SentimentNearALabelBoundaryIsUnsure) {
  Insight in;
  for (double score : {0.19, -0.21, 0.1}) {
    in.sentiment.score = score;
    AssessConfidence(kCall, in);
    EXPECT_LT(in.confidence["sentiment"], kNeedsReview) << score;
  }
  for (double score : {0.0, 0.7, -0.8}) {
    in.sentiment.score = score;
    AssessConfidence(kCall, in);
    EXPECT_GE(in.confidence["sentiment"], kNeedsReview) << score;
  }
  in.sentiment.score = -0.9;
  AssessConfidence(kCall, in);
  const double far = in.confidence["sentiment"];
  in.sentiment.score = -0.45;
  AssessConfidence(kCall, in);
  EXPECT_GT(far, in.confidence["sentiment"]);
}

TEST(ConfidenceTest, WhatGroundingCutIsWeak) {
  Insight in;
  in.upsell_cents = 5000;
  in.upsell_items = {{"whitening", 5000}};
  AssessConfidence(kCall, in);
  EXPECT_GE(in.confidence["upsell"], kNeedsReview);
  in.review.push_back({"upsell_items[1]", "amount not spoken in the call"});
  in.review.push_back({"script.offer", "quote not in the transcript"});
  in.script["offer"] = {true, "", -1};
  AssessConfidence(kCall, in);
  EXPECT_LT(in.confidence["upsell"], kNeedsReview);
  EXPECT_LT(in.confidence["script.offer"], kNeedsReview);
  EXPECT_GE(in.confidence["converted"], kNeedsReview) << "other fields keep theirs";
}

}  // namespace
}  // namespace converza::analysis
