#include "twilio/sandbox/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace converza::twilio::sandbox {
namespace {

constexpr char kAccount[] = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

class SandboxStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("converza_sandbox_store_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Reopen() {
    auto s = Store::Open(dir_.string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
  }
  std::string Transcribe(const std::string& recording_sid) {
    Transcript t;
    t.account_sid = kAccount;
    t.source_sid = recording_sid;
    auto created = store_->CreateTranscript(t);
    EXPECT_TRUE(created.ok());
    return created.ok() ? created->sid : "";
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

// The store finds transcripts by SID and by recording through indexes, which must follow the
// resources through a deletion (the ones after it move) and a restart (loaded from disk).
TEST_F(SandboxStoreTest, FindsTranscriptsBySidAndRecordingAfterADeleteAndARestart) {
  const std::string first = Transcribe("RE1");
  const std::string second = Transcribe("RE1");
  const std::string other = Transcribe("RE2");

  ASSERT_TRUE(store_->FindTranscriptBySource("RE1"));
  EXPECT_EQ(store_->FindTranscriptBySource("RE1")->sid, first);  // the oldest, as before
  auto listed = store_->ListTranscripts(kAccount, "RE1", 20);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].sid, second);  // newest first
  EXPECT_EQ(listed[1].sid, first);
  EXPECT_EQ(store_->ListTranscripts(kAccount, "RE1", 1).size(), 1u);
  EXPECT_TRUE(store_->ListTranscripts("ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "RE1", 20).empty());
  EXPECT_TRUE(store_->ListTranscripts(kAccount, "RE9", 20).empty());
  EXPECT_EQ(store_->ListTranscripts(kAccount, "", 20).size(), 3u);

  ASSERT_TRUE(store_->DeleteTranscript(first));
  EXPECT_FALSE(store_->DeleteTranscript(first));
  EXPECT_FALSE(store_->GetTranscript(first));
  ASSERT_TRUE(store_->GetTranscript(other));  // moved down one place
  EXPECT_EQ(store_->GetTranscript(other)->source_sid, "RE2");
  EXPECT_EQ(store_->FindTranscriptBySource("RE1")->sid, second);

  Reopen();
  ASSERT_TRUE(store_->GetTranscript(second));
  EXPECT_EQ(store_->GetTranscript(second)->source_sid, "RE1");
  EXPECT_EQ(store_->FindTranscriptBySource("RE2")->sid, other);
  EXPECT_FALSE(store_->GetTranscript(first));
}

TEST_F(SandboxStoreTest, PuttingARecordingAgainReplacesIt) {
  Recording r;
  r.sid = "RE1";
  r.account_sid = kAccount;
  r.duration = 10;
  ASSERT_TRUE(store_->PutRecording(r, "wav").ok());
  r.duration = 20;
  ASSERT_TRUE(store_->PutRecording(r, "wav").ok());
  ASSERT_TRUE(store_->GetRecording("RE1"));
  EXPECT_EQ(store_->GetRecording("RE1")->duration, 20);
  EXPECT_EQ(store_->ListRecordings(kAccount).size(), 1u);
  EXPECT_FALSE(store_->GetRecording("RE2"));
  Reopen();
  ASSERT_TRUE(store_->GetRecording("RE1"));
  EXPECT_EQ(store_->GetRecording("RE1")->duration, 20);
}

}  // namespace
}  // namespace converza::twilio::sandbox
