// Trackers through the real server: managers create, change and delete them; bad bodies are
// refused and change nothing; viewers read but cannot write; another tenant's tracker is a 404;
// the calls list filters by tracker and shows its chips; the call detail lists them; a re-run
// queues a job per analysed call and reports its progress; the time series counts calls per day.
#include <boost/json.hpp>

#include "api/api_pgtest_fixture.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

class TrackersTest : public ApiTest {
 protected:
  long long Trackers() { return Sql("select count(*) from public.trackers").get_int(0, 0); }
  std::string Viewer() {
    Sql("insert into public.members (tenant_id, user_id, role) values ($1::uuid, $2::uuid,"
        " 'viewer')",
        {kTenantA, kOutsider});
    return Token(kOutsider, kTenantA);
  }
};

TEST_F(TrackersTest, ManagersCreateChangeAndDeleteTrackers) {
  auto made = Call("POST", "/api/v1/trackers", TokenA(),
                   R"({"name":"  Cancel ","phrases":["cancel my account"," cancel ","cancel"]})");
  ASSERT_EQ(made.status, 201) << made.body;
  json::object t = json::parse(made.body).as_object();
  EXPECT_EQ(t.at("name").as_string(), "Cancel");
  EXPECT_EQ(json::serialize(t.at("phrases")), R"(["cancel my account","cancel"])");
  EXPECT_EQ(t.at("calls").as_int64(), 0);
  const std::string id(t.at("id").as_string());

  auto list = GetAs("/api/v1/trackers", TokenA());
  ASSERT_EQ(list.status, 200) << list.body;
  json::object l = json::parse(list.body).as_object();
  ASSERT_EQ(l.at("trackers").as_array().size(), 2u);  // and the fixture's "Leak"
  EXPECT_EQ(l.at("trackers").as_array()[1].at("name").as_string(), "Leak");
  EXPECT_EQ(l.at("trackers").as_array()[1].at("calls").as_int64(), 1);
  EXPECT_TRUE(l.at("run").is_object());

  auto changed = Call("PUT", "/api/v1/trackers/" + id, TokenA(),
                      R"({"name":"Churn","phrases":["close my account"]})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(json::parse(changed.body).at("name").as_string(), "Churn");
  EXPECT_EQ(
      Call("POST", "/api/v1/trackers", TokenA(), R"({"name":"Churn","phrases":["x"]})").status,
      409);
  EXPECT_EQ(Call("DELETE", "/api/v1/trackers/" + id, TokenA()).status, 204);
  EXPECT_EQ(Call("DELETE", "/api/v1/trackers/" + id, TokenA()).status, 404);
  EXPECT_EQ(Trackers(), 2);
}

TEST_F(TrackersTest, BadBodiesAreRefusedAndChangeNothing) {
  const std::pair<std::string, std::string> cases[] = {
      {"not json", "JSON object"},
      {R"({"phrases":["x"]})", "`name` is required"},
      {R"({"name":"X"})", "`phrases`"},
      {R"({"name":"X","phrases":[]})", "`phrases`"},
      {R"({"name":"X","phrases":"cancel"})", "`phrases`"},
      {R"({"name":"X","phrases":[1]})", "`phrases`"},
      {R"({"name":"X","phrases":["uh, um..."]})", "no words"},
      {R"({"name":"   ","phrases":["x"]})", "`name`"},
      {R"({"name":")" + std::string(61, 'n') + R"(","phrases":["x"]})", "`name`"},
      {R"({"name":"X","phrases":[")" + std::string(101, 'p') + R"("]})", "100 characters"},
      {R"({"name":"X","phrases":["x"],"tenant_id":"bbbbbbbb-0000-4000-8000-000000000000"})",
       "unknown field"},
  };
  for (const auto& [body, message] : cases) {
    auto r = Call("POST", "/api/v1/trackers", TokenA(), body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_NE(r.body.find(message), std::string::npos) << body << " -> " << r.body;
    auto p = Call("PUT", std::string("/api/v1/trackers/") + kTrackerA, TokenA(), body);
    EXPECT_EQ(p.status, 400) << body;
  }
  EXPECT_EQ(Trackers(), 2);
  EXPECT_EQ(Sql("select name from public.trackers where id = $1::uuid", {kTrackerA}).get(0, 0),
            "Leak");
  EXPECT_EQ(GetAs("/api/v1/trackers/timeseries?from=2026-03-10&to=2026-03-01", TokenA()).status,
            400);
}

TEST_F(TrackersTest, ViewersReadButCannotWriteAndOtherTenantsSeeNothing) {
  const std::string viewer = Viewer();
  EXPECT_EQ(GetAs("/api/v1/trackers", viewer).status, 200);
  auto r = Call("POST", "/api/v1/trackers", viewer, R"({"name":"V","phrases":["v"]})");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("read_only"), std::string::npos) << r.body;
  EXPECT_EQ(Call("PUT", std::string("/api/v1/trackers/") + kTrackerA, viewer,
                 R"({"name":"V","phrases":["v"]})")
                .status,
            403);
  EXPECT_EQ(Call("DELETE", std::string("/api/v1/trackers/") + kTrackerA, viewer).status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/trackers/rerun", viewer, "{}").status, 403);

  // B's tracker does not exist for A.
  EXPECT_EQ(Call("PUT", std::string("/api/v1/trackers/") + kTrackerB, TokenA(),
                 R"({"name":"Mine","phrases":["x"]})")
                .status,
            404);
  EXPECT_EQ(Call("DELETE", std::string("/api/v1/trackers/") + kTrackerB, TokenA()).status, 404);
  auto list = GetAs("/api/v1/trackers", TokenA());
  EXPECT_EQ(list.body.find(kTrackerB), std::string::npos);
  EXPECT_EQ(GetAs(std::string("/api/v1/calls?from=2026-03-01&to=2026-03-31&tracker=") + kTrackerB,
                  TokenA())
                .body.find(kCallB1),
            std::string::npos);
  EXPECT_EQ(Trackers(), 2);
  EXPECT_EQ(Sql("select count(*) from public.jobs where kind = 'trackers'").get_int(0, 0), 0);
}

TEST_F(TrackersTest, CallsListFiltersByTrackerAndShowsChips) {
  const std::string period = "/api/v1/calls?from=2026-03-01&to=2026-03-31";
  auto all = json::parse(GetAs(period, TokenA()).body).as_object();
  EXPECT_EQ(all.at("total").as_int64(), 2);
  auto hit = GetAs(period + "&tracker=" + kTrackerA, TokenA());
  ASSERT_EQ(hit.status, 200) << hit.body;
  auto calls = json::parse(hit.body).at("calls").as_array();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].at("id").as_string(), kCallA1);
  auto chips = calls[0].at("trackers").as_array();
  ASSERT_EQ(chips.size(), 1u);
  EXPECT_EQ(chips[0].at("name").as_string(), "Leak");
  EXPECT_EQ(chips[0].at("first_ms").as_int64(), 3500);
  EXPECT_EQ(GetAs(period + "&tracker=not-a-uuid", TokenA()).status, 400);
  // Combined with the other filters, through the same WHERE.
  EXPECT_EQ(json::parse(GetAs(period + "&converted=false&tracker=" + kTrackerA, TokenA()).body)
                .at("total")
                .as_int64(),
            0);

  auto detail = GetAs(std::string("/api/v1/calls/") + kCallA1, TokenA());
  auto dchips = json::parse(detail.body).at("trackers").as_array();
  ASSERT_EQ(dchips.size(), 1u);
  EXPECT_EQ(dchips[0].at("speaker").as_string(), "customer");

  auto series = GetAs("/api/v1/trackers/timeseries?from=2026-03-01&to=2026-03-31", TokenA());
  ASSERT_EQ(series.status, 200) << series.body;
  auto days = json::parse(series.body).at("days").as_array();
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].at("day").as_string(), "2026-03-10");
  EXPECT_EQ(days[0].at("calls").as_int64(), 1);
}

TEST_F(TrackersTest, ARerunQueuesEveryAnalysedCallOnceAndReportsProgress) {
  auto r = Call("POST", "/api/v1/trackers/rerun", TokenA(), "{}");
  ASSERT_EQ(r.status, 202) << r.body;
  auto run = json::parse(r.body).at("run").as_object();
  EXPECT_EQ(run.at("total").as_int64(), 1);  // CAa1; CAa2 was never analysed
  EXPECT_EQ(run.at("done").as_int64(), 0);
  EXPECT_TRUE(run.at("finished_at").is_null());
  EXPECT_EQ(Sql("select count(*) from public.jobs where kind = 'trackers' and state = 'queued'")
                .get_int(0, 0),
            1);
  // While it runs, a second one is refused.
  EXPECT_EQ(Call("POST", "/api/v1/trackers/rerun", TokenA(), "{}").status, 409);
  auto list = json::parse(GetAs("/api/v1/trackers", TokenA()).body).as_object();
  EXPECT_EQ(list.at("run").at("total").as_int64(), 1);
}

}  // namespace
}  // namespace converza::testing::rest
