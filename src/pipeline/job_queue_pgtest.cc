#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "pipeline/job_queue.h"
#include "test_cluster.h"

namespace converza::pipeline {
namespace {

class JobQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sql_ = std::make_unique<db::Connection>(db_.conninfo());
    tenant_ = sql_->exec("insert into tenants (name, slug) values ('Acme', 'acme') returning id")
                  .get(0, 0);
  }
  // n calls, each with a queued transcribe job.
  void Enqueue(int n) {
    sql_->exec(R"sql(
      with c as (
        insert into calls (tenant_id, call_sid)
        select $1, 'CA' || g || '-' || gen_random_uuid() from generate_series(1, $2::int) g
        returning tenant_id, id)
      insert into jobs (tenant_id, kind, call_id) select tenant_id, 'transcribe', id from c)sql",
               {tenant_, std::to_string(n)});
  }
  long long Count(const std::string& sql) { return sql_->exec(sql).get_int(0, 0); }

  testing::TestDatabase db_;
  std::unique_ptr<db::Connection> sql_;
  std::string tenant_;  // the one tenant, whose calls and jobs these are
  db::Pool pool_{db_.conninfo(), 4};
};

TEST_F(JobQueueTest, ConcurrentWorkersClaimDisjointBatches) {
  Enqueue(200);
  JobQueue a(pool_, "worker-a", std::chrono::seconds(60));
  JobQueue b(pool_, "worker-b", std::chrono::seconds(60));
  std::vector<Job> got_a, got_b;
  std::thread ta([&] {
    for (int i = 0; i < 10; ++i) {
      auto j = a.Claim(15);
      got_a.insert(got_a.end(), j.begin(), j.end());
    }
  });
  std::thread tb([&] {
    for (int i = 0; i < 10; ++i) {
      auto j = b.Claim(15);
      got_b.insert(got_b.end(), j.begin(), j.end());
    }
  });
  ta.join();
  tb.join();
  std::set<long long> ids;
  for (const auto& j : got_a) ids.insert(j.id);
  for (const auto& j : got_b) EXPECT_TRUE(ids.insert(j.id).second) << "job claimed twice";
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_EQ(got_a.front().attempts, 1);
  EXPECT_EQ(got_a.front().kind, "transcribe");
  EXPECT_EQ(Count("select count(*) from jobs where state = 'running'"), 200);
}

// The analyze stage marks a call's day stale as it stores the insight. A refresh under way (its
// transaction has taken the day's marks) must not hold that write up, and the new mark is taken by
// the next pass; marks of a failed pass come back.
TEST_F(JobQueueTest, AMarkNeverWaitsForARefreshUnderWay) {
  sql_->exec(R"sql(
    insert into calls (tenant_id, call_sid, started_at)
    select $1, 'CA-mark-' || g, now() from generate_series(1, 2) g)sql",
             {tenant_});
  const std::string mark =
      "insert into private.kpi_dirty (tenant_id, day) values ($1, (now() at time zone "
      "'UTC')::date)";
  sql_->exec(mark, {tenant_});
  sql_->exec(mark, {tenant_});

  db::Connection refresher(db_.conninfo());
  refresher.exec("begin");
  refresher.exec("delete from private.kpi_dirty");  // as a pass does, until it commits
  db::Connection writer(db_.conninfo());
  writer.exec("set statement_timeout = '3s'");
  EXPECT_NO_THROW(writer.exec(mark, {tenant_})) << "a mark waited for the refresh";

  JobQueue queue(pool_, "worker-a", std::chrono::seconds(60));
  RollupPass pass = queue.RefreshStaleRollups(100);
  EXPECT_EQ(pass.marks, 1) << "only the mark the refresh under way had not taken";
  EXPECT_EQ(pass.days, 1);
  EXPECT_EQ(Count("select coalesce(sum(calls), 0) from kpi_daily"), 2);

  refresher.exec("rollback");  // that refresh failed: its two marks are stale again
  pass = queue.RefreshStaleRollups(100);
  EXPECT_EQ(pass.marks, 2);
  EXPECT_EQ(pass.days, 1) << "one refresh for the day, however many marks";
  EXPECT_EQ(queue.RefreshStaleRollups(100).marks, 0);
}

TEST_F(JobQueueTest, CompletionNeedsTheLease) {
  Enqueue(1);
  JobQueue crashed(pool_, "crashed", std::chrono::seconds(0));  // lease ends at once
  auto jobs = crashed.Claim(10);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(crashed.RecoverExpired(), 1);  // back in the queue

  JobQueue healthy(pool_, "healthy", std::chrono::seconds(60));
  auto again = healthy.Claim(10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);

  db::Connection c(db_.conninfo());
  {
    db::Transaction tx(c);
    EXPECT_FALSE(crashed.CompleteIn(tx, jobs[0]));  // its lease is gone: roll back
  }
  {
    db::Transaction tx(c);
    EXPECT_TRUE(healthy.CompleteIn(tx, again[0]));
    tx.commit();
  }
  EXPECT_EQ(Count("select count(*) from jobs where state = 'done' and lease_until is null"), 1);
}

TEST_F(JobQueueTest, FailuresBackOffThenDeadLetterAndMarkTheCall) {
  Enqueue(1);
  sql_->exec("update jobs set max_attempts = 2");
  JobQueue q(pool_, "w", std::chrono::seconds(60));
  auto j = q.Claim(1);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_FALSE(q.Fail(j[0], "upstream 500", std::chrono::milliseconds(30000)));
  // Retry-After honoured: not due for ~30 s, so nothing to claim now.
  EXPECT_EQ(Count("select count(*) from jobs where state = 'queued' and "
                  "run_at > now() + interval '25 seconds'"),
            1);
  EXPECT_TRUE(q.Claim(1).empty());

  sql_->exec("update jobs set run_at = now()");
  j = q.Claim(1);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_TRUE(q.Fail(j[0], "upstream 500 again"));  // attempt 2 of 2: dead
  EXPECT_EQ(
      Count("select count(*) from jobs where state = 'dead' and last_error = 'upstream 500 again'"),
      1);
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'failed'"), 1);

  // The one way back for a dead job (what the admin API's retry calls): a fresh attempt budget.
  EXPECT_EQ(Count("select count(*) filter (where public.retry_dead_job(tenant_id, id)) from jobs"),
            1);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'queued' and attempts = 0"), 1);
}

// Waiting on a provider is not a failure: a deferred job comes back later without using up an
// attempt, however often it waits, and only the worker holding it may defer it.
TEST_F(JobQueueTest, ADeferredJobComesBackLaterWithoutUsingAnAttempt) {
  Enqueue(1);
  sql_->exec("update jobs set max_attempts = 1");
  JobQueue q(pool_, "w", std::chrono::seconds(60));
  JobQueue other(pool_, "other", std::chrono::seconds(60));
  for (int i = 0; i < 3; ++i) {
    auto j = q.Claim(1);
    ASSERT_EQ(j.size(), 1u);
    EXPECT_FALSE(other.Defer(j[0], "not mine", std::chrono::milliseconds(0)));
    EXPECT_TRUE(q.Defer(j[0], "transcript GT1 in-progress", std::chrono::milliseconds(30000)));
    EXPECT_EQ(
        Count(
            "select count(*) from jobs where state = 'queued' and attempts = 0 and "
            "last_error = 'transcript GT1 in-progress' and run_at > now() + interval '25 seconds'"),
        1);
    EXPECT_TRUE(q.Claim(1).empty());
    sql_->exec("update jobs set run_at = now()");
  }
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'failed'"), 0);
}

TEST_F(JobQueueTest, AnExpiredLeaseOnTheLastAttemptIsADeadLetter) {
  Enqueue(1);
  sql_->exec("update jobs set max_attempts = 1");
  JobQueue crashed(pool_, "crashed", std::chrono::seconds(0));
  ASSERT_EQ(crashed.Claim(1).size(), 1u);
  EXPECT_EQ(crashed.RecoverExpired(), 1);
  EXPECT_EQ(
      Count("select count(*) from jobs where state = 'dead' and last_error like 'lease expired%'"),
      1);
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'failed'"), 1);
}

TEST_F(JobQueueTest, PermanentErrorsDeadLetterImmediately) {
  Enqueue(1);
  JobQueue q(pool_, "w", std::chrono::seconds(60));
  auto j = q.Claim(1);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_TRUE(q.Fail(j[0], "model refused", std::nullopt, /*permanent=*/true));
  auto stats = q.Stats();
  EXPECT_EQ(stats.dead, 1);
  EXPECT_EQ(stats.queued, 0);
}

TEST_F(JobQueueTest, BatchCompletion) {
  Enqueue(50);
  JobQueue q(pool_, "w", std::chrono::seconds(60));
  auto jobs = q.Claim(100);
  ASSERT_EQ(jobs.size(), 50u);
  EXPECT_EQ(q.CompleteBatch(jobs), 50);
  EXPECT_EQ(q.Stats().done, 50);
}

TEST(BackoffTest, GrowsExponentiallyWithJitterUnderACap) {
  std::mt19937_64 rng(42);
  long long max1 = 0, max5 = 0, max30 = 0;
  for (int i = 0; i < 2000; ++i) {
    max1 = std::max<long long>(max1, JobQueue::Backoff(1, rng).count());
    max5 = std::max<long long>(max5, JobQueue::Backoff(5, rng).count());
    max30 = std::max<long long>(max30, JobQueue::Backoff(30, rng).count());
  }
  EXPECT_LE(max1, 2000);
  EXPECT_GT(max1, 1500);  // jitter spreads over the whole window
  EXPECT_LE(max5, 32000);
  EXPECT_GT(max5, 20000);
  EXPECT_LE(max30, 300000);  // capped at 5 minutes
}

}  // namespace
}  // namespace converza::pipeline
