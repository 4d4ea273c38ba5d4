// The worker when the database goes away mid-job, as during a PostgreSQL restart: every session
// is cut and new ones are refused for a while. The job's outcome must be recorded once the
// database is back — not left "running" until its lease runs out and then done a second time.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "pipeline/blocking.h"
#include "pipeline/worker.h"
#include "test_cluster.h"

namespace converza::pipeline {
namespace {

namespace asio = boost::asio;

// Finishes its job right after cutting the database off: the outcome meets no database.
class CutOffStage : public Stage {
 public:
  CutOffStage(asio::thread_pool& blocking, std::function<void()> cut_off)
      : blocking_(blocking), cut_off_(std::move(cut_off)) {}
  asio::awaitable<Outcome> Run(const Job& job) override {
    co_await Blocking(blocking_, [this] { cut_off_(); });
    ++runs;
    co_return Outcome::Done([job](db::Transaction& tx) {
      tx.exec("update calls set pipeline_status = 'done' where tenant_id = $1 and id = $2",
              {job.tenant_id, job.call_id});
    });
  }
  std::atomic<int> runs{0};

 private:
  asio::thread_pool& blocking_;
  std::function<void()> cut_off_;
};

TEST(WorkerTest, RecordsAJobsResultOnceTheDatabaseIsBackInsteadOfWaitingForTheLease) {
  testing::TestDatabase db;
  db::Connection sql(db.conninfo());  // stays open: existing sessions are not refused
  sql.exec(R"sql(
    with t as (insert into tenants (name, slug) values ('Acme', 'acme') returning id),
         c as (insert into calls (tenant_id, call_sid) select id, 'CA-cut-off' from t
               returning tenant_id, id)
    insert into jobs (tenant_id, kind, call_id) select tenant_id, 'transcribe', id from c)sql");

  const std::string own_pid(sql.exec("select pg_backend_pid()").get(0, 0));
  std::thread reopen;
  auto cut_off = [&] {
    db::Connection admin(testing::ClusterConninfo("postgres"));
    admin.exec("alter database " + db.name() + " allow_connections false");
    admin.exec(
        "select count(pg_terminate_backend(pid, 5000)) from pg_stat_activity "
        "where datname = $1 and pid <> $2::int",
        {db.name(), own_pid});
    reopen = std::thread([&db] {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      db::Connection again(testing::ClusterConninfo("postgres"));
      again.exec("alter database " + db.name() + " allow_connections true");
    });
  };

  db::Pool pool(db.conninfo(), 4, std::chrono::milliseconds(500));
  WorkerOptions o;
  o.lease = std::chrono::seconds(120);
  o.poll = std::chrono::milliseconds(100);
  Worker worker(o, pool);
  auto stage = std::make_unique<CutOffStage>(worker.blocking(), cut_off);
  auto* runs = &stage->runs;
  worker.AddStage("transcribe", std::move(stage));
  std::thread run([&] { worker.Run(); });

  std::string state;
  for (int i = 0; i < 300 && state != "done"; ++i) {  // 30 s, far less than the lease
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    state = sql.exec("select state from jobs").get(0, 0);
  }
  worker.Stop();
  run.join();
  if (reopen.joinable()) reopen.join();
  EXPECT_EQ(state, "done");
  EXPECT_EQ(sql.exec("select attempts from jobs").get_int(0, 0), 1);  // not redone
  EXPECT_EQ(runs->load(), 1);
  EXPECT_EQ(worker.counters().done, 1);
  EXPECT_EQ(sql.exec("select pipeline_status from calls").get(0, 0), "done");
}

// A stage's after-commit step (the analyze stage's insight.ready event) runs once the job's
// write and completion are committed, so what it announces is there for whoever reads it; a
// failed job's never runs.
class AnnouncingStage : public Stage {
 public:
  AnnouncingStage(std::string conninfo, bool fail) : conninfo_(std::move(conninfo)), fail_(fail) {}
  asio::awaitable<Outcome> Run(const Job& job) override {
    if (fail_) co_return Outcome::Permanent("refused");
    co_return Outcome::Done(
        [job](db::Transaction& tx) {
          tx.exec("update calls set pipeline_status = 'done' where tenant_id = $1 and id = $2",
                  {job.tenant_id, job.call_id});
        },
        [this, job] {
          db::Connection reader(conninfo_);  // another session: sees only what is committed
          seen.push_back(std::string(
              reader
                  .exec("select c.pipeline_status || ' ' || j.state from calls c join jobs j "
                        "on j.call_id = c.id where c.id = $1",
                        {job.call_id})
                  .get(0, 0)));
        });
  }
  std::vector<std::string> seen;  // touched only on the worker's event loop

 private:
  std::string conninfo_;
  bool fail_;
};

TEST(WorkerTest, RunsTheAfterCommitStepOnlyOnceTheJobsWriteIsCommitted) {
  testing::TestDatabase db;
  db::Connection sql(db.conninfo());
  sql.exec(R"sql(
    with t as (insert into tenants (name, slug) values ('Acme', 'acme') returning id),
         c as (insert into calls (tenant_id, call_sid)
               select id, 'CA-after-' || k from t, (values ('ok'), ('refused')) v(k)
               returning tenant_id, id, call_sid)
    insert into jobs (tenant_id, kind, call_id)
    select tenant_id, case when call_sid like '%ok' then 'transcribe' else 'analyze' end, id
      from c)sql");
  db::Pool pool(db.conninfo(), 4);
  WorkerOptions o;
  o.poll = std::chrono::milliseconds(100);
  o.exit_when_idle = std::chrono::milliseconds(300);
  Worker worker(o, pool);
  auto ok = std::make_unique<AnnouncingStage>(db.conninfo(), false);
  auto refused = std::make_unique<AnnouncingStage>(db.conninfo(), true);
  auto* ok_seen = &ok->seen;
  auto* refused_seen = &refused->seen;
  worker.AddStage("transcribe", std::move(ok));
  worker.AddStage("analyze", std::move(refused));
  worker.Run();
  ASSERT_EQ(ok_seen->size(), 1u);
  EXPECT_EQ(ok_seen->front(), "done done");
  EXPECT_TRUE(refused_seen->empty());
  EXPECT_EQ(sql.exec("select state from jobs where kind = 'analyze'").get(0, 0), "dead");
}

}  // namespace
}  // namespace converza::pipeline
