// Managers' overrides of insight fields through the real server: the override wins in every
// reader (call view, calls list and its filters, KPIs, leaderboard) at once, the AI's value stays
// visible, re-analysis keeps it, bad input changes nothing, viewers and other tenants cannot.
// Call A1 of the fixture (2026-03-10, Ann's): converted, $25.00 upsell, positive (0.5), script
// greeting met and recap missed.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

constexpr char kDay[] = "from=2026-03-10&to=2026-03-10";
constexpr char kViewerA[] = "aaaaaaaa-1111-4000-8000-0000000000ee";

class OverridesTest : public ApiTest {
 protected:
  static std::string Path(const std::string& call) {
    return "/api/v1/calls/" + call + "/overrides";
  }
  HttpReply Override(const std::string& field, const std::string& value,
                     const std::string& reason = "heard it myself",
                     const std::string& token = TokenA(), const std::string& call = kCallA1) {
    return Call(
        "POST", Path(call), token,
        R"({"field":")" + field + R"(","value":)" + value + R"(,"reason":")" + reason + R"("})");
  }
  json::value Get(const std::string& target) {
    auto r = GetAs(target, TokenA());
    EXPECT_EQ(r.status, 200) << target << " -> " << r.body;
    return json::parse(r.body);
  }
  json::object Insight() {
    return Get("/api/v1/calls/" + std::string(kCallA1)).at("insight").as_object();
  }
  json::object Kpis() { return Get(std::string("/api/v1/kpis?") + kDay).at("current").as_object(); }
  json::object Ann() {
    const json::value board = Get(std::string("/api/v1/agents?") + kDay);
    for (const auto& a : board.at("agents").as_array()) {
      if (a.at("id") == kAgentAnn) return a.at("kpis").as_object();
    }
    ADD_FAILURE() << "Ann is not on the leaderboard";
    return {};
  }
  std::vector<std::string> ListedIds(const std::string& filters) {
    std::vector<std::string> ids;
    const json::value list = Get(std::string("/api/v1/calls?") + kDay + filters);
    for (const auto& c : list.at("calls").as_array()) {
      ids.emplace_back(c.at("id").as_string());
    }
    return ids;
  }
  long long Rows() { return Sql("select count(*) from public.insight_overrides").get_int(0, 0); }
};

TEST_F(OverridesTest, TheManagersValueWinsEverywhereAndTheAisStaysVisible) {
  ASSERT_EQ(Kpis().at("converted").as_int64(), 1);
  ASSERT_EQ(ListedIds("&converted=true"), std::vector<std::string>{kCallA1});

  auto made = Override("converted", "false", "She said she would call back, no booking");
  ASSERT_EQ(made.status, 201) << made.body;
  json::object o = json::parse(made.body).at("override").as_object();
  EXPECT_EQ(o.at("field"), "converted");
  EXPECT_EQ(o.at("value"), false);
  EXPECT_EQ(o.at("ai_value"), true);
  EXPECT_EQ(o.at("author_email"), "u@example.com");
  EXPECT_EQ(o.at("reason"), "She said she would call back, no booking");

  // The call view: the manager's value, marked, with the AI's beside it.
  json::object in = Insight();
  EXPECT_EQ(in.at("converted"), false);
  EXPECT_EQ(in.at("ai_values").at("converted"), true);
  EXPECT_EQ(in.at("overrides").at("converted").at("by"), "u@example.com");
  EXPECT_EQ(in.at("overrides").at("converted").at("ai_value"), true);
  EXPECT_EQ(in.at("confidence").at("converted").to_number<double>(), 1.0);
  // The list and its filters, the KPIs and the leaderboard: no rollup pass was run in between.
  EXPECT_TRUE(ListedIds("&converted=true").empty());
  EXPECT_EQ(ListedIds("&converted=false"), std::vector<std::string>{kCallA1});
  const json::value list = Get(std::string("/api/v1/calls?") + kDay);
  const json::object row = list.at("calls").as_array().at(1).as_object();
  EXPECT_EQ(row.at("id"), kCallA1);
  EXPECT_EQ(row.at("overridden"), json::array{"converted"});
  EXPECT_EQ(Kpis().at("converted").as_int64(), 0);
  EXPECT_EQ(Ann().at("converted").as_int64(), 0);

  ASSERT_EQ(Override("upsell_cents", "0", "The add-on was declined").status, 201);
  ASSERT_EQ(Override("script.recap", "true", "Recapped at 1:10").status, 201);
  ASSERT_EQ(Override("sentiment", "\"negative\"", "Angry at the end").status, 201);
  in = Insight();
  EXPECT_EQ(in.at("upsell_cents").as_int64(), 0);
  EXPECT_EQ(in.at("ai_values").at("upsell_cents").as_int64(), 2500);
  EXPECT_EQ(in.at("script").at("recap").at("met"), true);
  EXPECT_EQ(in.at("script_met").as_int64(), 2);
  EXPECT_EQ(in.at("sentiment").at("label"), "negative");
  EXPECT_NEAR(in.at("sentiment").at("score").to_number<double>(), -0.6, 1e-6);
  EXPECT_EQ(in.at("ai_values").at("sentiment").at("label"), "positive");
  EXPECT_EQ(Kpis().at("upsell_cents").as_int64(), 0);
  EXPECT_EQ(Kpis().at("sentiment").at("negative").as_int64(), 1);
  EXPECT_EQ(Kpis().at("script_adherence").to_number<double>(), 1.0);
  EXPECT_EQ(ListedIds("&sentiment=negative"), std::vector<std::string>{kCallA1});
  EXPECT_EQ(ListedIds("&low_performers=true"), std::vector<std::string>{kCallA1});

  // Overriding again replaces the value; the history keeps every step, newest first.
  ASSERT_EQ(Override("converted", "true", "Listened again: she booked").status, 201);
  EXPECT_EQ(Insight().at("converted"), true);
  json::array history = Get(Path(kCallA1)).at("overrides").as_array();
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[0].at("reason"), "Listened again: she booked");
  EXPECT_EQ(history[0].at("ai_value"), true);
  EXPECT_EQ(history[4].at("field"), "converted");
  EXPECT_EQ(history[4].at("value"), false);
  EXPECT_EQ(history[0].at("mine"), true);
}

TEST_F(OverridesTest, ReanalysisKeepsTheOverrideAndRecordsTheNewAiValue) {
  ASSERT_EQ(Override("converted", "false").status, 201);
  // A new analysis of the call, upserted as the analyze stage does (pipeline/analyze_stage.cc).
  Sql("insert into public.insights (tenant_id, call_id, converted, upsell_cents, sentiment_score,"
      " sentiment_label, script, script_met, script_total)"
      " values ($1::uuid, $2::uuid, true, 9900, -0.5, 'negative', '{}', 0, 0)"
      " on conflict (tenant_id, call_id) do update set converted = excluded.converted,"
      " upsell_cents = excluded.upsell_cents, sentiment_score = excluded.sentiment_score,"
      " sentiment_label = excluded.sentiment_label",
      {kTenantA, kCallA1});
  json::object in = Insight();
  EXPECT_EQ(in.at("converted"), false);  // still the manager's
  EXPECT_EQ(in.at("ai_values").at("converted"), true);
  EXPECT_EQ(in.at("upsell_cents").as_int64(), 9900);  // not overridden: the new analysis
  EXPECT_EQ(in.at("sentiment").at("label"), "negative");
  EXPECT_TRUE(in.at("overrides").as_object().contains("converted"));
  // A call left "not analysed" loses its insight, not its history; the next analysis gets the
  // override again.
  Sql("delete from public.insights where call_id = $1::uuid", {kCallA1});
  Sql("insert into public.insights (tenant_id, call_id, converted, upsell_cents, sentiment_score,"
      " sentiment_label, script, script_met, script_total)"
      " values ($1::uuid, $2::uuid, true, 0, 0, 'neutral', '{}', 0, 0)",
      {kTenantA, kCallA1});
  EXPECT_EQ(Insight().at("converted"), false);
  EXPECT_EQ(Rows(), 1);
}

TEST_F(OverridesTest, BadInputIsRefusedAndChangesNothing) {
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "JSON object"},
      {R"({"value":true,"reason":"x"})", "`field` is required"},
      {R"({"field":"converted","reason":"x"})", "`value` is required"},
      {R"({"field":"converted","value":true})", "`reason` is required"},
      {R"({"field":"converted","value":true,"reason":"   "})", "`reason` is required"},
      {R"({"field":"converted","value":"yes","reason":"x"})", "true or false"},
      {R"({"field":"ai_score","value":10,"reason":"x"})", "`field` must be"},
      {R"({"field":"upsell_cents","value":-1,"reason":"x"})", "from 0"},
      {R"({"field":"upsell_cents","value":12.5,"reason":"x"})", "whole number"},
      {R"({"field":"sentiment","value":"furious","reason":"x"})", "positive, neutral or negative"},
      {R"({"field":"script.","value":true,"reason":"x"})", "item key"},
      {R"({"field":"script.offer","value":true,"reason":"x"})", "no item `offer`"},
      {R"({"field":"converted","value":true,"reason":")" + std::string(501, 'x') + "\"}", "500"},
      {R"({"field":"converted","value":true,"reason":"x","author_email":"ceo@x.com"})",
       "unknown field"},
  };
  for (const auto& [body, message] : cases) {
    auto r = Call("POST", Path(kCallA1), TokenA(), body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_NE(r.body.find("\"error\""), std::string::npos) << r.body;
    EXPECT_NE(r.body.find(message), std::string::npos) << body << " -> " << r.body;
  }
  EXPECT_EQ(Rows(), 0);
  EXPECT_EQ(Insight().at("converted"), true);
  EXPECT_TRUE(Insight().at("overrides").as_object().empty());
  // A call not analysed yet has nothing to override.
  auto r = Override("converted", "true", "x", TokenA(), kCallA2);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Rows(), 0);
}

TEST_F(OverridesTest, ViewersAndOtherTenantsCannotOverride) {
  Sql("insert into auth.users (id, email) values ($1::uuid, 'viewer@example.com')", {kViewerA});
  Sql("insert into public.members (tenant_id, user_id, role) values ($1::uuid, $2::uuid, 'viewer')",
      {kTenantA, kViewerA});
  const std::string viewer = Token(kViewerA, kTenantA);
  auto r = Override("converted", "false", "x", viewer);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("read_only"), std::string::npos) << r.body;
  ASSERT_EQ(Override("converted", "false").status, 201);
  // The viewer reads the history and sees the mark.
  auto list = GetAs(Path(kCallA1), viewer);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(json::parse(list.body).at("overrides").as_array().size(), 1u);

  // B's manager: A's call does not exist for them, to read or to change.
  EXPECT_EQ(Override("converted", "true", "x", TokenB()).status, 404);
  EXPECT_EQ(GetAs(Path(kCallA1), TokenB()).status, 404);
  EXPECT_EQ(GetAs(Path("not-a-uuid"), TokenA()).status, 404);
  EXPECT_EQ(
      Call("POST", Path(kCallA1), "", R"({"field":"converted","value":true,"reason":"x"})").status,
      401);
  EXPECT_EQ(Rows(), 1);
  EXPECT_EQ(Insight().at("converted"), false);
}

}  // namespace
}  // namespace converza::testing::rest
