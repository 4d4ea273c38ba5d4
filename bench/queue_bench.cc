// Queue throughput (target, docs/architecture.md#performance-targets: >= 10,000 jobs/s
// enqueue -> dequeue -> complete on one PostgreSQL, with batched claims and completions). Enqueues
// N jobs in batches the way webhooks would (one call row + one job per item), then T threads claim
// batches of B and complete them, as workers do for stages without writes of their own.
//
// usage: bench/with-db build/release/queue_bench [jobs=100000] [threads=4] [batch=200]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "db/pool.h"
#include "pipeline/job_queue.h"

using namespace converza;

int main(int argc, char** argv) {
  const char* url = std::getenv("DATABASE_URL");
  if (!url) {
    std::fprintf(stderr, "DATABASE_URL is not set (run through bench/with-db)\n");
    return 2;
  }
  const int jobs = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 4;
  const int batch = argc > 3 ? std::atoi(argv[3]) : 200;
  db::Pool pool(url, threads + 2);
  {
    auto c = pool.acquire();
    c->exec(
        "insert into tenants (id, name, slug) values "
        "('bbbbbbbb-0000-0000-0000-00000000000b', 'Bench', 'bench-queue') on conflict do nothing");
  }
  {
    // An analysed database with history (200,000 finished calls), as in production: on a
    // never-analysed empty table the foreign-key checks get sequential-scan plans.
    auto c = pool.acquire();
    c->exec_script(R"sql(
      with c as (insert into calls (tenant_id, call_sid, pipeline_status)
                 select 'bbbbbbbb-0000-0000-0000-00000000000b', 'CAold' || g, 'done'
                   from generate_series(1, 200000) g returning tenant_id, id)
      insert into jobs (tenant_id, kind, call_id, state)
      select tenant_id, 'transcribe', id, 'done' from c;)sql");
    c->exec("vacuum analyze");
  }
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  // Enqueue: 1,000 calls + jobs per statement (one transaction each).
  for (int done = 0; done < jobs;) {
    int n = std::min(1000, jobs - done);
    auto c = pool.acquire();
    c->exec(R"sql(
      with c as (
        insert into calls (tenant_id, call_sid)
        select 'bbbbbbbb-0000-0000-0000-00000000000b', 'CAq' || ($1::int + g)
          from generate_series(1, $2::int) g
        returning tenant_id, id)
      insert into jobs (tenant_id, kind, call_id) select tenant_id, 'transcribe', id from c)sql",
            {std::to_string(done), std::to_string(n)});
    done += n;
  }
  auto t1 = clock::now();
  std::vector<std::thread> workers;
  std::atomic<long long> completed{0};
  for (int i = 0; i < threads; ++i) {
    workers.emplace_back([&, i] {
      pipeline::JobQueue q(pool, "bench-" + std::to_string(i), std::chrono::seconds(60));
      for (;;) {
        auto claimed = q.Claim(batch);
        if (claimed.empty()) break;
        completed += q.CompleteBatch(claimed);
      }
    });
  }
  for (auto& w : workers) w.join();
  auto t2 = clock::now();
  double enqueue_s = std::chrono::duration<double>(t1 - t0).count();
  double drain_s = std::chrono::duration<double>(t2 - t1).count();
  std::printf("queue: %d jobs, %d worker threads, claim batch %d\n", jobs, threads, batch);
  std::printf("  enqueue (1,000 per statement):   %8.0f jobs/s (%.2f s)\n", jobs / enqueue_s,
              enqueue_s);
  std::printf("  claim + complete (batched):      %8.0f jobs/s (%.2f s), %lld completed\n",
              completed / drain_s, drain_s, static_cast<long long>(completed));
  std::printf("  end to end (enqueue -> done):    %8.0f jobs/s\n", jobs / (enqueue_s + drain_s));
  return completed == jobs ? 0 : 1;
}
