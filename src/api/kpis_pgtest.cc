// KPIs and the daily time series through the real server: values computed from the calls of the
// fixture's agents inserted here (via the kpi_daily rollup), the previous-period comparison, the
// agent filter, tenant isolation and parameter validation.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class KpisTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    Script(R"sql(
      insert into public.calls (tenant_id, id, call_sid, agent_id, started_at, pipeline_status) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000011', 'CA1', 'aaaaaaaa-a6e0-4000-8000-000000000001', '2026-11-12 10:00+00', 'done'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000012', 'CA2', 'aaaaaaaa-a6e0-4000-8000-000000000001', '2026-11-12 11:00+00', 'done'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000013', 'CA3', 'aaaaaaaa-a6e0-4000-8000-000000000002', '2026-11-15 09:00+00', 'received'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000014', 'CA4', null, '2026-11-19 23:59:59+00', 'done'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000015', 'CA5', 'aaaaaaaa-a6e0-4000-8000-000000000001', '2026-11-05 08:00+00', 'done'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000016', 'CA6', 'aaaaaaaa-a6e0-4000-8000-000000000001', '2026-11-20 00:00+00', 'done'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000011', 'CB1', 'bbbbbbbb-a6e0-4000-8000-000000000001', '2026-11-12 10:00+00', 'done');
      insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents,
                                   ai_score, script_met, script_total, talk) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000011', 0.5, 'positive', true, 2500, 80, 5, 6, '{"agent_ms":3000,"customer_ms":1000}'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000012', -0.5, 'negative', false, 0, 40, 2, 6, '{"agent_ms":1000,"customer_ms":3000}'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000014', 0, 'neutral', true, 1000, 70, 4, 6, '{"agent_ms":2000,"customer_ms":2000}'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000015', 0.25, 'positive', false, 0, 60, 3, 6, '{"agent_ms":1000,"customer_ms":1000}'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000016', 1, 'positive', true, 77700, 100, 6, 6, '{"agent_ms":1,"customer_ms":1}'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000011', 1, 'positive', true, 999999, 100, 6, 6, '{"agent_ms":1,"customer_ms":1}');
    )sql");
    RefreshKpis();
  }
  json::value GetJson(const std::string& target) {
    auto r = GetAs(target, TokenA());
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return json::parse(r.body);
  }
};

double Num(const json::value& v) { return v.to_number<double>(); }

TEST_F(KpisTest, CurrentPreviousAndChangeFromTheRollup) {
  auto k = GetJson("/api/v1/kpis?from=2026-11-10&to=2026-11-19");
  EXPECT_EQ(k.at("from"), "2026-11-10");
  EXPECT_EQ(k.at("to"), "2026-11-19");
  EXPECT_TRUE(k.at("agent_id").is_null());
  const auto& cur = k.at("current");
  EXPECT_EQ(Num(cur.at("calls")), 4);
  EXPECT_EQ(Num(cur.at("analyzed")), 3);
  EXPECT_EQ(Num(cur.at("converted")), 2);
  EXPECT_NEAR(Num(cur.at("conversion_rate")), 2.0 / 3, 1e-9);
  EXPECT_EQ(Num(cur.at("upsell_cents")), 3500);
  EXPECT_NEAR(Num(cur.at("avg_sentiment")), 0.0, 1e-6);
  EXPECT_NEAR(Num(cur.at("avg_ai_score")), 190.0 / 3, 1e-9);
  EXPECT_NEAR(Num(cur.at("script_adherence")), 11.0 / 18, 1e-9);
  EXPECT_NEAR(Num(cur.at("talk_ratio")), 0.5, 1e-9);
  EXPECT_EQ(Num(cur.at("sentiment").at("positive")), 1);
  EXPECT_EQ(Num(cur.at("sentiment").at("neutral")), 1);
  EXPECT_EQ(Num(cur.at("sentiment").at("negative")), 1);

  const auto& prev = k.at("previous");  // 2026-10-31 .. 2026-11-09
  EXPECT_EQ(Num(prev.at("calls")), 1);
  EXPECT_EQ(Num(prev.at("conversion_rate")), 0);
  EXPECT_NEAR(Num(prev.at("avg_sentiment")), 0.25, 1e-6);
  EXPECT_EQ(Num(prev.at("avg_ai_score")), 60);

  const auto& change = k.at("change");
  EXPECT_EQ(Num(change.at("calls")), 3);
  EXPECT_NEAR(Num(change.at("conversion_rate")), 2.0 / 3, 1e-9);
  EXPECT_EQ(Num(change.at("upsell_cents")), 3500);
  EXPECT_NEAR(Num(change.at("avg_sentiment")), -0.25, 1e-6);
  EXPECT_NEAR(Num(change.at("avg_ai_score")), 190.0 / 3 - 60, 1e-9);
  EXPECT_NEAR(Num(change.at("script_adherence")), 11.0 / 18 - 0.5, 1e-9);
}

TEST_F(KpisTest, AgentFilterAndEmptyPeriodsGiveNulls) {
  auto k = GetJson(
      "/api/v1/kpis?from=2026-11-10&to=2026-11-19&agent_id=aaaaaaaa-a6e0-4000-8000-000000000001");
  EXPECT_EQ(k.at("agent_id"), "aaaaaaaa-a6e0-4000-8000-000000000001");
  EXPECT_EQ(Num(k.at("current").at("calls")), 2);
  EXPECT_EQ(Num(k.at("current").at("upsell_cents")), 2500);
  EXPECT_EQ(Num(k.at("previous").at("calls")), 1);

  auto empty = GetJson("/api/v1/kpis?from=2025-01-01&to=2025-01-31");
  EXPECT_EQ(Num(empty.at("current").at("calls")), 0);
  EXPECT_TRUE(empty.at("current").at("conversion_rate").is_null());
  EXPECT_TRUE(empty.at("current").at("talk_ratio").is_null());
  EXPECT_TRUE(empty.at("change").at("avg_ai_score").is_null());
  EXPECT_EQ(Num(empty.at("change").at("calls")), 0);
}

TEST_F(KpisTest, DefaultsToTheLast30Days) {
  auto k = GetJson("/api/v1/kpis");
  EXPECT_TRUE(k.at("from").is_string());
  EXPECT_TRUE(k.at("current").at("calls").is_number());
}

TEST_F(KpisTest, TimeseriesHasEveryDay) {
  auto t = GetJson("/api/v1/kpis/timeseries?from=2026-11-10&to=2026-11-19");
  const auto& days = t.at("days").as_array();
  ASSERT_EQ(days.size(), 10u);
  EXPECT_EQ(days[0].at("day"), "2026-11-10");
  EXPECT_EQ(Num(days[0].at("calls")), 0);
  EXPECT_TRUE(days[0].at("conversion_rate").is_null());
  EXPECT_EQ(days[2].at("day"), "2026-11-12");
  EXPECT_EQ(Num(days[2].at("calls")), 2);
  EXPECT_EQ(Num(days[2].at("converted")), 1);
  EXPECT_NEAR(Num(days[2].at("conversion_rate")), 0.5, 1e-9);
  EXPECT_EQ(Num(days[2].at("upsell_cents")), 2500);
  EXPECT_EQ(Num(days[2].at("avg_ai_score")), 60);
  EXPECT_EQ(Num(days[5].at("calls")), 1);  // 11-15: received, not analysed
  EXPECT_TRUE(days[5].at("avg_sentiment").is_null());
  EXPECT_EQ(days[9].at("day"), "2026-11-19");
  EXPECT_EQ(Num(days[9].at("upsell_cents")), 1000);  // 23:59:59 UTC stays on its day

  auto abe = GetJson(
      "/api/v1/kpis/timeseries?from=2026-11-15&to=2026-11-15&agent_id=aaaaaaaa-a6e0-4000-8000-"
      "000000000002");
  EXPECT_EQ(Num(abe.at("days").at(0).at("calls")), 1);
}

TEST_F(KpisTest, OtherTenantsNeverCount) {
  auto b = GetAs("/api/v1/kpis?from=2026-11-10&to=2026-11-19", TokenB());
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(Num(json::parse(b.body).at("current").at("upsell_cents")), 999999);
  auto a = GetAs("/api/v1/kpis?from=2026-11-10&to=2026-11-19", TokenA());
  EXPECT_EQ(a.body.find("999999"), std::string::npos);
  // B's agent as a filter: 404, not B's numbers.
  for (const char* path : {"/api/v1/kpis", "/api/v1/kpis/timeseries"}) {
    auto r = GetAs(std::string(path) + "?agent_id=bbbbbbbb-a6e0-4000-8000-000000000001", TokenA());
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("999999"), std::string::npos);
  }
}

TEST_F(KpisTest, BadParametersAre400NamingTheParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"/api/v1/kpis?from=2026-13-01", "`from`"},
      {"/api/v1/kpis?to=yesterday", "`to`"},
      {"/api/v1/kpis?from=2026-11-20&to=2026-11-10", "`from`"},
      {"/api/v1/kpis?from=2020-01-01&to=2026-11-10", "`from`"},
      {"/api/v1/kpis?agent_id=42", "`agent_id`"},
      {"/api/v1/kpis?agentid=aaaaaaaa-a6e0-4000-8000-000000000001", "`agentid`"},
      {"/api/v1/kpis/timeseries?from=2026-02-30", "`from`"},
  };
  for (const auto& [target, field] : cases) {
    auto r = GetAs(target, TokenA());
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("invalid_parameter"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(field), std::string::npos) << target << ": " << r.body;
  }
  EXPECT_EQ(GetAs("/api/v1/kpis", "").status, 401);
  EXPECT_EQ(GetAs("/api/v1/kpis", Token(kOutsider, "")).status, 403);
}

}  // namespace
}  // namespace converza::testing::rest
