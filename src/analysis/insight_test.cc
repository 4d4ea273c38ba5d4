#include "analysis/insight.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace converza::analysis {
namespace {

std::vector<ScriptItem> TwoItems() {
  return {{"greeting", "Greeting", "greets"}, {"upsell_attempt", "Upsell attempt", "offers more"}};
}

std::string Valid() {
  return R"({"sentiment":{"score":0.5,"label":"positive"},"converted":true,
    "converted_evidence":"I'll take it","converted_at_ms":61000,"upsell_cents":3000,
    "currency":"USD","upsell_items":[{"name":"warranty","cents":3000}],
    "script":{"greeting":{"met":true,"evidence":"Thanks for calling Acme"},"upsell_attempt":{"met":false,"evidence":""}},
    "ai_score":82,"summary":"Bought a TV.","coaching":[{"note":"Recap next steps","at_ms":90000}]})";
}

TEST(InsightTest, ValidLlmOutputParses) {
  auto r = InsightFromLlmJson(Valid(), TwoItems());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->converted);
  EXPECT_EQ(r->upsell_cents, 3000);
  EXPECT_EQ(r->script.at("greeting").evidence, "Thanks for calling Acme");
  EXPECT_EQ(r->coaching.at(0).at_ms, 90000);
}

TEST(InsightTest, RejectsWithPreciseMessages) {
  auto check = [](std::string from, std::string to, std::string want) {
    std::string j = Valid();
    auto pos = j.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    j.replace(pos, from.size(), to);
    auto r = InsightFromLlmJson(j, TwoItems());
    ASSERT_FALSE(r.ok()) << to;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
  };
  check("\"label\":\"positive\"", "\"label\":\"happy\"", "sentiment.label");
  check("\"score\":0.5", "\"score\":1.5", "sentiment.score");
  check("\"ai_score\":82", "\"ai_score\":182", "ai_score");
  check("\"upsell_cents\":3000", "\"upsell_cents\":2000", "sum of upsell_items");
  check("\"converted\":true", "\"converted\":\"yes\"", "converted: expected a boolean");
  check(",\"upsell_attempt\":{\"met\":false,\"evidence\":\"\"}", "",
        "script.upsell_attempt: missing");
  check("\"greeting\":{", "\"greetin\":{", "script.greetin: not an item");
  check("\"coaching\":[{\"note\":\"Recap next steps\",\"at_ms\":90000}]", "\"coaching\":[]",
        "coaching: expected 1 to 3");
  check("\"summary\"", "\"extra\":1,\"summary\"", "extra: unexpected property");
  EXPECT_FALSE(InsightFromLlmJson("{not json", TwoItems()).ok());
}

TEST(InsightTest, SchemaIsStrict) {
  auto v = boost::json::parse(InsightJsonSchema(TwoItems())).as_object();
  EXPECT_EQ(v.at("additionalProperties"), false);
  EXPECT_EQ(v.at("required").as_array().size(), v.at("properties").as_object().size());
  auto& script = v.at("properties").at("script").as_object();
  EXPECT_EQ(script.at("required").as_array().size(), 2u);
  EXPECT_EQ(script.at("properties").at("upsell_attempt").at("additionalProperties"), false);
}

TEST(InsightTest, ToJsonCarriesIdFirstAndAllFields) {
  Insight in;
  in.converted = true;
  in.upsell_cents = 1500;
  in.script["greeting"] = {true, "Hi, Acme here"};
  in.coaching.push_back({"Ask more questions", 1000});
  in.redactions.push_back({"card_number", 2});
  std::string s = InsightToJson(in, "call-7");
  EXPECT_EQ(s.rfind("{\"id\":\"call-7\"", 0), 0u);
  auto v = boost::json::parse(s).as_object();
  EXPECT_EQ(v.at("script").at("greeting"), true);
  EXPECT_EQ(v.at("script_evidence").at("greeting"), "Hi, Acme here");
  EXPECT_EQ(v.at("sentiment").at("label"), "neutral");
  EXPECT_EQ(v.at("redactions").at(0).at("count"), 2);
  EXPECT_TRUE(v.contains("talk"));
  EXPECT_STREQ(SentimentLabel(0.2), "positive");
  EXPECT_STREQ(SentimentLabel(-0.19), "neutral");
}

}  // namespace
}  // namespace converza::analysis
