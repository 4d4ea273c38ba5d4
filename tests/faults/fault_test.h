// What every fault scenario in tests/faults/ shares: the process stack, a fake OpenAI, the two
// promises checked after each fault, and the one line of figures each scenario prints.
//
// The promises, precisely:
// - Nothing acked is lost: every recording webhook the simulator saw acknowledged (2xx) has its
//   call row and its transcribe job in the database ("stored"); so does every acked voice
//   webhook's call row.
// - Nothing is processed twice: per call at most one insight, one done analyze job, one set of
//   OpenAI token usage rows and one set of Twilio usage rows; and the fake OpenAI answered with
//   a valid insight no more often than there are insights, plus the answers a killed worker
//   received but could not commit (bounded by the analyze jobs it held when it died).
// Scenarios run short by default (make test) and long with FAULT_SCALE=long (make faults).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "fake_openai.h"
#include "stack.h"
#include "test_cluster.h"

namespace converza::faults {

// FAULT_SCALE=long selects the long versions.
bool LongRun();
int Scaled(int short_value, int long_value);

// The summary `converza simulate` prints (webhooks line).
struct SimulateTotals {
  int sent = 0, acked = 0, failed = 0, retries = 0, unavailable = 0;
};
SimulateTotals ParseSimulateOutput(const std::string& log);

struct Figures {
  int calls = 0;                    // calls simulated
  SimulateTotals webhooks;          // POSTs sent, webhooks acked, 503s, retries
  long long recordings_acked = 0;   // recording webhooks acked
  long long stored = 0;             // calls with a transcribe job
  long long lost = 0;               // acked (voice or recording) but not stored: must be 0
  long long processed = 0;          // calls with an insight and a done analyze job
  long long duplicates = 0;         // calls metered twice: must be 0
  long long dead = 0;               // dead jobs now
  long long llm_valid_answers = 0;  // valid insights the fake OpenAI returned
};

class FaultTest : public ::testing::Test {
 protected:
  // A stack on a fresh TestDatabase (or on `conninfo`), sandbox up and tenant seeded, and a
  // fake OpenAI answering after `llm_latency`.
  void StartStack(std::chrono::milliseconds llm_latency = std::chrono::milliseconds(0),
                  const std::string& conninfo = "");
  testing::Stack& stack() { return *stack_; }
  // Environment for workers that use the fake OpenAI.
  testing::Stack::EnvMap OpenAiEnv(testing::Stack::EnvMap extra = {});

  // Waits until at least `transcribe_jobs` exist and none is queued or running.
  bool WaitQuiet(long long transcribe_jobs, std::chrono::seconds limit);
  // Sends every dead job back to the queue as an admin would (SQL retry_dead_job); returns how
  // many.
  long long RetryDeadJobs();

  // Adds a finished simulation's output (its log and calls.jsonl) to what Measure() reports.
  void AddSimulation(const std::string& log);
  // Runs a simulation to the end and adds it; returns its exit code.
  int Simulate(const std::string& args, int timeout_ms = 300000);
  Figures Measure();
  // The two promises; `lost_llm_answers` is how many valid answers may have gone to a killed
  // worker.
  void ExpectNothingLostNothingTwice(const Figures& f, long long lost_llm_answers = 0);
  // One line: "[fault] <scenario> (short|long): sent ... acked ... stored ... processed ...".
  void Print(const std::string& scenario, const Figures& f, const std::string& extra = "");

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<testing::Stack> stack_;
  std::unique_ptr<testing::FakeOpenAi> openai_;

 private:
  int calls_ = 0;
  SimulateTotals totals_;
  std::vector<std::string> voice_acked_, recording_acked_;
};

}  // namespace converza::faults
