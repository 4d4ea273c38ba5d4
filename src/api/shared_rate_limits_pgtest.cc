#include <gtest/gtest.h>

#include "api/shared_rate_limits.h"
#include "db/connection.h"
#include "http_client.h"
#include "test_cluster.h"

namespace converza::api {
namespace {

using std::chrono::milliseconds;

int Admitted(SharedRateLimits& limits, std::string_view key, int per_minute, int tries) {
  int admitted = 0;
  for (int i = 0; i < tries; ++i) admitted += limits.Take("ip", key, per_minute).allowed ? 1 : 0;
  return admitted;
}

class SharedRateLimitsTest : public ::testing::Test {
 protected:
  testing::TestDatabase db_;
};

TEST_F(SharedRateLimitsTest, TwoServersGiveAClientOneBudget) {
  // Two servers' limiters on one database, synced by hand (interval 0).
  SharedRateLimits a(db_.conninfo(), milliseconds(0)), b(db_.conninfo(), milliseconds(0));
  EXPECT_EQ(Admitted(a, "198.51.100.7", 10, 6), 6);
  EXPECT_EQ(Admitted(b, "198.51.100.7", 10, 1), 1);
  ASSERT_TRUE(a.Sync());
  ASSERT_TRUE(b.Sync());  // b now knows of a's six

  EXPECT_EQ(Admitted(b, "198.51.100.7", 10, 10), 3);
  auto refused = b.Take("ip", "198.51.100.7", 10);
  EXPECT_FALSE(refused.allowed);
  EXPECT_GE(refused.retry_after_s, 1);
  ASSERT_TRUE(b.Sync());
  ASSERT_TRUE(a.Sync());
  EXPECT_EQ(Admitted(a, "198.51.100.7", 10, 5), 0) << "a sees b's requests after one sync";

  // Another client, and the same address as a tenant id, have budgets of their own.
  EXPECT_EQ(Admitted(a, "198.51.100.8", 10, 3), 3);
  EXPECT_TRUE(a.Take("tenant", "198.51.100.7", 10).allowed);
  EXPECT_TRUE(a.Take("tenant", R"(a "quoted" \ key, {with} braces)", 10).allowed);
  ASSERT_TRUE(a.Sync());

  db::Connection sql(db_.conninfo());
  EXPECT_EQ(sql.exec("select hits from private.rate_counters where scope = 'tenant' and key = $1",
                     {R"(a "quoted" \ key, {with} braces)"})
                .get_int(0, 0),
            1);
  EXPECT_EQ(sql.exec("select sum(hits) from private.rate_counters where key = '198.51.100.7' "
                     "and scope = 'ip'")
                .get_int(0, 0),
            10);
}

TEST_F(SharedRateLimitsTest, CountsAreKeptWhileTheDatabaseIsUnreachable) {
  SharedRateLimits limits("host=127.0.0.1 port=" + std::to_string(testing::FreePort()) +
                              " dbname=converza connect_timeout=2",
                          milliseconds(0));
  EXPECT_EQ(Admitted(limits, "client", 5, 3), 3);
  EXPECT_FALSE(limits.Sync());
  EXPECT_EQ(Admitted(limits, "client", 5, 5), 2) << "the failed sync lost no counts";
}

TEST_F(SharedRateLimitsTest, TheWindowSlidesAndOldMinutesAreDeleted) {
  db::Connection sql(db_.conninfo());
  sql.exec(R"sql(
    insert into private.rate_counters (scope, key, window_start, hits) values
      ('ip', 'old', date_trunc('minute', now()) - interval '5 minutes', 99),
      ('ip', 'slide', date_trunc('minute', now()) - interval '1 minute', 60))sql");
  auto rows = sql.exec(R"sql(
    select used, 60 * (1 - extract(epoch from now() - date_trunc('minute', now())) / 60)
      from private.share_rate_usage('{ip,ip}', '{slide,new}', '{0,2}')
     order by key desc)sql");
  ASSERT_EQ(rows.size(), 2);
  // The previous minute counts for the part of it still inside the window.
  EXPECT_NEAR(std::stod(std::string(rows.get(0, 0))), std::stod(std::string(rows.get(0, 1))), 1e-6);
  EXPECT_EQ(rows.get(1, 0), "2");
  EXPECT_EQ(sql.exec("select count(*) from private.rate_counters where key = 'old'").get_int(0, 0),
            0);
}

TEST_F(SharedRateLimitsTest, MismatchedArraysAreRefusedAndChangeNothing) {
  db::Connection sql(db_.conninfo());
  try {
    sql.exec("select * from private.share_rate_usage('{ip,ip}', '{a}', '{1,1}')");
    FAIL() << "accepted arrays of different lengths";
  } catch (const db::Error& e) {
    EXPECT_EQ(e.sqlstate(), "22023");
  }
  EXPECT_EQ(sql.exec("select count(*) from private.rate_counters").get_int(0, 0), 0);
}

}  // namespace
}  // namespace converza::api
