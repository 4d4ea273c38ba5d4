// The transcribe stage against a Twilio sandbox as strict as Voice Intelligence: one transcript
// per recording (a second is refused), transcripts that fail, a transcript made by an earlier
// attempt whose answer was lost. Real processes (sandbox, serve, simulator, worker) and a real
// database.
#include <gtest/gtest.h>

#include "fake_openai.h"
#include "http/run_sync.h"
#include "stack.h"
#include "twilio/rest_client.h"
#include "twilio/sandbox/credentials.h"

namespace converza::pipeline {
namespace {

using testing::ConverzaProcess;

class TranscribeStageTest : public ::testing::Test {
 protected:
  void StartStack(const testing::Stack::EnvMap& sandbox_env = {}) {
    stack_ = std::make_unique<testing::Stack>(
        db_.conninfo(), std::string("transcribe-") +
                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ASSERT_TRUE(stack_->Start(sandbox_env)) << stack_->error();
    ASSERT_EQ(stack_->AddServer(), 0) << stack_->error();
  }

  void SimulateAndWork(int calls, const std::string& seed) {
    ASSERT_EQ(stack_->Simulate("--calls " + std::to_string(calls) + " --seed " + seed), 0)
        << stack_->error();
    ConverzaProcess work("work --exit-when-idle 2", stack_->Env());
    ASSERT_EQ(work.Wait(180000), 0) << work.log();
  }

  // The sandbox as the platform account sees it.
  twilio::RestClient Twilio() {
    auto creds = twilio::sandbox::LoadOrCreateCredentials((stack_->dir() / "sandbox").string());
    EXPECT_TRUE(creds.ok());
    const std::string base = "http://127.0.0.1:" + stack_->Env().at("SANDBOX_PORT");
    return twilio::RestClient(
        base, base, {creds->account_sid, creds->auth_token, creds->api_key, creds->api_secret});
  }

  long long Count(const std::string& sql) { return stack_->Count(sql); }

  testing::TestDatabase db_;
  std::unique_ptr<testing::Stack> stack_;
};

// Two transcripts end "failed": each is deleted and the recording transcribed again, so every
// call is analysed and each recording ends with exactly one transcript at Twilio.
TEST_F(TranscribeStageTest, AFailedTranscriptIsDeletedAndMadeAgain) {
  StartStack({{"SANDBOX_FAILED_TRANSCRIPTS", "2"}, {"SANDBOX_TRANSCRIPT_DELAY_MS", "200"}});
  SimulateAndWork(3, "1101");
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 3);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and attempts = 2"), 2);
  EXPECT_EQ(Count("select count(distinct transcript_sid) from calls"), 3);
  auto client = Twilio();
  auto recordings = stack_->sql().exec("select recording_sid, transcript_sid from calls");
  for (int i = 0; i < recordings.size(); ++i) {
    auto t = http::RunSync(client.FindTranscript(std::string(recordings.get(i, 0))));
    ASSERT_TRUE(t.ok()) << t.status().message();
    EXPECT_EQ(t->sid, recordings.get(i, 1)) << "the call keeps the transcript Twilio has";
    EXPECT_EQ(t->status, "completed");
  }
}

// An earlier attempt asked for the transcript but its answer was lost (or the worker died before
// storing the sid): the stage finds it by its recording instead of asking again, which Twilio
// would refuse and which used to dead-letter the call.
TEST_F(TranscribeStageTest, ATranscriptMadeBeforeALostAnswerIsFoundNotRequestedAgain) {
  StartStack({{"SANDBOX_TRANSCRIPT_DELAY_MS", "200"}});
  ASSERT_EQ(stack_->Simulate("--calls 2 --seed 1102"), 0) << stack_->error();
  auto client = Twilio();
  const std::string recording(
      stack_->sql().exec("select recording_sid from calls order by started_at limit 1").get(0, 0));
  auto made = http::RunSync(
      client.CreateTranscript(twilio::sandbox::kDefaultServiceSid, recording, "earlier-attempt"));
  ASSERT_TRUE(made.ok()) << made.status().message();
  // What a second request gets from Twilio: refused.
  auto again = http::RunSync(
      client.CreateTranscript(twilio::sandbox::kDefaultServiceSid, recording, "again"));
  EXPECT_EQ(again.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(again.status().message().rfind("Twilio 20409:", 0), 0u) << again.status().message();

  ConverzaProcess work("work --exit-when-idle 2", stack_->Env());
  ASSERT_EQ(work.Wait(180000), 0) << work.log();
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 2);
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead'"), 0);
  EXPECT_EQ(Count("select count(*) from calls where recording_sid = '" + recording +
                  "' and transcript_sid = '" + made->sid + "'"),
            1);
}

// Right after the recording webhook Twilio may answer 404 for the media (here for 4 s), and then
// redirect it to a storage host (the sandbox always does): within RECORDING_MEDIA_GRACE_S the
// job waits and the call is transcribed; with no grace the same 404 is a dead letter.
TEST_F(TranscribeStageTest, EarlyMediaNotFoundIsWaitedOutWithinTheGrace) {
  StartStack({{"SANDBOX_MEDIA_NOT_FOUND_MS", "4000"}});
  testing::FakeOpenAi openai;
  const testing::Stack::EnvMap openai_env = {{"OPENAI_API_KEY", "sk-test"},
                                             {"OPENAI_BASE_URL", openai.base_url()},
                                             {"TRANSCRIBE_PROVIDER", "openai"}};
  auto no_grace = openai_env;
  no_grace["RECORDING_MEDIA_GRACE_S"] = "0";
  // A call with no grace: its 404 is final.
  ASSERT_EQ(stack_->Simulate("--calls 1 --audio tone --seed 1103"), 0) << stack_->error();
  {
    ConverzaProcess work("work --exit-when-idle 1", stack_->Env(no_grace));
    ASSERT_EQ(work.Wait(60000), 0) << work.log();
  }
  EXPECT_EQ(Count("select count(*) from jobs where state = 'dead' and last_error like '%20404%'"),
            1);
  // Another with the default grace: waits, then is transcribed from the storage host.
  ASSERT_EQ(stack_->Simulate("--calls 1 --audio tone --seed 1104"), 0) << stack_->error();
  ConverzaProcess work("work --exit-when-idle 2", stack_->Env(openai_env));
  ASSERT_EQ(work.Wait(120000), 0) << work.log();
  EXPECT_EQ(Count("select count(*) from calls where pipeline_status = 'done'"), 1);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and state = 'done' and "
                  "attempts = 1"),
            1)
      << "waiting for the media used no attempt";
  EXPECT_EQ(openai.transcriptions(), 2);
}

}  // namespace
}  // namespace converza::pipeline
