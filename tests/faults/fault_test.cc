#include "fault_test.h"

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace converza::faults {

namespace json = boost::json;

bool LongRun() {
  const char* scale = std::getenv("FAULT_SCALE");
  return scale != nullptr && std::string(scale) == "long";
}

int Scaled(int short_value, int long_value) { return LongRun() ? long_value : short_value; }

SimulateTotals ParseSimulateOutput(const std::string& log) {
  SimulateTotals t;
  auto at = log.rfind("\nwebhooks: ");  // the summary, not the progress line
  if (at != std::string::npos) {
    std::sscanf(log.c_str() + at + 1, "webhooks: %d sent, %d acked 2xx, %d failed (%d retries, %d",
                &t.sent, &t.acked, &t.failed, &t.retries, &t.unavailable);
  }
  return t;
}

namespace {

// A text[] literal for a parameter: {"CA1","CA2"} (SIDs need no escaping).
std::string SidArray(const std::vector<std::string>& sids) {
  std::string out = "{";
  for (std::size_t i = 0; i < sids.size(); ++i) out += (i ? ",\"" : "\"") + sids[i] + "\"";
  return out + "}";
}

}  // namespace

void FaultTest::StartStack(std::chrono::milliseconds llm_latency, const std::string& conninfo) {
  std::string db = conninfo;
  if (db.empty()) {
    db_ = std::make_unique<testing::TestDatabase>();
    db = db_->conninfo();
  }
  openai_ = std::make_unique<testing::FakeOpenAi>(llm_latency, 64);
  stack_ = std::make_unique<testing::Stack>(
      db, std::string("fault-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  ASSERT_TRUE(stack_->Start()) << stack_->error();
}

testing::Stack::EnvMap FaultTest::OpenAiEnv(testing::Stack::EnvMap extra) {
  extra.emplace("OPENAI_API_KEY", "sk-test");
  extra.emplace("OPENAI_BASE_URL", openai_->base_url());
  return extra;
}

bool FaultTest::WaitQuiet(long long transcribe_jobs, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      auto r = stack_->sql().exec(
          "select count(*) filter (where kind = 'transcribe'), "
          "count(*) filter (where state in ('queued', 'running')) from jobs");
      if (r.get_int(0, 0) >= transcribe_jobs && r.get_int(0, 1) == 0) return true;
    } catch (const db::Error&) {  // the database may be restarting
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

long long FaultTest::RetryDeadJobs() {
  return stack_->Count(
      "select count(*) filter (where public.retry_dead_job(tenant_id, id)) from jobs "
      "where state = 'dead'");
}

int FaultTest::Simulate(const std::string& args, int timeout_ms) {
  auto sim = stack_->StartSimulation(args);
  int code = sim->Wait(timeout_ms);
  AddSimulation(sim->log());
  return code;
}

void FaultTest::AddSimulation(const std::string& log) {
  SimulateTotals t = ParseSimulateOutput(log);
  totals_.sent += t.sent;
  totals_.acked += t.acked;
  totals_.failed += t.failed;
  totals_.retries += t.retries;
  totals_.unavailable += t.unavailable;
  std::ifstream in(stack_->calls_jsonl());
  for (std::string line; std::getline(in, line);) {
    auto call = json::parse(line).as_object();
    std::string sid(call.at("id").as_string());
    const auto& acked = call.at("acked").as_object();
    ++calls_;
    if (acked.contains("voice") && acked.at("voice").as_bool()) voice_acked_.push_back(sid);
    if (acked.contains("recording") && acked.at("recording").as_bool()) {
      recording_acked_.push_back(sid);
    }
  }
}

Figures FaultTest::Measure() {
  Figures f;
  f.calls = calls_;
  f.webhooks = totals_;
  f.recordings_acked = static_cast<long long>(recording_acked_.size());
  auto& sql = stack_->sql();
  f.stored = stack_->Count("select count(*) from jobs where kind = 'transcribe'");
  f.lost = sql.exec(R"sql(
      select count(*) from unnest($1::text[]) a(sid)
       where not exists (select 1 from calls c join jobs j
                                 on j.tenant_id = c.tenant_id and j.call_id = c.id
                                and j.kind = 'transcribe'
                          where c.call_sid = a.sid))sql",
                    {SidArray(recording_acked_)})
               .get_int(0, 0) +
           sql.exec(
                  "select count(*) from unnest($1::text[]) a(sid) "
                  "where not exists (select 1 from calls c where c.call_sid = a.sid)",
                  {SidArray(voice_acked_)})
               .get_int(0, 0);
  f.processed = stack_->Count(
      "select count(*) from insights i join jobs j on j.tenant_id = i.tenant_id "
      "and j.call_id = i.call_id and j.kind = 'analyze' and j.state = 'done'");
  f.duplicates = stack_->Count(R"sql(
      select count(*) from (
        select call_id from usage_events
         where (provider, unit) in (('openai', 'prompt_tokens'), ('twilio', 'recording_minutes'))
         group by call_id, provider, unit having count(*) > 1) d)sql");
  f.dead = stack_->Count("select count(*) from jobs where state = 'dead'");
  f.llm_valid_answers = openai_->answered(testing::FakeOpenAi::Behaviour::kValid);
  return f;
}

void FaultTest::ExpectNothingLostNothingTwice(const Figures& f, long long lost_llm_answers) {
  EXPECT_EQ(f.lost, 0) << "acked webhooks whose call or job is missing";
  EXPECT_GE(f.stored, f.recordings_acked);
  EXPECT_EQ(f.duplicates, 0) << "calls metered more than once";
  EXPECT_EQ(stack_->Count("select count(*) from (select call_id from insights "
                          "group by tenant_id, call_id having count(*) > 1) d"),
            0);
  // Every insight came from one valid answer; the only others went to a killed worker.
  EXPECT_GE(f.llm_valid_answers, f.processed);
  EXPECT_LE(f.llm_valid_answers, f.processed + lost_llm_answers);
  EXPECT_EQ(stack_->Count("select count(*) from usage_events where provider = 'openai' "
                          "and unit = 'prompt_tokens'"),
            f.processed);
}

void FaultTest::Print(const std::string& scenario, const Figures& f, const std::string& extra) {
  std::printf(
      "[fault] %s (%s): %d calls, %d webhook POSTs sent (%d retries), %d webhooks acked "
      "(%lld recordings), %d never acked; stored %lld, lost %lld; processed %lld, duplicates "
      "%lld; dead letters %lld; 503s %d; LLM valid answers %lld%s%s\n",
      scenario.c_str(), LongRun() ? "long" : "short", f.calls, f.webhooks.sent, f.webhooks.retries,
      f.webhooks.acked, f.recordings_acked, f.webhooks.failed, f.stored, f.lost, f.processed,
      f.duplicates, f.dead, f.webhooks.unavailable, f.llm_valid_answers, extra.empty() ? "" : "; ",
      extra.c_str());
  std::fflush(stdout);
}

}  // namespace converza::faults
