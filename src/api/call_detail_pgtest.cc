// One call's detail through the real server: metadata, transcript turns in order with timings
// and redaction markers, the insight exactly as stored, a call without insight, and 404 for
// other tenants' and malformed ids.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

// The fixture's calls: CAa1 recorded, transcribed (one turn redacted) and analysed; CAa2 not
// processed yet; CAb1 tenant B's.
using CallDetailTest = ApiTest;

TEST_F(CallDetailTest, CallTranscriptAndInsight) {
  auto r = GetAs(std::string("/api/v1/calls/") + kCallA1, TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = json::parse(r.body);
  const auto& call = d.at("call");
  EXPECT_EQ(call.at("id"), kCallA1);
  EXPECT_EQ(call.at("call_sid"), "CAa1");
  EXPECT_EQ(call.at("agent").at("name"), "Ann Acme");
  EXPECT_EQ(call.at("from_number"), "+14155551234");
  EXPECT_EQ(call.at("direction"), "inbound");
  EXPECT_EQ(call.at("duration_s").to_number<int>(), 95);
  EXPECT_EQ(call.at("pipeline_status"), "done");
  EXPECT_EQ(call.at("recording").at("available"), true);
  EXPECT_EQ(call.at("recording").at("duration_s").to_number<int>(), 94);
  EXPECT_EQ(call.at("recording").at("channels").to_number<int>(), 2);
  EXPECT_EQ(r.body.find("api.twilio.com"), std::string::npos) << "never the Twilio URL";

  const auto& turns = d.at("transcript").as_array();
  ASSERT_EQ(turns.size(), 3u);
  EXPECT_EQ(turns[0].at("seq").to_number<int>(), 0);
  EXPECT_EQ(turns[0].at("speaker"), "agent");
  EXPECT_EQ(turns[1].at("start_ms").to_number<int>(), 2100);
  EXPECT_EQ(turns[1].at("end_ms").to_number<int>(), 5000);
  EXPECT_EQ(turns[2].at("text"), "My card is [CARD]");
  EXPECT_EQ(turns[2].at("redactions").at(0).at("kind"), "card");
  EXPECT_EQ(turns[2].at("redactions").at(0).at("start").to_number<int>(), 11);

  const auto& i = d.at("insight");
  EXPECT_DOUBLE_EQ(i.at("sentiment").at("score").to_number<double>(), 0.5);
  EXPECT_EQ(i.at("sentiment").at("label"), "positive");
  EXPECT_EQ(i.at("converted"), true);
  EXPECT_EQ(i.at("converted_evidence"), "Yes, book it");
  EXPECT_EQ(i.at("converted_at_ms").to_number<int>(), 4200);
  EXPECT_EQ(i.at("upsell_cents").to_number<int>(), 2500);
  EXPECT_EQ(i.at("upsell_items").at(0).at("item"), "flush");
  EXPECT_EQ(i.at("script").at("greeting").at("met"), true);
  EXPECT_EQ(i.at("script").at("recap").at("met"), false);
  EXPECT_EQ(i.at("script_met").to_number<int>(), 1);
  EXPECT_EQ(i.at("script_total").to_number<int>(), 2);
  EXPECT_EQ(i.at("talk").at("agent_ms").to_number<int>(), 2000);
  EXPECT_EQ(i.at("ai_score").to_number<int>(), 82);
  EXPECT_EQ(i.at("summary"), "Booked a water heater repair.");
  EXPECT_EQ(i.at("coaching").at(0), "Recap the booking before closing");
  EXPECT_EQ(i.at("analyzer"), "rules");
  EXPECT_TRUE(i.at("model").is_null());
  EXPECT_TRUE(i.at("review").as_array().empty());
  EXPECT_TRUE(i.at("flags").as_array().empty());
  EXPECT_TRUE(i.at("objection").is_null());  // a converted call without one
  EXPECT_TRUE(i.at("created_at").is_string());
  EXPECT_TRUE(call.at("not_analysed_reason").is_null());
}

// A lost call says why, in the customer's words and with the moment they said them.
TEST_F(CallDetailTest, ALostCallCarriesItsObjection) {
  Script(R"sql(
    update public.insights set converted = false, converted_evidence = 'Too expensive for me',
           converted_at_ms = 4200,
           objection = '{"kind": "price", "quote": "Too expensive for me", "at_ms": 4200}'
     where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001')sql");
  auto d = json::parse(GetAs(std::string("/api/v1/calls/") + kCallA1, TokenA()).body);
  const auto& i = d.at("insight");
  EXPECT_EQ(i.at("converted"), false);
  EXPECT_EQ(i.at("converted_evidence"), "Too expensive for me");
  EXPECT_EQ(i.at("objection").at("kind"), "price");
  EXPECT_EQ(i.at("objection").at("quote"), "Too expensive for me");
  EXPECT_EQ(i.at("objection").at("at_ms").to_number<int>(), 4200);
  // Only the kinds the analyzers name can be stored.
  EXPECT_THROW(Script(R"sql(update public.insights set objection = '{"kind": "weather"}'
                             where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001')sql"),
               std::exception);
}

// What an LLM got wrong and how the answer was obtained travel with the insight.
TEST_F(CallDetailTest, ReviewNotesAndFlagsOfAnLlmInsight) {
  Script(R"sql(
    update public.insights set analyzer = 'openai:gpt-4o', model = 'gpt-4o',
           flags = '{trimmed,length_retry}',
           review = '[{"field": "upsell_cents", "reason": "not the sum of the items"}]'
     where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001')sql");
  auto d = json::parse(GetAs(std::string("/api/v1/calls/") + kCallA1, TokenA()).body);
  const auto& i = d.at("insight");
  EXPECT_EQ(i.at("review").at(0).at("field"), "upsell_cents");
  EXPECT_EQ(i.at("review").at(0).at("reason"), "not the sum of the items");
  EXPECT_EQ(i.at("flags"), (json::array{"trimmed", "length_retry"}));
  auto list = json::parse(GetAs("/api/v1/calls?from=2026-03-01&to=2026-03-31", TokenA()).body);
  ASSERT_GE(list.at("calls").as_array().size(), 2u);
  for (const auto& c : list.at("calls").as_array()) {
    EXPECT_EQ(c.at("needs_review"), c.at("id") == kCallA1) << c;
  }
}

TEST_F(CallDetailTest, ACallTheModelRefusedSaysWhy) {
  Script(R"sql(
    update public.calls set pipeline_status = 'not_analysed', not_analysed_reason = 'refused',
           not_analysed_detail = 'I can''t help with that.'
     where id = 'aaaaaaaa-ca11-4000-8000-000000000002')sql");
  auto d = json::parse(GetAs(std::string("/api/v1/calls/") + kCallA2, TokenA()).body);
  EXPECT_EQ(d.at("call").at("pipeline_status"), "not_analysed");
  EXPECT_EQ(d.at("call").at("not_analysed_reason"), "refused");
  EXPECT_EQ(d.at("call").at("not_analysed_detail"), "I can't help with that.");
  EXPECT_TRUE(d.at("insight").is_null());
}

TEST_F(CallDetailTest, CallNotYetAnalysed) {
  auto r = GetAs(std::string("/api/v1/calls/") + kCallA2, TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = json::parse(r.body);
  EXPECT_TRUE(d.at("call").at("agent").is_null());
  EXPECT_EQ(d.at("call").at("recording").at("available"), false);
  EXPECT_TRUE(d.at("transcript").as_array().empty());
  EXPECT_TRUE(d.at("insight").is_null());
}

TEST_F(CallDetailTest, OtherTenantsAndUnknownIdsAre404) {
  for (const std::string& id :
       {std::string(kCallB1), std::string("aaaaaaaa-ca11-4000-8000-000000000099"),
        std::string("not-a-uuid"), std::string("AAAAAAAA-CA11-4000-8000-00000000000Z")}) {
    auto r = GetAs("/api/v1/calls/" + id, TokenA());
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_NE(r.body.find("not_found"), std::string::npos);
    EXPECT_EQ(r.body.find("Bolt"), std::string::npos);
    EXPECT_EQ(r.body.find("CAb1"), std::string::npos);
  }
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/") + kCallB1, TokenB()).status, 200);
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/") + kCallA1, "").status, 401);
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/") + kCallA1 + "?verbose=1", TokenA()).status, 400);
}

}  // namespace
}  // namespace converza::testing::rest
