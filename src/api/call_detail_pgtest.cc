// One call's detail through the real server: metadata, transcript turns in order with timings
// and redaction markers, the insight exactly as stored, a call without insight, and 404 for
// other tenants' and malformed ids.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

constexpr char kCallA[] = "aaaaaaaa-ca11-4000-8000-000000000001";
constexpr char kCallA2[] = "aaaaaaaa-ca11-4000-8000-000000000002";
constexpr char kCallB[] = "bbbbbbbb-ca11-4000-8000-000000000001";

class CallDetailTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    Script(R"sql(
      insert into public.agents (tenant_id, id, name, phone) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a6e0-4000-8000-000000000001', 'Ann', '+15550000001');
      insert into public.calls (tenant_id, id, call_sid, recording_sid, recording_url, agent_id, from_number, to_number,
                                direction, duration_s, recording_duration_s, recording_channels, started_at, pipeline_status) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 'CAa1', 'REa1',
         'https://api.twilio.com/secret/REa1', 'aaaaaaaa-a6e0-4000-8000-000000000001', '+14155551234', '+14155550100',
         'inbound', 95, 94, 2, '2026-11-20 10:00+00', 'done'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002', 'CAa2', null, null, null,
         '+14155559999', '+14155550100', 'inbound', null, null, null, '2026-11-20 11:00+00', 'received'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 'CAb1', 'REb1', null, null,
         '+14155557777', '+14155550200', 'inbound', 10, 10, 2, '2026-11-20 10:00+00', 'done');
      insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text, redactions) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 1, 'customer', 2100, 5000,
         'My card is [CARD]', '[{"kind":"card","start":11,"end":17}]'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 0, 'agent', 0, 2000,
         'Thanks for calling Acme Plumbing', '[]'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 0, 'agent', 0, 1500,
         'Bolt Hotels, how can I help', '[]');
      insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, converted_evidence,
                                   converted_at_ms, upsell_cents, upsell_items, script, script_met, script_total, talk,
                                   ai_score, summary, coaching, analyzer, model) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 0.5, 'positive', true,
         'Yes, book it', 4200, 2500, '[{"item":"flush","cents":2500}]',
         '{"greeting":{"met":true,"evidence":"Thanks for calling Acme"},"recap":{"met":false,"evidence":null}}',
         1, 2, '{"agent_ms":2000,"customer_ms":2900,"talk_ratio":0.41}', 82, 'Booked a repair.',
         '["Recap the booking before closing"]', 'rules', null);
    )sql");
  }
};

TEST_F(CallDetailTest, CallTranscriptAndInsight) {
  auto r = GetAs(std::string("/api/v1/calls/") + kCallA, TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = json::parse(r.body);
  const auto& call = d.at("call");
  EXPECT_EQ(call.at("id"), kCallA);
  EXPECT_EQ(call.at("call_sid"), "CAa1");
  EXPECT_EQ(call.at("agent").at("name"), "Ann");
  EXPECT_EQ(call.at("from_number"), "+14155551234");
  EXPECT_EQ(call.at("direction"), "inbound");
  EXPECT_EQ(call.at("duration_s").to_number<int>(), 95);
  EXPECT_EQ(call.at("pipeline_status"), "done");
  EXPECT_EQ(call.at("recording").at("available"), true);
  EXPECT_EQ(call.at("recording").at("duration_s").to_number<int>(), 94);
  EXPECT_EQ(call.at("recording").at("channels").to_number<int>(), 2);
  EXPECT_EQ(r.body.find("api.twilio.com"), std::string::npos) << "never the Twilio URL";

  const auto& turns = d.at("transcript").as_array();
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0].at("seq").to_number<int>(), 0);
  EXPECT_EQ(turns[0].at("speaker"), "agent");
  EXPECT_EQ(turns[1].at("start_ms").to_number<int>(), 2100);
  EXPECT_EQ(turns[1].at("end_ms").to_number<int>(), 5000);
  EXPECT_EQ(turns[1].at("text"), "My card is [CARD]");
  EXPECT_EQ(turns[1].at("redactions").at(0).at("kind"), "card");
  EXPECT_EQ(turns[1].at("redactions").at(0).at("start").to_number<int>(), 11);

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
  EXPECT_EQ(i.at("summary"), "Booked a repair.");
  EXPECT_EQ(i.at("coaching").at(0), "Recap the booking before closing");
  EXPECT_EQ(i.at("analyzer"), "rules");
  EXPECT_TRUE(i.at("model").is_null());
  EXPECT_TRUE(i.at("review").as_array().empty());
  EXPECT_TRUE(i.at("flags").as_array().empty());
  EXPECT_TRUE(i.at("created_at").is_string());
  EXPECT_TRUE(call.at("not_analysed_reason").is_null());
}

// What an LLM got wrong and how the answer was obtained travel with the insight.
TEST_F(CallDetailTest, ReviewNotesAndFlagsOfAnLlmInsight) {
  Script(R"sql(
    update public.insights set analyzer = 'openai:gpt-4o', model = 'gpt-4o',
           flags = '{trimmed,length_retry}',
           review = '[{"field": "upsell_cents", "reason": "not the sum of the items"}]'
     where call_id = 'aaaaaaaa-ca11-4000-8000-000000000001')sql");
  auto d = json::parse(GetAs(std::string("/api/v1/calls/") + kCallA, TokenA()).body);
  const auto& i = d.at("insight");
  EXPECT_EQ(i.at("review").at(0).at("field"), "upsell_cents");
  EXPECT_EQ(i.at("review").at(0).at("reason"), "not the sum of the items");
  EXPECT_EQ(i.at("flags"), (json::array{"trimmed", "length_retry"}));
  auto list = json::parse(GetAs("/api/v1/calls?from=2026-11-01&to=2026-11-30", TokenA()).body);
  ASSERT_GE(list.at("calls").as_array().size(), 2u);
  for (const auto& c : list.at("calls").as_array()) {
    EXPECT_EQ(c.at("needs_review"), c.at("id") == kCallA) << c;
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
       {std::string(kCallB), std::string("aaaaaaaa-ca11-4000-8000-000000000099"),
        std::string("not-a-uuid"), std::string("AAAAAAAA-CA11-4000-8000-00000000000Z")}) {
    auto r = GetAs("/api/v1/calls/" + id, TokenA());
    EXPECT_EQ(r.status, 404) << id;
    EXPECT_NE(r.body.find("not_found"), std::string::npos);
    EXPECT_EQ(r.body.find("Bolt"), std::string::npos);
    EXPECT_EQ(r.body.find("CAb1"), std::string::npos);
  }
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/") + kCallB, TokenB()).status, 200);
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/") + kCallA, "").status, 401);
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/") + kCallA + "?verbose=1", TokenA()).status, 400);
}

}  // namespace
}  // namespace converza::testing::rest
