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

// Only an answer without its headline fields cannot be used (and is worth a repair request).
TEST(InsightTest, AnAnswerWithoutItsHeadlineFieldsIsUnusable) {
  auto unusable = [](std::string from, std::string to, std::string want) {
    std::string j = Valid();
    auto pos = j.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    j.replace(pos, from.size(), to);
    auto r = InsightFromLlmJson(j, TwoItems());
    ASSERT_FALSE(r.ok()) << to;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find(want), std::string::npos) << r.status().message();
  };
  unusable("\"label\":\"positive\"", "\"label\":\"happy\"", "sentiment.label");
  unusable("\"converted\":true", "\"converted\":\"yes\"", "converted: expected a boolean");
  EXPECT_FALSE(InsightFromLlmJson("{not json", TwoItems()).ok());
  EXPECT_FALSE(InsightFromLlmJson("[1]", TwoItems()).ok());
}

// Any other flaw keeps the insight: the field is dropped or corrected and noted for review.
TEST(InsightTest, AFlawedFieldIsNotedForReviewAndTheRestKept) {
  auto reviewed = [](std::string from, std::string to, std::string field, std::string reason) {
    std::string j = Valid();
    auto pos = j.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos == std::string::npos) return Insight{};
    j.replace(pos, from.size(), to);
    auto r = InsightFromLlmJson(j, TwoItems(), 120000);
    EXPECT_TRUE(r.ok()) << to << ": " << r.status().message();
    if (!r.ok()) return Insight{};
    bool found = false;
    for (const auto& n : r->review) {
      found |= n.field == field && n.reason.find(reason) != std::string::npos;
    }
    EXPECT_TRUE(found) << to << " should note " << field << " (" << reason << ")";
    EXPECT_TRUE(r->converted);  // the rest is kept
    return *r;
  };
  auto in = reviewed("\"score\":0.5", "\"score\":-0.7", "sentiment.score", "does not fit");
  EXPECT_DOUBLE_EQ(in.sentiment.score, kPositiveThreshold);
  in = reviewed("\"upsell_cents\":3000", "\"upsell_cents\":2000", "upsell_cents",
                "the items' sum is used");
  EXPECT_EQ(in.upsell_cents, 3000);
  in = reviewed("\"ai_score\":82", "\"ai_score\":182", "ai_score", "outside 0..100");
  EXPECT_EQ(in.ai_score, -1);
  in = reviewed(",\"upsell_attempt\":{\"met\":false,\"evidence\":\"\"}", "",
                "script.upsell_attempt", "missing");
  EXPECT_FALSE(in.script.at("upsell_attempt").met);
  in = reviewed("\"greeting\":{", "\"greetin\":{", "script.greetin", "not an item");
  EXPECT_FALSE(in.script.at("greeting").met);
  in = reviewed("\"at_ms\":90000", "\"at_ms\":900000", "coaching[0].at_ms", "past the end");
  EXPECT_EQ(in.coaching.at(0).at_ms, -1);
  in = reviewed("\"summary\"", "\"extra\":1,\"summary\"", "extra", "ignored");
  in = reviewed("\"currency\":\"USD\"", "\"currency\":\"usd\"", "currency", "USD is used");
  EXPECT_EQ(in.currency, "USD");
  in = reviewed("\"summary\":\"Bought a TV.\"", "\"summary\":\"" + std::string(2500, 'a') + "\"",
                "summary", "shortened");
  EXPECT_EQ(in.summary.size(), 2000u);
  in = reviewed("{\"name\":\"warranty\",\"cents\":3000}", "{\"name\":\"warranty\",\"cents\":-5}",
                "upsell_items[0].cents", "outside");
  EXPECT_TRUE(in.upsell_items.empty());
  EXPECT_EQ(in.upsell_cents, 0);
}

// An upsell is part of a sale: an answer that reports one in a call it says did not convert
// contradicts itself, and a manager is asked to check both fields (neither is guessed away).
TEST(InsightTest, AnUpsellInACallThatDidNotConvertIsNotedForReview) {
  auto notes_it = [](const Insight& in) {
    for (const auto& n : in.review) {
      if (n.field == "upsell_cents" && n.reason.find("did not convert") != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  auto sold = InsightFromLlmJson(Valid(), TwoItems());
  ASSERT_TRUE(sold.ok());
  EXPECT_FALSE(notes_it(*sold));

  std::string j = Valid();
  j.replace(j.find("\"converted\":true"), 16, "\"converted\":false");
  auto unsold = InsightFromLlmJson(j, TwoItems());
  ASSERT_TRUE(unsold.ok()) << unsold.status().message();
  EXPECT_FALSE(unsold->converted);
  EXPECT_EQ(unsold->upsell_cents, 3000);
  EXPECT_TRUE(notes_it(*unsold));
}

// What a model gives for a clean call with nothing to report is an insight, not an error.
TEST(InsightTest, ACleanCallWithNothingToCoachIsAnInsightWithoutReview) {
  auto r = InsightFromLlmJson(R"({"sentiment":{"score":0,"label":"neutral"},"converted":false,
    "converted_evidence":"","converted_at_ms":null,"upsell_cents":0,"currency":"USD",
    "upsell_items":[],"script":{"greeting":{"met":false,"evidence":""},
    "upsell_attempt":{"met":false,"evidence":""}},"ai_score":70,"summary":"","coaching":[]})",
                              TwoItems());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r->coaching.empty());
  EXPECT_TRUE(r->review.empty());
  EXPECT_EQ(r->converted_at_ms, -1);
}

TEST(InsightTest, TextLosesControlCharactersAndIsCutOnACharacterBoundary) {
  std::string euro = "\xE2\x82\xAC";  // 3 bytes
  std::string long_text;
  for (int i = 0; i < 700; ++i) long_text += euro;  // 2,100 bytes
  boost::json::object o = boost::json::parse(Valid()).as_object();
  o["summary"] = long_text;
  using namespace std::string_literals;  // the literal's length counts the NUL inside it
  o["converted_evidence"] = "I'll\0 take\x01 it"s;
  auto r = InsightFromLlmJson(boost::json::serialize(o), TwoItems());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->summary.size(), 1998u);  // 666 whole characters
  EXPECT_EQ(r->converted_evidence, "I'll take it");
}

TEST(InsightTest, SchemaIsStrict) {
  auto v = boost::json::parse(InsightJsonSchema(TwoItems())).as_object();
  // The bounds the validator relies on are in the schema the model is given.
  const boost::json::value doc = v;
  EXPECT_EQ(doc.at_pointer("/properties/coaching/maxItems"), kMaxCoachingNotes);
  EXPECT_FALSE(doc.at_pointer("/properties/coaching").as_object().contains("minItems"));
  EXPECT_EQ(doc.at_pointer("/properties/ai_score/maximum"), 100);
  EXPECT_EQ(doc.at_pointer("/properties/sentiment/properties/score/minimum"), -1);
  EXPECT_EQ(doc.at_pointer("/properties/currency/pattern"), "^[A-Z]{3}$");
  EXPECT_EQ(doc.at_pointer("/properties/coaching/items/properties/at_ms/type/1"), "null");
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
  in.script["greeting"] = {true, "Hi, Acme here", 2500};
  in.coaching.push_back({"Ask more questions", 1000});
  in.redactions.push_back({"card_number", 2});
  std::string s = InsightToJson(in, "call-7");
  EXPECT_EQ(s.rfind("{\"id\":\"call-7\"", 0), 0u);
  auto v = boost::json::parse(s).as_object();
  EXPECT_EQ(v.at("script").at("greeting"), true);
  EXPECT_EQ(v.at("script_evidence").at("greeting"), "Hi, Acme here");
  EXPECT_EQ(v.at("script_at_ms").at("greeting"), 2500);
  EXPECT_EQ(v.at("sentiment").at("label"), "neutral");
  EXPECT_EQ(v.at("redactions").at(0).at("count"), 2);
  EXPECT_TRUE(v.contains("talk"));
  EXPECT_STREQ(SentimentLabel(0.2), "positive");
  EXPECT_STREQ(SentimentLabel(-0.19), "neutral");
}

// The objection an LLM names: a known kind with its quote; "none" or an unknown kind is none, the
// latter noted; an answer without the member (before prompt v4) has none and no review note.
TEST(InsightTest, TheObjectionOfAnLlmAnswer) {
  const std::vector<ScriptItem> script;
  auto with = [&](const std::string& objection) {
    return InsightFromLlmJson(
        R"({"converted":false,"sentiment":{"score":0,"label":"neutral"},"converted_evidence":"I'll think about it","converted_at_ms":4000,"objection":)" +
            objection + "}",
        script, 60000);
  };
  auto price = with(R"({"kind":"price","quote":"Too expensive.","at_ms":3000})");
  ASSERT_TRUE(price.ok());
  EXPECT_EQ(price->objection.kind, "price");
  EXPECT_EQ(price->objection.quote, "Too expensive.");
  EXPECT_EQ(price->objection.at_ms, 3000);
  EXPECT_EQ(price->converted_evidence, "I'll think about it") << "a no keeps its deciding line";
  EXPECT_EQ(price->converted_at_ms, 4000);
  auto none = with(R"({"kind":"none","quote":"","at_ms":null})");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->objection.kind.empty());
  auto unknown = with(R"({"kind":"weather","quote":"It's raining.","at_ms":1000})");
  ASSERT_TRUE(unknown.ok());
  EXPECT_TRUE(unknown->objection.kind.empty());
  bool noted = false;
  for (const auto& n : unknown->review) noted |= n.field == "objection.kind";
  EXPECT_TRUE(noted);
  auto old = InsightFromLlmJson(
      R"({"converted":true,"sentiment":{"score":0.5,"label":"positive"}})", script, 60000);
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old->objection.kind.empty());
  for (const auto& n : old->review) EXPECT_NE(n.field, "objection");
}

}  // namespace
}  // namespace converza::analysis
