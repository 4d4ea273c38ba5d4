// Property test of the LLM answer validator: every answer the schema we send allows — generated
// from that schema (tests/support/schema_sample.h: empty and maximal arrays, nulls, bounds,
// long, non-ASCII and control-character strings, totals that disagree with their items) — must
// become an insight, consistent with itself and storable, possibly with fields noted for review.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "analysis/insight.h"
#include "schema_sample.h"

namespace converza::analysis {
namespace {

TEST(InsightPropertyTest, EveryAnswerTheSchemaAllowsBecomesAConsistentInsight) {
  const auto script = DefaultScript();
  const auto schema = boost::json::parse(InsightJsonSchema(script));
  std::mt19937_64 rng(20261203);
  int with_review = 0, with_disagreeing_total = 0;
  for (int i = 0; i < 3000; ++i) {
    const auto answer = testing::SampleFromSchema(schema, rng);
    const auto& o = answer.as_object();
    long long items = 0;
    for (const auto& u : o.at("upsell_items").as_array())
      items += u.at("cents").to_number<long long>();
    with_disagreeing_total += items != o.at("upsell_cents").to_number<long long>();

    auto r = InsightFromLlmJson(boost::json::serialize(answer), script, 600000);
    ASSERT_TRUE(r.ok()) << r.status().message() << "\n" << answer;
    const Insight& in = *r;
    with_review += !in.review.empty();
    long long sum = 0;
    for (const auto& u : in.upsell_items) sum += u.cents;
    EXPECT_EQ(in.upsell_cents, sum);
    EXPECT_LE(in.coaching.size(), static_cast<std::size_t>(kMaxCoachingNotes));
    EXPECT_TRUE(in.ai_score == -1 || (in.ai_score >= 0 && in.ai_score <= 100));
    EXPECT_STREQ(SentimentLabel(in.sentiment.score), in.sentiment.label.c_str())
        << in.sentiment.score;
    EXPECT_EQ(in.script.size(), script.size());
    for (const auto& c : in.coaching) EXPECT_LE(c.at_ms, 600000);
    EXPECT_LE(in.converted_at_ms, 600000);
    EXPECT_EQ(in.currency.size(), 3u);
    // What the database stores: valid JSON without NUL (jsonb refuses U+0000).
    const std::string stored = InsightToJson(in, "call");
    EXPECT_EQ(stored.find("\\u0000"), std::string::npos);
    EXPECT_NO_THROW(boost::json::parse(stored));
  }
  // The generator reached the interesting cases.
  EXPECT_GT(with_review, 100);
  EXPECT_GT(with_disagreeing_total, 100);
}

}  // namespace
}  // namespace converza::analysis
