// Worker: `converza work`. One Asio event loop runs up to `concurrency` jobs at once (provider
// calls are asynchronous, so hundreds can be in flight), plus a small thread pool for database
// calls and CPU-bound analysis. It claims jobs in batches, wakes on LISTEN/NOTIFY (falling back to
// polling), returns crashed workers' expired leases to the queue, refreshes stale KPI rollups
// once a second, and on SIGTERM stops claiming
// and drains the jobs in flight before exiting (a second signal, or the grace period, cuts the
// drain short; leases then bring the unfinished jobs back). Several workers may run on one host
// or many hosts against one database.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "db/pool.h"
#include "pipeline/job_queue.h"
#include "pipeline/stage.h"

namespace converza::pipeline {

struct WorkerOptions {
  std::string worker_id;  // defaults to host:pid
  int concurrency = 64;
  int claim_batch = 32;
  int blocking_threads = 4;
  std::chrono::seconds lease{300};
  std::chrono::milliseconds poll{1000};
  std::chrono::milliseconds grace{30000};
  // Exit once the queue has had nothing due for this long (0: run until signalled). Used by the
  // demo and tests to process a batch and stop.
  std::chrono::milliseconds exit_when_idle{0};
  // Price of a phone number per month (micro-USD) for the monthly number-fee metering; < 0 off.
  long long number_month_micros = -1;
};

struct WorkerCounters {
  std::atomic<long long> done{0}, retried{0}, dead{0}, lost_lease{0};
  std::atomic<long long> deferred{0};  // Outcome::Wait: back later, no attempt used
};

class Worker {
 public:
  Worker(WorkerOptions options, db::Pool& pool);
  ~Worker();
  // Stages by job kind; must be registered before Run().
  void AddStage(const std::string& kind, std::unique_ptr<Stage> stage);
  // Work beside the queue (sending alerts): `task` runs on the blocking pool about every
  // `every`, and once more after the last job has drained, so what the final jobs queued goes
  // out before an idle exit. An exception it throws is logged and the task runs again next time.
  // Must be added before Run().
  void AddPeriodic(std::string name, std::chrono::milliseconds every, std::function<void()> task);
  boost::asio::thread_pool& blocking();
  // Runs until signalled (SIGINT/SIGTERM) or idle-exit; returns after draining.
  void Run();
  void Stop();  // thread-safe: like SIGTERM
  [[nodiscard]] const WorkerCounters& counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace converza::pipeline
