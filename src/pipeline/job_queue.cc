#include "pipeline/job_queue.h"

#include <algorithm>

#include "db/array_literal.h"

namespace converza::pipeline {
namespace {

constexpr std::string_view kClaim = R"sql(
  with due as (
    select tenant_id, id from jobs
     where state = 'queued' and run_at <= now()
     order by priority, run_at
     limit $1
     for update skip locked)
  update jobs j
     set state = 'running', attempts = j.attempts + 1, locked_by = $2,
         lease_until = now() + make_interval(secs => $3::int), updated_at = now()
    from due
   where j.tenant_id = due.tenant_id and j.id = due.id
  returning j.tenant_id, j.id, j.kind, j.call_id, j.attempts, j.max_attempts)sql";

constexpr std::string_view kComplete = R"sql(
  update jobs set state = 'done', lease_until = null, last_error = null, updated_at = now()
   where tenant_id = $1 and id = $2 and state = 'running' and locked_by = $3)sql";

constexpr std::string_view kCompleteBatch = R"sql(
  update jobs j set state = 'done', lease_until = null, last_error = null, updated_at = now()
    from unnest($1::uuid[], $2::bigint[]) as d(tenant_id, id)
   where j.tenant_id = d.tenant_id and j.id = d.id and j.state = 'running'
     and j.locked_by = $3)sql";

constexpr std::string_view kFail = R"sql(
  with f as (
    update jobs
       set state = case when $5::bool or attempts >= max_attempts then 'dead' else 'queued' end,
           run_at = now() + make_interval(secs => $4::double precision),
           last_error = $3, lease_until = null, locked_by = null, updated_at = now()
     where tenant_id = $1 and id = $2 and state = 'running' and locked_by = $6
    returning tenant_id, call_id, state, kind, run_id),
  c as (
    update calls c set pipeline_status = 'failed', updated_at = now()
      from f where f.state = 'dead' and f.kind <> 'trackers'
       and not (f.run_id is not null and c.pipeline_status = 'done')
       and c.tenant_id = f.tenant_id and c.id = f.call_id)
  select count(*) filter (where state = 'dead') from f)sql";

constexpr std::string_view kDefer = R"sql(
  update jobs
     set state = 'queued', attempts = greatest(attempts - 1, 0),
         run_at = now() + make_interval(secs => $4::double precision),
         last_error = $3, lease_until = null, locked_by = null, updated_at = now()
   where tenant_id = $1 and id = $2 and state = 'running' and locked_by = $5)sql";

// A lease that ran out counts as a failed attempt (the worker probably crashed mid-job).
// Out of attempts, it is dead-lettered like any other failure, and its call marked failed
// (not for a `trackers` re-run, nor a re-analysis of an analysed call: its analysis stands).
constexpr std::string_view kRecover = R"sql(
  with r as (
    update jobs
       set state = case when attempts >= max_attempts then 'dead' else 'queued' end,
           last_error = 'lease expired (worker stopped or crashed mid-job)',
           lease_until = null, locked_by = null, run_at = now(), updated_at = now()
     where state = 'running' and lease_until < now()
    returning tenant_id, call_id, state, kind, run_id),
  c as (
    update calls c set pipeline_status = 'failed', updated_at = now()
      from r where r.state = 'dead' and r.kind <> 'trackers'
       and not (r.run_id is not null and c.pipeline_status = 'done')
       and c.tenant_id = r.tenant_id and c.id = r.call_id)
  select count(*) from r)sql";

constexpr std::string_view kStats = R"sql(
  select count(*) filter (where state = 'queued'), count(*) filter (where state = 'running'),
         count(*) filter (where state = 'dead'), count(*) filter (where state = 'done')
    from jobs)sql";

// Takes up to $1 marks (another worker's are skipped, not waited for), refreshes each distinct
// tenant-day once, and deletes the marks taken; all in the caller's transaction.
constexpr std::string_view kRefreshStale = R"sql(
  with taken as (
    delete from private.kpi_dirty
     where ctid = any (array(select ctid from private.kpi_dirty
                              order by day limit $1 for update skip locked))
    returning tenant_id, day),
  days as (select distinct tenant_id, day from taken)
  select (select count(*) from taken), count(*)
    from days cross join lateral public.refresh_kpi_daily(days.tenant_id, days.day))sql";

}  // namespace

JobQueue::JobQueue(db::Pool& pool, std::string worker_id, std::chrono::seconds lease)
    : pool_(pool), worker_id_(std::move(worker_id)), lease_(lease), rng_(std::random_device{}()) {}

std::vector<Job> JobQueue::Claim(int max_jobs) {
  auto c = pool_.acquire();
  auto rows =
      c->exec(kClaim, {std::to_string(max_jobs), worker_id_, std::to_string(lease_.count())});
  std::vector<Job> jobs;
  jobs.reserve(static_cast<std::size_t>(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    jobs.push_back({std::string(rows.get(i, 0)), rows.get_int(i, 1), std::string(rows.get(i, 2)),
                    std::string(rows.get(i, 3)), static_cast<int>(rows.get_int(i, 4)),
                    static_cast<int>(rows.get_int(i, 5))});
  }
  return jobs;
}

bool JobQueue::CompleteIn(db::Transaction& tx, const Job& job) {
  return tx.exec(kComplete, {job.tenant_id, std::to_string(job.id), worker_id_}).affected() == 1;
}

int JobQueue::CompleteBatch(const std::vector<Job>& jobs) {
  if (jobs.empty()) return 0;
  db::ArrayLiteral tenants, ids;
  for (const Job& job : jobs) {
    tenants.Add(job.tenant_id);
    ids.Add(job.id);
  }
  auto c = pool_.acquire();
  return static_cast<int>(
      c->exec(kCompleteBatch, {tenants.str(), ids.str(), worker_id_}).affected());
}

std::chrono::milliseconds JobQueue::Backoff(int attempt, std::mt19937_64& rng) {
  constexpr long long kBaseMs = 2000, kCapMs = 5 * 60 * 1000;
  long long ceiling = kBaseMs << std::clamp(attempt - 1, 0, 20);
  ceiling = std::min(ceiling, kCapMs);
  std::uniform_int_distribution<long long> pick(0, ceiling);
  return std::chrono::milliseconds(pick(rng));
}

bool JobQueue::Fail(const Job& job, const std::string& error,
                    std::optional<std::chrono::milliseconds> retry_after, bool permanent) {
  std::chrono::milliseconds delay;
  if (retry_after) {
    delay = *retry_after;
  } else {
    std::lock_guard lock(rng_mu_);
    delay = Backoff(job.attempts, rng_);
  }
  auto c = pool_.acquire();
  auto rows = c->exec(
      kFail, {job.tenant_id, std::to_string(job.id), error.substr(0, 2000),
              std::to_string(delay.count() / 1000.0), permanent ? "true" : "false", worker_id_});
  return rows.get_int(0, 0) > 0;
}

bool JobQueue::Defer(const Job& job, const std::string& why, std::chrono::milliseconds after) {
  auto c = pool_.acquire();
  return c->exec(kDefer, {job.tenant_id, std::to_string(job.id), why.substr(0, 2000),
                          std::to_string(after.count() / 1000.0), worker_id_})
             .affected() == 1;
}

int JobQueue::RecoverExpired() {
  auto c = pool_.acquire();
  return static_cast<int>(c->exec(kRecover).get_int(0, 0));
}

RollupPass JobQueue::RefreshStaleRollups(int max_marks) {
  auto c = pool_.acquire();
  db::Transaction tx(*c);  // the marks come back if a refresh fails
  auto r = tx.exec(kRefreshStale, {std::to_string(max_marks)});
  tx.commit();
  return {static_cast<int>(r.get_int(0, 0)), static_cast<int>(r.get_int(0, 1))};
}

QueueStats JobQueue::Stats() {
  auto c = pool_.acquire();
  auto r = c->exec(kStats);
  return {r.get_int(0, 0), r.get_int(0, 1), r.get_int(0, 2), r.get_int(0, 3)};
}

}  // namespace converza::pipeline
