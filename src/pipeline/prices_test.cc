#include "pipeline/prices.h"

#include <gtest/gtest.h>

namespace converza::pipeline {
namespace {

TEST(PricesTest, DefaultsAreListPricesInMicros) {
  auto p = Prices::Defaults();
  EXPECT_EQ(p.micros("twilio.recording_minute"), 2500);  // $0.0025
  EXPECT_EQ(p.micros("twilio.number_month"), 1150000);   // $1.15
  EXPECT_EQ(p.micros("nope"), 0);
  // gpt-4o: 1,000 prompt tokens at $2.50/1M + 200 completion tokens at $10/1M = $0.0045.
  EXPECT_EQ(p.OpenAiMicros("gpt-4o", 1000, 200), 4500);
  EXPECT_EQ(p.OpenAiMicros("gpt-4o-mini", 1000000, 0), 150000);
  EXPECT_EQ(p.OpenAiMicros("some-local-model", 1000, 200), 4500);  // priced like gpt-4o
}

TEST(PricesTest, CachedPromptTokensAreBilledAtTheCachedRate) {
  auto p = Prices::Defaults();
  // 1,000 prompt tokens of which 800 cached: 200 x $2.50 + 800 x $1.25 per 1M = $0.0015.
  EXPECT_EQ(p.OpenAiMicros("gpt-4o", 1000, 0, 800), 1500);
  // gpt-4o-mini: 1M prompt tokens, all cached, at $0.075 per 1M.
  EXPECT_EQ(p.OpenAiMicros("gpt-4o-mini", 1000000, 0, 1000000), 75000);
  // More cached than prompt tokens is a provider bug: never a negative uncached part.
  EXPECT_EQ(p.OpenAiMicros("gpt-4o", 1000, 0, 5000), 1250);
}

TEST(PricesTest, DatedSnapshotsArePricedAsTheirModel) {
  auto p = Prices::Defaults();
  EXPECT_EQ(p.OpenAiPriceModel("gpt-4o-mini-2024-07-18"), "gpt-4o-mini");
  EXPECT_EQ(p.OpenAiPriceModel("gpt-4o-2024-08-06"), "gpt-4o");
  EXPECT_EQ(p.OpenAiPriceModel("gpt-4o-mini"), "gpt-4o-mini");
  EXPECT_EQ(p.OpenAiPriceModel("llama3"), "gpt-4o");
  EXPECT_EQ(p.OpenAiMicros("gpt-4o-mini-2024-07-18", 1000000, 0), 150000);
}

TEST(PricesTest, EnvironmentOverridesAndRejectsNonsense) {
  auto ok = Prices::Load([](const std::string& k) -> std::optional<std::string> {
    if (k == "PRICE_TWILIO_RECORDING_MINUTE") return "0.004";
    if (k == "PRICE_OPENAI_GPT_4O_INPUT_1M") return "5";
    return std::nullopt;
  });
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->micros("twilio.recording_minute"), 4000);
  EXPECT_EQ(ok->micros("openai.gpt-4o.input_1m"), 5000000);
  auto bad = Prices::Load([](const std::string& k) -> std::optional<std::string> {
    if (k == "PRICE_TWILIO_INBOUND_MINUTE") return "cheap";
    return std::nullopt;
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("PRICE_TWILIO_INBOUND_MINUTE"), std::string::npos);
}

}  // namespace
}  // namespace converza::pipeline
