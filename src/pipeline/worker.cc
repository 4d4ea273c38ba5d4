#include "pipeline/worker.h"

#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.h"
#include "pipeline/blocking.h"
#include "pipeline/job_notifier.h"
#include "pipeline/metering.h"

namespace converza::pipeline {

namespace asio = boost::asio;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
// How often a job's outcome is offered again while the database is unreachable.
constexpr std::chrono::seconds kRecordRetry{1};
// Marks of stale KPI days a rollup pass takes at most (one per analysed call).
constexpr int kRollupBatch = 2000;

struct Worker::Impl {
  Impl(WorkerOptions o, db::Pool& p)
      : opts(std::move(o)),
        pool(p),
        queue(pool, opts.worker_id, opts.lease),
        blocking(static_cast<std::size_t>(opts.blocking_threads)),
        signals(ioc, SIGINT, SIGTERM),
        wake(ioc),
        drained(ioc) {}

  asio::awaitable<void> ClaimLoop();
  asio::awaitable<void> RunJob(Job job);
  asio::awaitable<void> ListenLoop();
  asio::awaitable<void> RecoverLoop();
  asio::awaitable<void> RollupLoop();
  struct Periodic {
    std::string name;
    std::chrono::milliseconds every;
    std::function<void()> task;
  };
  asio::awaitable<void> PeriodicLoop(const Periodic& p);
  static void RunPeriodic(const Periodic& p);
  void Wake() { wake.cancel(); }
  void BeginStop();

  WorkerOptions opts;
  db::Pool& pool;
  JobQueue queue;
  asio::io_context ioc;
  asio::thread_pool blocking;
  asio::signal_set signals;
  asio::steady_timer wake;     // the claim loop sleeps on it; cancel() wakes it
  asio::steady_timer drained;  // Run() waits on it for in-flight jobs
  std::map<std::string, std::unique_ptr<Stage>> stages;
  std::vector<Periodic> periodic;
  WorkerCounters counters;
  int in_flight = 0;  // touched only on the event loop thread
  bool stopping = false;
  int signals_seen = 0;
};

void Worker::Impl::BeginStop() {
  if (stopping) return;
  stopping = true;
  log::Info("worker stopping: draining jobs in flight", {{"in_flight", in_flight}});
  Wake();
  drained.expires_after(opts.grace);
  drained.async_wait([this](boost::system::error_code ec) {
    if (!ec) {
      log::Warn("grace period over; leaving unfinished jobs to their leases",
                {{"in_flight", in_flight}});
      ioc.stop();
    }
  });
  if (in_flight == 0) ioc.stop();
}

asio::awaitable<void> Worker::Impl::ClaimLoop() {
  auto idle_since = std::chrono::steady_clock::now();
  while (!stopping) {
    int free = opts.concurrency - in_flight;
    if (free > 0) {
      std::vector<Job> jobs;
      try {
        int n = std::min(free, opts.claim_batch);
        jobs = co_await Blocking(blocking, [this, n] { return queue.Claim(n); });
      } catch (const db::Error& e) {
        log::Warn("claim failed; retrying", {{"error", e.what()}});
        idle_since = std::chrono::steady_clock::now();  // an outage is not an empty queue
      }
      for (auto& job : jobs) {
        ++in_flight;
        asio::co_spawn(ioc, RunJob(std::move(job)), asio::detached);
      }
      if (!jobs.empty()) {
        idle_since = std::chrono::steady_clock::now();
        continue;
      }
    }
    if (in_flight == 0 && opts.exit_when_idle.count() > 0 &&
        std::chrono::steady_clock::now() - idle_since > opts.exit_when_idle) {
      // Idle means nothing left at all: no job waiting for its backoff, none held by another
      // (possibly crashed) worker whose lease has yet to run out.
      QueueStats stats;
      try {
        stats = co_await Blocking(blocking, [this] { return queue.Stats(); });
      } catch (const db::Error&) {
        stats.queued = 1;
      }
      if (stats.queued + stats.running == 0) {
        log::Info("queue idle; exiting");
        BeginStop();
        co_return;
      }
    }
    wake.expires_after(opts.poll);
    co_await wake.async_wait(kUseTuple);  // a notification, a finished job, or the poll timer
  }
}

asio::awaitable<void> Worker::Impl::RunJob(Job job) {
  const auto lease_ends = std::chrono::steady_clock::now() + opts.lease;
  Outcome out;
  auto it = stages.find(job.kind);
  if (it == stages.end()) {
    out = Outcome::Permanent("no stage for job kind " + job.kind);
  } else {
    try {
      out = co_await it->second->Run(job);
    } catch (const db::Error& e) {
      out = Outcome::Retry(std::string("database: ") + e.what());
    } catch (const std::exception& e) {
      out = Outcome::Retry(e.what());
    }
  }
  std::string store_error;
  // While the database is unreachable (e.g. PostgreSQL restarting) keep trying to record the
  // outcome as long as the lease is ours: otherwise the job would sit until its lease ran out
  // and then be done again (a second paid provider call). Recording is safe to repeat: a
  // completion that did commit before the connection broke makes the next try a lost lease.
  for (bool recorded = false; !recorded;) {
    recorded = true;
    try {
      if (out.kind == Outcome::Kind::kDone) {
        bool completed = co_await Blocking(blocking, [this, &job, &out] {
          auto c = pool.acquire();
          db::Transaction tx(*c);
          if (out.write) out.write(tx);
          if (!queue.CompleteIn(tx, job)) return false;  // lease lost: another worker redoes it
          tx.commit();
          return true;
        });
        (completed ? counters.done : counters.lost_lease)++;
        if (!completed) log::Warn("job lease lost; result discarded", {{"job", job.id}});
        if (completed && out.after_commit) out.after_commit();
      } else if (out.kind == Outcome::Kind::kWait) {
        co_await Blocking(blocking, [this, &job, &out] {
          return queue.Defer(job, out.error, out.retry_after.value_or(std::chrono::seconds(5)));
        });
        counters.deferred++;
      } else {
        bool dead = co_await Blocking(blocking, [this, &job, &out] {
          return queue.Fail(job, out.error, out.retry_after, out.kind == Outcome::Kind::kPermanent);
        });
        (dead ? counters.dead : counters.retried)++;
        log::Warn(
            dead ? "job dead-lettered" : "job will be retried",
            {{"job", job.id}, {"kind", job.kind}, {"attempt", job.attempts}, {"error", out.error}});
      }
    } catch (const db::Error& e) {
      if (e.connection_lost() && std::chrono::steady_clock::now() + kRecordRetry < lease_ends) {
        log::Warn("database unreachable; recording the job result again shortly",
                  {{"job", job.id}, {"error", e.what()}});
        recorded = false;
      } else {
        log::Error("could not record job result", {{"job", job.id}, {"error", e.what()}});
        if (!e.connection_lost()) store_error = std::string("storing result: ") + e.what();
      }
    } catch (const std::exception& e) {
      // The job stays running; its lease brings it back.
      log::Error("could not record job result", {{"job", job.id}, {"error", e.what()}});
    }
    if (!recorded) {
      asio::steady_timer t(ioc, kRecordRetry);
      co_await t.async_wait(kUseTuple);
    }
  }
  if (!store_error.empty()) {
    // The stage's writes failed (e.g. a constraint): record it so the job retries and, if it
    // keeps failing, shows up as a dead letter rather than waiting out its lease.
    try {
      co_await Blocking(blocking,
                        [this, &job, &store_error] { return queue.Fail(job, store_error); });
      counters.retried++;
    } catch (const std::exception&) {
    }
  }
  --in_flight;
  if (stopping && in_flight == 0) {
    ioc.stop();
  } else {
    Wake();
  }
}

// LISTEN on a connection of its own; the libpq socket is watched by the event loop.
asio::awaitable<void> Worker::Impl::ListenLoop() {
  while (!stopping) {
    try {
      db::Connection c(pool.conninfo());
      c.exec(std::string("listen ") + kJobsChannel);
      asio::posix::stream_descriptor sock(ioc, PQsocket(c.raw()));
      struct Release {
        asio::posix::stream_descriptor& s;
        ~Release() { s.release(); }  // libpq owns the descriptor
      } release{sock};
      while (!stopping) {
        auto [ec] = co_await sock.async_wait(asio::posix::stream_descriptor::wait_read, kUseTuple);
        if (ec) break;
        if (!PQconsumeInput(c.raw())) break;
        bool any = false;
        while (PGnotify* n = PQnotifies(c.raw())) {
          PQfreemem(n);
          any = true;
        }
        if (any) Wake();
      }
    } catch (const db::Error& e) {
      log::Warn("listen connection failed; polling until it is back", {{"error", e.what()}});
    }
    if (stopping) break;
    asio::steady_timer t(ioc, std::chrono::seconds(1));
    co_await t.async_wait(kUseTuple);
  }
}

asio::awaitable<void> Worker::Impl::RecoverLoop() {
  auto next_metering = std::chrono::steady_clock::now();
  while (!stopping) {
    if (opts.number_month_micros >= 0 && std::chrono::steady_clock::now() >= next_metering) {
      next_metering += std::chrono::minutes(1);
      try {
        co_await Blocking(blocking,
                          [this] { return MeterNumberMonths(pool, opts.number_month_micros); });
      } catch (const db::Error& e) {
        log::Warn("number fee metering failed", {{"error", e.what()}});
      }
    }
    try {
      int n = co_await Blocking(blocking, [this] { return queue.RecoverExpired(); });
      if (n > 0) {
        log::Warn("returned jobs with expired leases to the queue", {{"jobs", n}});
        Wake();
      }
    } catch (const db::Error& e) {
      log::Warn("lease recovery failed", {{"error", e.what()}});
    }
    asio::steady_timer t(ioc, std::chrono::seconds(5));
    co_await t.async_wait(kUseTuple);
  }
}

// KPI rollups of days with new insights, refreshed at most once a second per tenant-day.
asio::awaitable<void> Worker::Impl::RollupLoop() {
  while (!stopping) {
    try {
      // A full batch means more marks are waiting: take them now. Otherwise the marks added
      // during this pass wait for the next one, a second away, so a busy day is recomputed at
      // most about once a second rather than back to back.
      co_await Blocking(blocking, [this] {
        while (queue.RefreshStaleRollups(kRollupBatch).marks == kRollupBatch) {
        }
      });
    } catch (const db::Error& e) {
      log::Warn("KPI rollup refresh failed", {{"error", e.what()}});
    }
    asio::steady_timer t(ioc, std::chrono::seconds(1));
    co_await t.async_wait(kUseTuple);
  }
}

void Worker::Impl::RunPeriodic(const Periodic& p) {
  try {
    p.task();
  } catch (const std::exception& e) {  // db::Error above all: tried again next time
    log::Warn("periodic task failed", {{"task", p.name}, {"error", e.what()}});
  }
}

asio::awaitable<void> Worker::Impl::PeriodicLoop(const Periodic& p) {
  while (!stopping) {
    co_await Blocking(blocking, [&p] { RunPeriodic(p); });
    asio::steady_timer t(ioc, p.every);
    co_await t.async_wait(kUseTuple);
  }
}

Worker::Worker(WorkerOptions options, db::Pool& pool) {
  if (options.worker_id.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    options.worker_id = std::string(host) + ":" + std::to_string(getpid());
  }
  impl_ = std::make_unique<Impl>(std::move(options), pool);
}

Worker::~Worker() = default;

void Worker::AddStage(const std::string& kind, std::unique_ptr<Stage> stage) {
  impl_->stages[kind] = std::move(stage);
}

void Worker::AddPeriodic(std::string name, std::chrono::milliseconds every,
                         std::function<void()> task) {
  impl_->periodic.push_back({std::move(name), every, std::move(task)});
}

asio::thread_pool& Worker::blocking() { return impl_->blocking; }

const WorkerCounters& Worker::counters() const { return impl_->counters; }

void Worker::Run() {
  auto* s = impl_.get();
  s->signals.async_wait([s](boost::system::error_code ec, int) {
    if (ec) return;
    s->BeginStop();
    // A second signal stops at once.
    s->signals.async_wait([s](boost::system::error_code ec2, int) {
      if (!ec2) s->ioc.stop();
    });
  });
  log::Info("worker started",
            {{"worker", s->opts.worker_id}, {"concurrency", s->opts.concurrency}});
  asio::co_spawn(s->ioc, s->ClaimLoop(), asio::detached);
  asio::co_spawn(s->ioc, s->ListenLoop(), asio::detached);
  asio::co_spawn(s->ioc, s->RecoverLoop(), asio::detached);
  asio::co_spawn(s->ioc, s->RollupLoop(), asio::detached);
  for (const auto& p : s->periodic) asio::co_spawn(s->ioc, s->PeriodicLoop(p), asio::detached);
  s->ioc.run();
  s->blocking.join();
  for (const auto& p : s->periodic) Impl::RunPeriodic(p);
  try {  // leave no rollup stale behind us
    while (s->queue.RefreshStaleRollups(kRollupBatch).marks > 0) {
    }
  } catch (const db::Error& e) {
    log::Warn("final KPI rollup refresh failed", {{"error", e.what()}});
  }
  log::Info("worker stopped", {{"done", static_cast<long long>(s->counters.done)},
                               {"retried", static_cast<long long>(s->counters.retried)},
                               {"dead", static_cast<long long>(s->counters.dead)}});
}

void Worker::Stop() {
  asio::post(impl_->ioc, [s = impl_.get()] { s->BeginStop(); });
}

}  // namespace converza::pipeline
