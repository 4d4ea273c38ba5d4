// Trackers through real processes (sandbox, serve, the simulator's signed webhooks, work): the
// analyze stage stores each analysed call's hits with its insight, exactly as the matcher finds
// them in the stored transcript; a re-run over history (public.rerun_trackers) matches a new
// tracker in every past call through `trackers` jobs, counts its progress to the end and leaves
// the calls' own pipeline state alone.
#include <gtest/gtest.h>

#include <map>

#include "analysis/tracker_matcher.h"
#include "stack.h"

namespace converza::pipeline {
namespace {

using testing::ConverzaProcess;

constexpr const char* kTenant = "de30de30-0000-4000-8000-000000000001";  // `converza seed`

class TrackersPipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stack_ = std::make_unique<testing::Stack>(db_.conninfo(), "trackers");
    ASSERT_TRUE(stack_->Start()) << stack_->error();
    ASSERT_EQ(stack_->AddServer(), 0) << stack_->error();
  }

  std::string AddTracker(const std::string& name, const std::string& phrases) {
    return std::string(stack_->sql()
                           .exec("insert into trackers (tenant_id, name, phrases) values ($1, $2,"
                                 " $3::text[]) returning id::text",
                                 {kTenant, name, phrases})
                           .get(0, 0));
  }

  void Work() {
    ConverzaProcess work("work --exit-when-idle 1", stack_->Env({}));
    ASSERT_EQ(work.Wait(120000), 0) << work.log();
  }

  // call id -> hits of `tracker`, as the matcher finds them in the stored transcripts.
  std::map<std::string, int> Expected(const std::string& tracker,
                                      std::vector<std::string> phrases) {
    analysis::TrackerMatcher m({{tracker, std::move(phrases)}});
    auto calls =
        stack_->sql().exec("select call_id::text from insights where tenant_id = $1", {kTenant});
    std::map<std::string, int> out;
    for (int i = 0; i < calls.size(); ++i) {
      std::string call(calls.get(i, 0));
      auto rows = stack_->sql().exec(
          "select speaker, start_ms, end_ms, text from transcripts where tenant_id = $1 and"
          " call_id = $2 order by seq",
          {kTenant, call});
      std::vector<analysis::Turn> turns;
      for (int r = 0; r < rows.size(); ++r) {
        analysis::Turn t;
        t.speaker =
            rows.get(r, 0) == "agent" ? analysis::Speaker::kAgent : analysis::Speaker::kCustomer;
        t.start_ms = static_cast<int>(rows.get_int(r, 1));
        t.end_ms = static_cast<int>(rows.get_int(r, 2));
        t.text = rows.get(r, 3);
        turns.push_back(std::move(t));
      }
      for (const auto& h : m.Match(turns)) out[call] = h.count;
    }
    return out;
  }

  std::map<std::string, int> Stored(const std::string& tracker) {
    auto rows = stack_->sql().exec(
        "select call_id::text, hits from tracker_hits where tenant_id = $1 and tracker_id = $2",
        {kTenant, tracker});
    std::map<std::string, int> out;
    for (int i = 0; i < rows.size(); ++i) {
      out[std::string(rows.get(i, 0))] = static_cast<int>(rows.get_int(i, 1));
    }
    return out;
  }

  testing::TestDatabase db_;
  std::unique_ptr<testing::Stack> stack_;
};

TEST_F(TrackersPipelineTest, AnalysedCallsGetTheirHitsAndARerunMatchesPastCalls) {
  const std::string greeting = AddTracker("Greeting", "{thank you for calling,thanks for calling}");
  const std::string cancel = AddTracker("Cancel", "{cancel}");
  ASSERT_EQ(stack_->Simulate("--calls 8 --seed 4242"), 0) << stack_->error();
  Work();
  const long long analysed = stack_->Count("select count(*) from insights");
  ASSERT_GT(analysed, 0);

  auto greeted = Stored(greeting);
  EXPECT_EQ(greeted, Expected(greeting, {"thank you for calling", "thanks for calling"}));
  EXPECT_FALSE(greeted.empty()) << "the simulator's agents greet with the company's name";
  EXPECT_EQ(Stored(cancel), Expected(cancel, {"cancel"}));

  // A tracker added later matches nothing until it is re-run over history.
  const std::string calling = AddTracker("Calling", "{calling}");
  EXPECT_TRUE(Stored(calling).empty());
  const std::string statuses = "select string_agg(pipeline_status, ',' order by id) from calls";
  const std::string before(stack_->sql().exec(statuses).get(0, 0));
  const long long done_calls =
      stack_->Count("select count(*) from calls where pipeline_status = 'done'");
  EXPECT_EQ(stack_->sql().exec("select public.rerun_trackers($1)", {kTenant}).get_int(0, 0),
            done_calls);
  EXPECT_EQ(stack_->Count("select count(*) from tracker_runs where finished_at is null"), 1);
  Work();

  auto expected = Expected(calling, {"calling"});
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(Stored(calling), expected);
  EXPECT_EQ(Stored(greeting), greeted) << "a re-run leaves the same hits for unchanged trackers";
  EXPECT_EQ(stack_->Count("select count(*) from tracker_runs where done = total and"
                          " finished_at is not null"),
            1);
  EXPECT_EQ(std::string(stack_->sql().exec(statuses).get(0, 0)), before);
  EXPECT_EQ(stack_->Count("select count(*) from jobs where kind = 'trackers' and state <> 'done'"),
            0);
}

}  // namespace
}  // namespace converza::pipeline
