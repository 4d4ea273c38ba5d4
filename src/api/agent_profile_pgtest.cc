// The agent page's profile through the real server: script items against the team's over the
// range (weakest first), comments on the agent's calls only, and another tenant's agent a 404.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class AgentProfileTest : public ApiTest {
 protected:
  // One analysed call in January 2026 for `agent`, with the given script results.
  void AddCall(const std::string& id, const std::string& agent, const std::string& script) {
    Sql("insert into public.calls (tenant_id, id, call_sid, agent_id, started_at, pipeline_status)"
        " values ($1::uuid, $2::uuid, 'CA' || $2, $3::uuid, '2026-01-10 12:00+00', 'done')",
        {kTenantA, id, agent});
    Sql("insert into public.insights (tenant_id, call_id, script, analyzer, sentiment_score,"
        " sentiment_label) values ($1::uuid, $2::uuid, $3::jsonb, 'rules', 0, 'neutral')",
        {kTenantA, id, script});
  }
  static std::string Path(const std::string& agent) {
    return "/api/v1/agents/" + agent + "/profile?from=2026-01-01&to=2026-01-31";
  }
};

constexpr char kAnn1[] = "aaaaaaaa-ca11-4000-8000-0000000000a1";
constexpr char kAnn2[] = "aaaaaaaa-ca11-4000-8000-0000000000a2";
constexpr char kAbe1[] = "aaaaaaaa-ca11-4000-8000-0000000000b1";

TEST_F(AgentProfileTest, ScriptItemsAreTheAgentsAgainstTheTeamsWeakestFirst) {
  AddCall(kAnn1, kAgentAnn, R"({"greeting":{"met":true},"offer":{"met":false}})");
  AddCall(kAnn2, kAgentAnn, R"({"greeting":{"met":false},"offer":{"met":false}})");
  AddCall(kAbe1, kAgentAbe,
          R"({"greeting":{"met":true},"offer":{"met":true},"recap":{"met":true}})");

  auto r = Call("GET", Path(kAgentAnn), TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  json::value p = json::parse(r.body);
  EXPECT_EQ(p.at("agent").at("id").as_string(), kAgentAnn);
  EXPECT_EQ(p.at("from").as_string(), "2026-01-01");
  json::array items = p.at("script_items").as_array();
  ASSERT_EQ(items.size(), 3u) << r.body;
  // offer: Ann 0 of 2, team 1 of 3; greeting: Ann 1 of 2, team 2 of 3; recap: Ann has none.
  EXPECT_EQ(items[0].at("key").as_string(), "offer");
  EXPECT_EQ(items[0].at("agent_calls").as_int64(), 2);
  EXPECT_DOUBLE_EQ(items[0].at("agent_rate").to_number<double>(), 0.0);
  EXPECT_NEAR(items[0].at("team_rate").to_number<double>(), 1.0 / 3, 1e-3);
  EXPECT_EQ(items[1].at("key").as_string(), "greeting");
  EXPECT_DOUBLE_EQ(items[1].at("agent_rate").to_number<double>(), 0.5);
  EXPECT_EQ(items[1].at("team_calls").as_int64(), 3);
  EXPECT_EQ(items[2].at("key").as_string(), "recap");
  EXPECT_EQ(items[2].at("agent_calls").as_int64(), 0);
  EXPECT_TRUE(items[2].at("agent_rate").is_null());

  // The fixture's March call is outside the range: only January's three calls count.
  auto march = Call(
      "GET", "/api/v1/agents/" + std::string(kAgentAnn) + "/profile?from=2026-03-01&to=2026-03-31",
      TokenA());
  ASSERT_EQ(march.status, 200) << march.body;
  const json::value in_march = json::parse(march.body);
  for (const auto& item : in_march.at("script_items").as_array())
    EXPECT_LE(item.at("team_calls").as_int64(), 1) << march.body;
}

TEST_F(AgentProfileTest, CommentsAreThoseOnTheAgentsCallsNewestFirst) {
  AddCall(kAnn1, kAgentAnn, "{}");
  AddCall(kAbe1, kAgentAbe, "{}");
  ASSERT_EQ(Call("POST", "/api/v1/calls/" + std::string(kAnn1) + "/comments", TokenA(),
                 R"({"at_ms":1000,"body":"Ann, slow down here"})")
                .status,
            201);
  ASSERT_EQ(Call("POST", "/api/v1/calls/" + std::string(kAbe1) + "/comments", TokenA(),
                 R"({"at_ms":2000,"body":"Abe, nice close"})")
                .status,
            201);
  ASSERT_EQ(Call("POST", "/api/v1/calls/" + std::string(kAnn1) + "/comments", TokenA(),
                 R"({"at_ms":3000,"body":"Ann, good recap"})")
                .status,
            201);

  auto r = Call("GET", Path(kAgentAnn), TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  json::array comments = json::parse(r.body).at("comments").as_array();
  ASSERT_EQ(comments.size(), 2u) << r.body;
  EXPECT_EQ(comments[0].at("body").as_string(), "Ann, good recap");
  EXPECT_EQ(comments[1].at("body").as_string(), "Ann, slow down here");
  EXPECT_EQ(comments[1].at("call_id").as_string(), kAnn1);
  EXPECT_EQ(comments[1].at("at_ms").as_int64(), 1000);
}

TEST_F(AgentProfileTest, OverridesAreThoseOnTheAgentsCallsWithTheAiValueTheyReplaced) {
  AddCall(kAnn1, kAgentAnn, R"({"greeting":{"met":false}})");
  AddCall(kAbe1, kAgentAbe, R"({"greeting":{"met":false}})");
  const std::string body = R"({"field":"script.greeting","value":true,"reason":"Greeted by name"})";
  ASSERT_EQ(
      Call("POST", "/api/v1/calls/" + std::string(kAnn1) + "/overrides", TokenA(), body).status,
      201);
  ASSERT_EQ(
      Call("POST", "/api/v1/calls/" + std::string(kAbe1) + "/overrides", TokenA(), body).status,
      201);

  auto r = Call("GET", Path(kAgentAnn), TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  json::value p = json::parse(r.body);
  json::array overrides = p.at("overrides").as_array();
  ASSERT_EQ(overrides.size(), 1u) << r.body;
  EXPECT_EQ(overrides[0].at("call_id").as_string(), kAnn1);
  EXPECT_EQ(overrides[0].at("field").as_string(), "script.greeting");
  EXPECT_EQ(overrides[0].at("ai_value"), json::value(false));
  EXPECT_EQ(overrides[0].at("value"), json::value(true));
  EXPECT_EQ(overrides[0].at("reason").as_string(), "Greeted by name");
  // The override counts in the script items too: Ann met the greeting on her one call.
  EXPECT_DOUBLE_EQ(p.at("script_items").at(0).at("agent_rate").to_number<double>(), 1.0);
}

TEST_F(AgentProfileTest, AnotherTenantsAgentOrABadRequestIsRefused) {
  EXPECT_EQ(Call("GET", Path(kAgentBea), TokenA()).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/agents/not-a-uuid/profile", TokenA()).status, 404);
  auto bad = Call("GET", "/api/v1/agents/" + std::string(kAgentAnn) + "/profile?from=2026-13-01",
                  TokenA());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("from"), std::string::npos) << bad.body;
  EXPECT_EQ(Call("GET", Path(kAgentAnn), "").status, 401);
}

}  // namespace
}  // namespace converza::testing::rest
