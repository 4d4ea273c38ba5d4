#include <gtest/gtest.h>

#include "db/connection.h"
#include "db/pool.h"
#include "test_cluster.h"
#include "two_tenants.h"

namespace converza::db {
namespace {

TEST(ConnectionTest, ParametersTravelSeparatelyFromSql) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  // A value that would break string-built SQL is just data.
  auto rows = c.exec("select $1::text as v, $2::int + 1 as n, $3::text is null as isnull",
                     {std::string("'); drop table calls; --"), std::string("41"), std::nullopt});
  ASSERT_EQ(rows.size(), 1);
  EXPECT_EQ(rows.get(0, 0), "'); drop table calls; --");
  EXPECT_EQ(rows.get_int(0, 1), 42);
  EXPECT_TRUE(rows.get_bool(0, 2));
  EXPECT_EQ(rows.column_name(1), "n");
}

TEST(ConnectionTest, AnUnpreparedStatementIsPlannedForItsValuesEachTime) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  const std::string kept = "select $1::int + 1 as kept";
  const std::string planned_each_time = "select $1::int + 2 as planned_each_time";
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(c.exec(kept, {std::to_string(i)}).get_int(0, 0), i + 1);
    EXPECT_EQ(c.exec_unprepared(planned_each_time, {std::to_string(i)}).get_int(0, 0), i + 2);
  }
  // exec() keeps its statement, which PostgreSQL may then run with a generic plan; the other is
  // an unnamed statement, which it plans with the values of each run (a custom plan).
  auto prepared = c.exec("select statement from pg_prepared_statements order by name");
  ASSERT_EQ(prepared.size(), 1);
  EXPECT_NE(prepared.get(0, 0).find("as kept"), std::string_view::npos);
  // Its parameters are text: one may go unused, and one is read as another type by a cast.
  EXPECT_EQ(c.exec_unprepared("select $2::int + 2", {std::string("unused"), std::string("40")})
                .get_int(0, 0),
            42);
  EXPECT_THROW(c.exec_unprepared("select $1::int", {std::string("x")}), Error);
}

TEST(ConnectionTest, ErrorsCarrySqlstate) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  try {
    c.exec("select * from no_such_table");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "42P01");
    EXPECT_FALSE(e.connection_lost());
  }
  EXPECT_THROW(Connection("host=/nonexistent port=1 dbname=x"), Error);
}

TEST(TransactionTest, RollsBackUnlessCommitted) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  {
    Transaction tx(c);
    tx.exec("insert into tenants (name, slug) values ('A', 'a')");
  }
  EXPECT_EQ(c.exec("select count(*) from tenants").get_int(0, 0), 0);
  {
    Transaction tx(c);
    tx.exec("insert into tenants (name, slug) values ('A', 'a')");
    tx.commit();
  }
  EXPECT_EQ(c.exec("select count(*) from tenants").get_int(0, 0), 1);
}

TEST(TransactionTest, AfterCommitRunsOnlyOnceTheCommitSucceeded) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  c.exec("create table once (x int unique deferrable initially deferred)");
  int ran = 0;
  {
    Transaction tx(c);
    tx.exec("insert into once values (1)");
    tx.AfterCommit([&] { ++ran; });
  }  // rolled back
  EXPECT_EQ(ran, 0);
  {
    Transaction tx(c);
    tx.exec("insert into once values (2), (2)");  // checked at commit
    tx.AfterCommit([&] { ++ran; });
    EXPECT_THROW(tx.commit(), Error);
  }
  EXPECT_EQ(ran, 0);
  {
    Transaction tx(c);
    tx.exec("insert into once values (3)");
    tx.AfterCommit([&] {
      ++ran;
      // The change is visible to others by now.
      EXPECT_EQ(Connection(tdb.conninfo()).exec("select count(*) from once").get_int(0, 0), 1);
    });
    tx.commit();
  }
  EXPECT_EQ(ran, 1);
}

TEST(UserContextTest, RowLevelSecurityDecidesWhatAUserSees) {
  testing::TestDatabase tdb;
  Connection c(tdb.conninfo());
  testing::LoadTwoTenants(c);
  const std::string manager = std::string(R"({"sub":")") + testing::kManagerA +
                              R"(","role":"authenticated","app_metadata":{}})";
  {
    Transaction tx(c);
    SetUserContext(tx, "authenticated", manager);
    auto rows = tx.exec("select name from agents order by name");
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows.get(0, 0), "Abe Acme");
    EXPECT_EQ(rows.get(1, 0), "Ann Acme");
    // Writing into the other tenant is refused by the policy's WITH CHECK.
    EXPECT_THROW(tx.exec("insert into agents (tenant_id, name, phone) values ($1, 'Eve', "
                         "'+14155550009')",
                         {testing::kTenantB}),
                 Error);
  }
  {
    // The context is transaction-local: the next transaction is the service again.
    Transaction tx(c);
    EXPECT_EQ(tx.exec("select count(*) from agents").get_int(0, 0), 3);
  }
  {
    Transaction tx(c);
    SetUserContext(tx, "authenticated",
                   std::string(R"({"sub":")") + testing::kAdmin +
                       R"(","role":"authenticated","app_metadata":{"role":"admin"}})");
    EXPECT_EQ(tx.exec("select count(*) from agents").get_int(0, 0), 3);
  }
  {
    Transaction tx(c);
    SetUserContext(tx, "anon", R"({"role":"anon"})");
    EXPECT_THROW(tx.exec("select count(*) from agents"), Error);  // no grant at all
  }
  {
    // A statement past the request's timeout is cancelled (57014), for that transaction only.
    Transaction tx(c);
    SetUserContext(tx, "authenticated", manager, "100ms");
    EXPECT_EQ(tx.exec("select current_setting('jit')").get(0, 0), "off");
    try {
      tx.exec("select pg_sleep(2)");
      ADD_FAILURE() << "the statement was not cancelled";
    } catch (const Error& e) {
      EXPECT_EQ(e.sqlstate(), "57014");
    }
  }
  {
    Transaction tx(c);
    EXPECT_EQ(tx.exec("select current_setting('statement_timeout')").get(0, 0), "0");
    EXPECT_EQ(tx.exec("select current_setting('jit')").get(0, 0), "on");
  }
}

TEST(PoolTest, ReusesConnectionsAndReplacesBrokenOnes) {
  testing::TestDatabase tdb;
  Pool pool(tdb.conninfo(), 2, std::chrono::milliseconds(300));
  std::string first_pid;
  {
    auto c = pool.acquire();
    first_pid = std::string(c->exec("select pg_backend_pid()").get(0, 0));
  }
  {
    auto c = pool.acquire();
    EXPECT_EQ(c->exec("select pg_backend_pid()").get(0, 0), first_pid);  // reused
    // Kill our own backend, as a PostgreSQL restart would.
    Connection killer(tdb.conninfo());
    killer.exec("select pg_terminate_backend($1::int)", {first_pid});
    EXPECT_THROW(c->exec("select 1"), Error);
  }
  auto c = pool.acquire();  // the broken one was dropped; a fresh one is opened
  EXPECT_NE(c->exec("select pg_backend_pid()").get(0, 0), first_pid);
}

TEST(PoolTest, AnIdleConnectionTheServerClosedIsReplacedOnAcquire) {
  testing::TestDatabase tdb;
  Pool pool(tdb.conninfo(), 2, std::chrono::milliseconds(300));
  std::string first_pid;
  {
    auto c = pool.acquire();
    first_pid = std::string(c->exec("select pg_backend_pid()").get(0, 0));
  }
  // The backend goes away while its connection sits idle in the pool (a PostgreSQL restart).
  Connection killer(tdb.conninfo());
  killer.exec("select pg_terminate_backend($1::int, 5000)", {first_pid});
  auto c = pool.acquire();
  EXPECT_NO_THROW(c->exec("select 1"));  // the caller's first statement does not fail
  EXPECT_NE(c->exec("select pg_backend_pid()").get(0, 0), first_pid);
}

TEST(PoolTest, AcquireTimesOutWhenExhausted) {
  testing::TestDatabase tdb;
  Pool pool(tdb.conninfo(), 1, std::chrono::milliseconds(100));
  auto held = pool.acquire();
  try {
    pool.acquire();
    FAIL() << "expected a timeout";
  } catch (const Error& e) {
    EXPECT_TRUE(e.connection_lost());  // callers answer 503
  }
}

}  // namespace
}  // namespace converza::db
