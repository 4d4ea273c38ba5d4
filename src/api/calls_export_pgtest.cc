// The CSV exports through the real server: the calls export holds exactly the calls the list
// shows for the same parameters, in the same order, with managers' overrides in it; text is
// quoted and formula-safe; a big export arrives in many bounded chunks (streamed from a cursor,
// never built whole); the leaderboard export matches the leaderboard.
#include <boost/json.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "api/api_pgtest_fixture.h"
#include "stream_client.h"

namespace converza::testing::rest {
namespace {

namespace json = boost::json;

// May 2026: none of the fixture's calls (2026-03-10).
constexpr char kMay[] = "from=2026-05-01&to=2026-05-31";

// The records of a CSV body (RFC 4180: quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += ch;
    }
  }
  rows.pop_back();  // after the last CRLF
  return rows;
}

class ExportTest : public ApiTest {
 protected:
  // `n` analysed calls of Ann's and Abe's in May, with varied outcomes.
  void AddMayCalls(int n) {
    Sql(R"sql(
      insert into public.calls (tenant_id, id, call_sid, agent_id, from_number, to_number,
                                duration_s, started_at, pipeline_status)
      select $1::uuid, ('aaaaaaaa-ca11-4000-8001-' || lpad(g::text, 12, '0'))::uuid,
             'CAmay' || g, case when g % 2 = 0 then $2::uuid else $3::uuid end,
             '+1415555' || lpad(g::text, 4, '0'), '+14155550100', 60 + g % 300,
             timestamptz '2026-05-01 08:00+00' + g * interval '97 seconds', 'done'
        from generate_series(1, $4::int) g)sql",
        {kTenantA, kAgentAnn, kAgentAbe, std::to_string(n)});
    Sql(R"sql(
      insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,
                                   upsell_cents, script, script_met, script_total, ai_score,
                                   summary)
      select $1::uuid, ('aaaaaaaa-ca11-4000-8001-' || lpad(g::text, 12, '0'))::uuid,
             (g % 5 - 2) / 2.5, case g % 5 when 0 then 'negative' when 1 then 'negative'
                                           when 2 then 'neutral' else 'positive' end,
             g % 3 = 0, (g % 7) * 500, '{"greeting":{"met":true}}', 1, 1, g % 101,
             'Call ' || g || ', booked a visit'
        from generate_series(1, $2::int) g)sql",
        {kTenantA, std::to_string(n)});
    RefreshKpis();
  }
  static std::string CallId(int g) {
    std::string n = std::to_string(g);
    return "aaaaaaaa-ca11-4000-8001-" + std::string(12 - n.size(), '0') + n;
  }
};

TEST_F(ExportTest, TheCsvHoldsExactlyTheFilteredListWithOverrides) {
  AddMayCalls(60);
  Sql("update public.insights set summary = '=HYPERLINK(\"http://evil\"), \"urgent\"'"
      " where call_id = $1::uuid",
      {CallId(3)});
  auto o = Call("POST", "/api/v1/calls/" + CallId(6) + "/overrides", TokenA(),
                R"({"field":"upsell_cents","value":12345,"reason":"Two add-ons, not one"})");
  ASSERT_EQ(o.status, 201) << o.body;

  const std::string filters = std::string(kMay) + "&converted=true&sort=upsell_cents&order=desc";
  auto list = GetAs("/api/v1/calls?" + filters + "&limit=100", TokenA());
  ASSERT_EQ(list.status, 200) << list.body;
  json::array calls = json::parse(list.body).at("calls").as_array();
  ASSERT_EQ(calls.size(), 20u);

  StreamClient csv(port_, "/api/v1/calls/export.csv?" + filters,
                   "Authorization: Bearer " + TokenA() + "\r\n");
  ASSERT_EQ(csv.status(), 200);
  ASSERT_TRUE(csv.WaitForEnd(30000));
  EXPECT_EQ(csv.headers().at("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.headers().at("content-disposition").find("attachment; filename=\"converza-calls-"),
            std::string::npos);
  EXPECT_NE(csv.headers().at("transfer-encoding").find("chunked"), std::string::npos);
  auto rows = ParseCsv(csv.body());
  ASSERT_EQ(rows.size(), calls.size() + 1) << csv.body();
  EXPECT_EQ(rows[0][0], "call_id");
  EXPECT_EQ(rows[0].back(), "summary");
  for (std::size_t r = 0; r < calls.size(); ++r) {
    const auto& call = calls[r].as_object();
    const auto& row = rows[r + 1];
    ASSERT_EQ(row.size(), rows[0].size());
    EXPECT_EQ(row[0], call.at("id").as_string()) << "row " << r;
    EXPECT_EQ(row[2], call.at("agent").at("name").as_string());
    EXPECT_EQ(row[7], "true");
    EXPECT_EQ(row[8], std::to_string(call.at("upsell_cents").as_int64()));
    EXPECT_EQ(row[11], std::to_string(call.at("ai_score").as_int64()));
  }
  // The override is in the export, first (the highest upsell), and named as overridden.
  EXPECT_EQ(rows[1][0], CallId(6));
  EXPECT_EQ(rows[1][8], "12345");
  EXPECT_EQ(rows[1][14], "upsell_cents");
  // A formula in a summary arrives as text, and the phone numbers are not formulas either.
  bool found = false;
  for (const auto& row : rows) {
    if (row[0] != CallId(3)) continue;
    found = true;
    EXPECT_EQ(row.back(), "'=HYPERLINK(\"http://evil\"), \"urgent\"");
    EXPECT_EQ(row[3], "'+14155550003");
  }
  EXPECT_TRUE(found);
}

TEST_F(ExportTest, ABigExportIsStreamedInBoundedChunks) {
  constexpr int kCalls = 20'000;
  AddMayCalls(kCalls);
  StreamClient csv(port_, std::string("/api/v1/calls/export.csv?") + kMay,
                   "Authorization: Bearer " + TokenA() + "\r\n");
  ASSERT_EQ(csv.status(), 200);
  ASSERT_TRUE(csv.WaitForEnd(120000)) << csv.body().size();
  long long lines = 0;
  for (char ch : csv.body()) lines += ch == '\n' ? 1 : 0;
  EXPECT_EQ(lines, kCalls + 1);
  // One chunk per batch of rows, none holding more than a small part of the file: the server
  // never held the whole body.
  EXPECT_GE(csv.chunks(), kCalls / 1000 + 1);
  EXPECT_LT(csv.largest_chunk(), csv.body().size() / 10);
}

TEST_F(ExportTest, BadParametersAreRefusedAndOthersAgentsAreNotFound) {
  auto bad = GetAs(std::string("/api/v1/calls/export.csv?") + kMay + "&sentiment=happy", TokenA());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"error\""), std::string::npos);
  EXPECT_EQ(GetAs(std::string("/api/v1/calls/export.csv?agent_id=") + kAgentBea, TokenA()).status,
            404);
  EXPECT_EQ(GetAs("/api/v1/calls/export.csv", "").status, 401);
  // A browser download carries the token in the query.
  StreamClient csv(port_,
                   std::string("/api/v1/calls/export.csv?") + kMay + "&access_token=" + TokenA());
  EXPECT_EQ(csv.status(), 200);
}

TEST_F(ExportTest, TheLeaderboardCsvMatchesTheLeaderboard) {
  AddMayCalls(40);
  auto board = GetAs(std::string("/api/v1/agents?") + kMay, TokenA());
  ASSERT_EQ(board.status, 200) << board.body;
  json::array agents = json::parse(board.body).at("agents").as_array();
  auto csv = GetAs(std::string("/api/v1/agents/export.csv?") + kMay, TokenA());
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-disposition"),
            "attachment; filename=\"converza-leaderboard-2026-05-01-to-2026-05-31.csv\"");
  auto rows = ParseCsv(csv.body);
  ASSERT_EQ(rows.size(), agents.size() + 1);
  EXPECT_EQ(rows[0][0], "agent_id");
  for (std::size_t r = 0; r < agents.size(); ++r) {
    const auto& a = agents[r].as_object();
    EXPECT_EQ(rows[r + 1][0], a.at("id").as_string());
    EXPECT_EQ(rows[r + 1][5], std::to_string(a.at("kpis").at("calls").as_int64()));
    EXPECT_EQ(rows[r + 1][9], std::to_string(a.at("kpis").at("upsell_cents").as_int64()));
  }
  EXPECT_EQ(rows[1][2], "'+1415555000" + std::string(rows[1][1] == "Ann Acme" ? "1" : "2"));
}

// A tenant's exports in flight are capped (each holds a pooled connection to its last row): with
// EXPORTS_PER_TENANT=1, a second export while the first runs is a 429, and the place comes back
// when the first ends. The first is held deterministically by a lock on public.calls, which its
// cursor waits on after it has taken its place.
class ExportGateTest : public ExportTest {
 protected:
  std::map<std::string, std::string> ServerEnv() override { return {{"EXPORTS_PER_TENANT", "1"}}; }
};

TEST_F(ExportGateTest, ATenantRunsOnlyAsManyExportsAtOnceAsItsCap) {
  const std::string target = std::string("/api/v1/calls/export.csv?") + kMay;
  db::Connection locker(db_->conninfo());
  db::Transaction lock(locker);
  lock.exec("lock table public.calls in access exclusive mode");
  HttpReply first;
  std::thread running([&] { first = Call("GET", target, TokenA()); });
  bool waiting = false;
  for (int i = 0; i < 200 && !waiting; ++i) {
    // The export's own backend, not any waiter: autovacuum's ANALYZE of the new calls also
    // queues behind the lock, and taking that for the export let the second request win the place.
    waiting = Sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                  " and query like 'declare calls_export%'")
                  .get_int(0, 0) > 0;
    if (!waiting) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(waiting) << "the first export never reached its cursor";

  auto second = Call("GET", target, TokenA());
  EXPECT_EQ(second.status, 429) << second.body;
  EXPECT_NE(second.body.find("CSV exports"), std::string::npos) << second.body;

  lock.commit();
  running.join();
  EXPECT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Call("GET", target, TokenA()).status, 200) << "the place is free again";
}

}  // namespace
}  // namespace converza::testing::rest
