// The leaderboard and agent CRUD through the real server: KPIs per agent from the rollup, the
// ranking, validation of bodies, and that another tenant's agents can be neither seen, changed
// nor deleted.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class AgentsTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    Script(R"sql(
      insert into public.agents (tenant_id, id, name, phone) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a6e0-4000-8000-000000000003', 'Ava Acme', '+14155550004');
      insert into public.calls (tenant_id, id, call_sid, agent_id, started_at) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000011', 'CA1', 'aaaaaaaa-a6e0-4000-8000-000000000001', '2026-11-12 10:00+00'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000012', 'CA2', 'aaaaaaaa-a6e0-4000-8000-000000000002', '2026-11-12 11:00+00'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000013', 'CA3', 'aaaaaaaa-a6e0-4000-8000-000000000002', '2026-11-13 11:00+00'),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000014', 'CA4', 'aaaaaaaa-a6e0-4000-8000-000000000003', '2026-11-13 12:00+00'),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000011', 'CB1', 'bbbbbbbb-a6e0-4000-8000-000000000001', '2026-11-12 10:00+00');
      insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score, script_met, script_total) values
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000011', 0.5, 'positive', true, 1000, 90, 6, 6),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000012', 0.1, 'neutral', true, 1000, 70, 3, 6),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000013', -0.3, 'negative', false, 0, 50, 3, 6),
        ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000014', 0.2, 'neutral', false, 5000, 75, 4, 6),
        ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000011', 1, 'positive', true, 999999, 100, 6, 6);
    )sql");
    RefreshKpis();
  }
};

TEST_F(AgentsTest, LeaderboardRanksByUpsellThenConversion) {
  auto r = GetAs("/api/v1/agents?from=2026-11-01&to=2026-11-30", TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value board = json::parse(r.body);
  const auto& agents = board.at("agents").as_array();
  ASSERT_EQ(agents.size(), 3u);                 // never Bea
  EXPECT_EQ(agents[0].at("name"), "Ava Acme");  // 5000 upsell
  EXPECT_EQ(agents[1].at("name"), "Ann Acme");  // 1000, conversion 1.0
  EXPECT_EQ(agents[2].at("name"), "Abe Acme");  // 1000, conversion 0.5
  const auto& abe = agents[2];
  EXPECT_EQ(abe.at("phone"), kAbePhone);
  EXPECT_TRUE(abe.at("email").is_null());
  EXPECT_EQ(abe.at("active"), true);
  const auto& k = abe.at("kpis");
  EXPECT_EQ(k.at("calls").to_number<int>(), 2);
  EXPECT_EQ(k.at("analyzed").to_number<int>(), 2);
  EXPECT_EQ(k.at("converted").to_number<int>(), 1);
  EXPECT_DOUBLE_EQ(k.at("conversion_rate").to_number<double>(), 0.5);
  EXPECT_EQ(k.at("upsell_cents").to_number<int>(), 1000);
  EXPECT_NEAR(k.at("avg_sentiment").to_number<double>(), -0.1, 1e-6);
  EXPECT_DOUBLE_EQ(k.at("avg_ai_score").to_number<double>(), 60);
  EXPECT_DOUBLE_EQ(k.at("script_adherence").to_number<double>(), 0.5);
  EXPECT_EQ(r.body.find("Bea Bolt"), std::string::npos);

  // A period without calls: every agent, zero KPIs.
  auto quiet = json::parse(GetAs("/api/v1/agents?from=2025-01-01&to=2025-01-02", TokenA()).body);
  EXPECT_EQ(quiet.at("agents").as_array().size(), 3u);
  EXPECT_EQ(quiet.at("agents").at(0).at("kpis").at("calls").to_number<int>(), 0);
  EXPECT_TRUE(quiet.at("agents").at(0).at("kpis").at("conversion_rate").is_null());
  EXPECT_EQ(GetAs("/api/v1/agents?to=soon", TokenA()).status, 400);
}

TEST_F(AgentsTest, CreateValidatesTheBody) {
  auto r = Call("POST", "/api/v1/agents", TokenA(),
                R"({"name":"Zoe","phone":"+14155550123","email":"zoe@acme.test"})");
  ASSERT_EQ(r.status, 201) << r.body;
  auto agent = json::parse(r.body);
  EXPECT_EQ(agent.at("name"), "Zoe");
  EXPECT_EQ(agent.at("active"), true);
  EXPECT_EQ(Sql("select tenant_id::text from public.agents where id = $1::uuid",
                {std::string(agent.at("id").as_string())})
                .get(0, 0),
            kTenantA);

  const std::pair<const char*, const char*> bad[] = {
      {R"({"phone":"+14155550123"})", "`name`"},
      {R"({"name":"Zoe"})", "`phone`"},
      {R"({"name":"Zoe","phone":"4155550123"})", "`phone`"},
      {R"({"name":"","phone":"+14155550123"})", "`name`"},
      {R"({"name":"Zoe","phone":"+14155550123","email":"nope"})", "`email`"},
      {R"({"name":"Zoe","phone":"+14155550123","tenant_id":"bbbbbbbb-0000-4000-8000-000000000000"})",
       "`tenant_id`"},
      {R"({"name":"Zoe","phone":"+14155550123","active":false})", "`active`"},
      {R"(["Zoe"])", "JSON object"},
      {"{not json", "JSON object"},
  };
  for (const auto& [body, field] : bad) {
    auto e = Call("POST", "/api/v1/agents", TokenA(), body);
    EXPECT_EQ(e.status, 400) << body;
    EXPECT_NE(e.body.find(field), std::string::npos) << body << " -> " << e.body;
  }
  EXPECT_EQ(Sql("select count(*) from public.agents").get_int(0, 0), 5);
  EXPECT_EQ(Call("POST", "/api/v1/agents", "", R"({"name":"Zoe","phone":"+14155550123"})").status,
            401);
}

TEST_F(AgentsTest, PatchChangesOnlyTheGivenFields) {
  auto r = Call("PATCH", std::string("/api/v1/agents/") + kAgentAnn, TokenA(),
                R"({"name":"Ann Lee","active":false,"email":null})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto a = json::parse(r.body);
  EXPECT_EQ(a.at("name"), "Ann Lee");
  EXPECT_EQ(a.at("active"), false);
  EXPECT_TRUE(a.at("email").is_null());
  EXPECT_EQ(a.at("phone"), kAnnPhone);

  auto phone = Call("PATCH", std::string("/api/v1/agents/") + kAgentAnn, TokenA(),
                    R"({"phone":"+15550009999"})");
  EXPECT_EQ(json::parse(phone.body).at("name"), "Ann Lee");
  EXPECT_EQ(json::parse(phone.body).at("phone"), "+15550009999");

  EXPECT_EQ(Call("PATCH", std::string("/api/v1/agents/") + kAgentAnn, TokenA(), "{}").status, 400);
  EXPECT_EQ(
      Call("PATCH", std::string("/api/v1/agents/") + kAgentAnn, TokenA(), R"({"active":"no"})")
          .status,
      400);
  EXPECT_EQ(Call("PATCH", "/api/v1/agents/not-a-uuid", TokenA(), R"({"name":"X"})").status, 404);

  // Another tenant's agent: 404, unchanged.
  auto foreign =
      Call("PATCH", std::string("/api/v1/agents/") + kAgentBea, TokenA(), R"({"name":"Hacked"})");
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(foreign.body.find("Bea Bolt"), std::string::npos);
  EXPECT_EQ(Sql("select name from public.agents where id = $1::uuid", {kAgentBea}).get(0, 0),
            "Bea Bolt");
}

TEST_F(AgentsTest, DeleteKeepsTheCallsWithoutAnAgent) {
  auto r = Call("DELETE", std::string("/api/v1/agents/") + kAgentAnn, TokenA());
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(
      Sql("select count(*) from public.agents where id = $1::uuid", {kAgentAnn}).get_int(0, 0), 0);
  EXPECT_TRUE(Sql("select agent_id from public.calls where call_sid = 'CA1'").is_null(0, 0));
  EXPECT_EQ(Call("DELETE", std::string("/api/v1/agents/") + kAgentAnn, TokenA()).status, 404);

  EXPECT_EQ(Call("DELETE", std::string("/api/v1/agents/") + kAgentBea, TokenA()).status, 404);
  EXPECT_EQ(
      Sql("select count(*) from public.agents where id = $1::uuid", {kAgentBea}).get_int(0, 0), 1);
  EXPECT_EQ(Call("DELETE", std::string("/api/v1/agents/") + kAgentBea, "").status, 401);
}

// Calls are forwarded to agents' phones on the platform's Twilio account: a phone outside the
// countries the tenant may dial, or in a premium-rate or international-network range, is refused
// on create and update (400 naming `phone`), and nothing changes. By default a tenant dials its
// own country: the US without numbers, else the countries of its numbers.
TEST_F(AgentsTest, AgentPhonesMustBeNumbersTheTenantMayDial) {
  const std::pair<const char*, const char*> refused[] = {
      {"+88213123456", "premium-rate or international-network"},  // toll fraud's favourite
      {"+19005550100", "premium-rate or international-network"},  // NANP premium rate
      {"+18765550100", "rings in JM"},                            // +1, but Jamaica
      {"+442079460000", "rings in GB"},
      {"+2101234567", "not a number of any country"},
  };
  for (const auto& [phone, why] : refused) {
    auto r = Call("POST", "/api/v1/agents", TokenA(),
                  R"({"name":"Mallory","phone":")" + std::string(phone) + "\"}");
    EXPECT_EQ(r.status, 400) << phone << " -> " << r.body;
    EXPECT_NE(r.body.find("`phone`"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(why), std::string::npos) << r.body;
    auto p = Call("PATCH", std::string("/api/v1/agents/") + kAgentAnn, TokenA(),
                  R"({"phone":")" + std::string(phone) + "\"}");
    EXPECT_EQ(p.status, 400) << phone << " -> " << p.body;
    EXPECT_NE(p.body.find("`phone`"), std::string::npos) << p.body;
  }
  auto gb = Call("POST", "/api/v1/agents", TokenA(), R"({"name":"M","phone":"+442079460000"})");
  EXPECT_NE(gb.body.find("only to numbers in US"), std::string::npos) << gb.body;
  EXPECT_EQ(Sql("select count(*) from public.agents").get_int(0, 0), 4);
  EXPECT_EQ(Sql("select phone from public.agents where id = $1::uuid", {kAgentAnn}).get(0, 0),
            kAnnPhone);

  // A tenant whose number is Canadian dials Canada, not the US: B's line moves to Toronto.
  Sql("update public.phone_numbers set e164 = '+14165550100' where tenant_id = $1", {kTenantB});
  EXPECT_EQ(
      Call("POST", "/api/v1/agents", TokenB(), R"({"name":"Cal","phone":"+16135550123"})").status,
      201);
  auto us = Call("POST", "/api/v1/agents", TokenB(), R"({"name":"Uma","phone":"+14155550123"})");
  EXPECT_EQ(us.status, 400) << us.body;
  EXPECT_NE(us.body.find("rings in US; calls are forwarded only to numbers in CA"),
            std::string::npos)
      << us.body;
}

// AGENT_DIAL_COUNTRIES replaces each tenant's own country with one list for everyone; premium
// ranges stay refused whatever it lists.
class AgentDialCountriesTest : public AgentsTest {
 protected:
  std::map<std::string, std::string> ServerEnv() override {
    return {{"AGENT_DIAL_COUNTRIES", "US,GB"}};
  }
};

TEST_F(AgentDialCountriesTest, TheConfiguredCountriesAreDialledAndNoOthers) {
  EXPECT_EQ(
      Call("POST", "/api/v1/agents", TokenA(), R"({"name":"Gus","phone":"+442079460000"})").status,
      201);
  EXPECT_EQ(Call("PATCH", std::string("/api/v1/agents/") + kAgentAnn, TokenA(),
                 R"({"phone":"+442079460001"})")
                .status,
            200);
  auto premium =
      Call("POST", "/api/v1/agents", TokenA(), R"({"name":"Pat","phone":"+449012345678"})");
  EXPECT_EQ(premium.status, 400) << premium.body;
  auto jm = Call("POST", "/api/v1/agents", TokenA(), R"({"name":"Jo","phone":"+18765550100"})");
  EXPECT_EQ(jm.status, 400) << jm.body;
  EXPECT_NE(jm.body.find("only to numbers in GB, US"), std::string::npos) << jm.body;
  EXPECT_EQ(Sql("select count(*) from public.agents where phone like '+44%'").get_int(0, 0), 2);
}

}  // namespace
}  // namespace converza::testing::rest
