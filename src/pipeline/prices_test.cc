#include "pipeline/prices.h"

#include <gtest/gtest.h>

namespace converza::pipeline {
namespace {

TEST(PricesTest, DefaultsAreListPricesInMicros) {
  auto p = Prices::Defaults();
  EXPECT_EQ(p.micros("twilio.recording_minute"), 2500);  // $0.0025
  EXPECT_EQ(p.micros("twilio.number_month"), 1000000);   // $1.00
  EXPECT_EQ(p.micros("nope"), 0);
  // gpt-4o: 1,000 prompt tokens at $2.50/1M + 200 completion tokens at $10/1M = $0.0045.
  EXPECT_EQ(p.OpenAiMicros("gpt-4o", 1000, 200), 4500);
  EXPECT_EQ(p.OpenAiMicros("gpt-4o-mini", 1000000, 0), 150000);
  EXPECT_EQ(p.OpenAiMicros("some-local-model", 1000, 200), 4500);  // priced like gpt-4o
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
