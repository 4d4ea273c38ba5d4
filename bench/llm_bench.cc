// LLM concurrency of one worker process (target, docs/architecture.md#performance-targets:
// >= 500 requests in flight from one `converza work`, RSS <= 150 MB). A fake OpenAI server on
// loopback answers every chat completion after a fixed latency (2 s, like a slow model); the worker
// analyses N calls with a transcript each. Prints the peak requests in flight seen by the server,
// calls/s, and the worker's peak RSS.
//
// usage: bench/with-db build/release/llm_bench [calls=3000] [concurrency=600] [latency_ms=2000]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "db/connection.h"
#include "fake_openai.h"
#include "test_cluster.h"

using namespace converza;

static long RssKib(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  long value = 0;
  while (f >> key) {
    if (key == "VmRSS:") {
      f >> value;
      return value;
    }
  }
  return 0;
}

int main(int argc, char** argv) {
  const char* url = std::getenv("DATABASE_URL");
  if (!url) {
    std::fprintf(stderr, "DATABASE_URL is not set (run through bench/with-db)\n");
    return 2;
  }
  const int calls = argc > 1 ? std::atoi(argv[1]) : 3000;
  const int concurrency = argc > 2 ? std::atoi(argv[2]) : 600;
  const int latency = argc > 3 ? std::atoi(argv[3]) : 2000;

  db::Connection c(url);
  c.exec_script(R"sql(
    insert into tenants (id, name, slug) values ('bbbbbbbb-0000-0000-0000-0000000000aa', 'Bench', 'bench-llm');
  )sql");
  c.exec(R"sql(
    with c as (
      insert into calls (tenant_id, call_sid, pipeline_status, started_at)
      select 'bbbbbbbb-0000-0000-0000-0000000000aa', 'CAllm' || g, 'analyzing', now()
        from generate_series(1, $1::int) g
      returning tenant_id, id),
    t as (
      insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
      select c.tenant_id, c.id, s, case when s % 2 = 0 then 'agent' else 'customer' end,
             s * 6000, s * 6000 + 5000,
             case when s % 2 = 0 then 'Thanks for calling Acme, I can offer the premium plan for $20 a month.'
                  else 'That sounds good, yes, please add it to my account.' end
        from c, generate_series(0, 59) s)
    insert into jobs (tenant_id, kind, call_id) select tenant_id, 'analyze', id from c)sql",
         {std::to_string(calls)});

  testing::FakeOpenAi openai(std::chrono::milliseconds(latency), concurrency + 100);
  auto started = std::chrono::steady_clock::now();
  testing::ConverzaProcess worker(
      "work --exit-when-idle 1 --concurrency " + std::to_string(concurrency),
      {{"DATABASE_URL", url},
       {"OPENAI_API_KEY", "sk-bench"},
       {"OPENAI_BASE_URL", openai.base_url()},
       {"OPENAI_RPM", "1000000"},
       {"OPENAI_TPM", "1000000000"},
       {"LOG_LEVEL", "warn"}});
  long peak_rss = 0;
  int code = -2;
  while ((code = worker.Wait(100)) == -2) peak_rss = std::max(peak_rss, RssKib(worker.pid()));
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  long long insights = c.exec("select count(*) from insights").get_int(0, 0);
  std::printf("llm: %d calls, worker --concurrency %d, fake OpenAI latency %d ms\n", calls,
              concurrency, latency);
  std::printf("  peak requests in flight at the server: %d\n", openai.max_in_flight());
  std::printf("  throughput: %.0f calls/s (%.1f s), insights stored %lld\n", calls / secs, secs,
              insights);
  std::printf("  worker peak RSS (sampled every 100 ms): %.1f MiB\n", peak_rss / 1024.0);
  if (code != 0) std::fprintf(stderr, "worker exited with %d\n%s\n", code, worker.log().c_str());
  return insights == calls ? 0 : 1;
}
