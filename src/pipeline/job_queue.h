// JobQueue: the pipeline's durable queue, kept in PostgreSQL's `jobs` table: no extra broker to
// run or lose (docs/architecture.md#one-call-end-to-end).
//
// - Claim() takes up to N due jobs in one statement (FOR UPDATE SKIP LOCKED, so workers never
//   block each other), marks them running under a lease and counts the attempt. Live calls'
//   jobs (priority 0) go before background work over past calls (priority 1: re-analysis runs,
//   tracker re-runs), then the longest due first.
// - A job is finished by CompleteIn() inside the caller's transaction, together with the stage's
//   own writes; it only succeeds while this worker still holds the lease, so a job whose lease
//   expired and was re-claimed elsewhere cannot be completed twice.
// - Fail() schedules a retry with exponential backoff and full jitter (or the provider's
//   Retry-After), and dead-letters the job after max_attempts or on a permanent error.
// - RecoverExpired() returns jobs of crashed workers to the queue once their lease ran out.
// - A dead job comes back only by hand, through SQL public.retry_dead_job() (the admin API's
//   retry and the fault tests call it): the one retry path, with its admin check.
// Finished jobs stay as small `done` rows: the unique (tenant, kind, call) key they hold is what
// makes a webhook retry a no-op. Thread-safe (each call leases its own connection).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "db/pool.h"

namespace converza::pipeline {

struct Job {
  std::string tenant_id;
  long long id = 0;
  std::string kind;  // "transcribe" | "analyze"
  std::string call_id;
  int attempts = 0;  // including the current one
  int max_attempts = 0;
};

struct QueueStats {
  long long queued = 0, running = 0, dead = 0, done = 0;
};

// What one rollup pass did: the marks it took, the tenant-days it refreshed.
struct RollupPass {
  int marks = 0;
  int days = 0;
};

class JobQueue {
 public:
  JobQueue(db::Pool& pool, std::string worker_id, std::chrono::seconds lease);

  std::vector<Job> Claim(int max_jobs);
  // Marks `job` done in the caller's transaction. False: the lease was lost (roll back).
  bool CompleteIn(db::Transaction& tx, const Job& job);
  // Completes many jobs in one statement (stages without writes of their own).
  int CompleteBatch(const std::vector<Job>& jobs);
  // Records a failure; retried after backoff (or `retry_after`) unless permanent or out of
  // attempts, in which case the job is dead-lettered. Returns true when dead-lettered.
  bool Fail(const Job& job, const std::string& error,
            std::optional<std::chrono::milliseconds> retry_after = std::nullopt,
            bool permanent = false);
  // Puts `job` back to run after `after` without counting this attempt (its work is under way
  // elsewhere, e.g. a transcript being made). False when the lease was lost.
  bool Defer(const Job& job, const std::string& why, std::chrono::milliseconds after);
  int RecoverExpired();
  QueueStats Stats();
  // Takes up to `max_marks` marks of stale tenant-days (private.kpi_dirty; another worker's are
  // skipped) and refreshes the KPI rollup of each distinct day among them once.
  RollupPass RefreshStaleRollups(int max_marks);

  // Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].
  static std::chrono::milliseconds Backoff(int attempt, std::mt19937_64& rng);

 private:
  db::Pool& pool_;
  const std::string worker_id_;
  const std::chrono::seconds lease_;
  std::mutex rng_mu_;
  std::mt19937_64 rng_;
};

}  // namespace converza::pipeline
