#include "alerts/signature.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "alerts/message.h"
#include "alerts/sender.h"

namespace converza::alerts {
namespace {

// The expected value was computed with Python's hmac module, not with this code.
TEST(WebhookSignature, IsHmacSha256OverTimestampDotBody) {
  EXPECT_EQ(WebhookSignature("whsec-test", 1767225600, R"({"text":"hi"})"),
            "v1=27375f598d1484bdee63203197e8b5a966a40f9dad880dcd3c943b417ed9c514");
  EXPECT_NE(WebhookSignature("whsec-test", 1767225601, R"({"text":"hi"})"),
            WebhookSignature("whsec-test", 1767225600, R"({"text":"hi"})"));
}

TEST(AlertMessage, TheBodyCarriesSlacksTextAndTheFacts) {
  AlertFacts f;
  f.delivery_id = 7;
  f.rule_id = "r1";
  f.rule_name = "Long and negative";
  f.kind = "negative_long_call";
  f.threshold = 120;
  f.call_id = "c1";
  f.started_at = "2026-12-05T10:00:00Z";
  f.duration_s = 185;
  f.agent_name = "Ann";
  f.sentiment = "negative";
  f.ai_score = 41;
  f.upsell_cents = 4900;
  f.call_url = "https://app.test/calls/view?id=c1";
  auto body = boost::json::parse(WebhookBody(f)).as_object();
  EXPECT_EQ(
      body.at("text").as_string(),
      "Converza alert \"Long and negative\": Negative call longer than 2m 0s — call of 3m 5s"
      " with Ann, AI score 41, negative, upsell 49.00 USD. https://app.test/calls/view?id=c1");
  EXPECT_EQ(body.at("type").as_string(), "converza.alert");
  EXPECT_EQ(body.at("delivery_id").as_int64(), 7);
  EXPECT_EQ(body.at("rule").at("kind").as_string(), "negative_long_call");
  EXPECT_EQ(body.at("call").at("ai_score").as_int64(), 41);
  EXPECT_EQ(body.at("call").at("url").as_string(), f.call_url);
  EXPECT_NE(EmailText(f).find("Open the call: https://app.test/calls/view?id=c1\n"),
            std::string::npos);

  f.kind = "tracker_hit";
  f.threshold.reset();
  f.tracker_name = "Competitor";
  f.ai_score.reset();
  EXPECT_EQ(Condition(f), "Tracker \"Competitor\" was hit");
  body = boost::json::parse(WebhookBody(f)).as_object();
  EXPECT_TRUE(body.at("call").at("ai_score").is_null());
  EXPECT_EQ(body.at("rule").at("tracker").as_string(), "Competitor");
  f.kind = "upsell_above";
  f.threshold = 99.5;
  EXPECT_EQ(Condition(f), "Upsell above 99.50 USD");
}

TEST(AlertRetry, WaitsGrowToAnHour) {
  EXPECT_EQ(RetryDelay(1).count(), 30);
  EXPECT_EQ(RetryDelay(2).count(), 120);
  EXPECT_EQ(RetryDelay(3).count(), 480);
  EXPECT_EQ(RetryDelay(4).count(), 1920);
  EXPECT_EQ(RetryDelay(5).count(), 3600);
  EXPECT_EQ(RetryDelay(50).count(), 3600);
}

}  // namespace
}  // namespace converza::alerts
