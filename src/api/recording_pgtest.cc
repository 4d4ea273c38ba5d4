// GET /api/v1/calls/{id}/recording through a real `converza serve` and the Twilio sandbox: the
// bytes are exactly the sandbox's stored audio, whole or by Range (206, Content-Range), 416 past
// the end; another tenant's call and calls without a recording are 404; nothing about Twilio
// leaks into headers or errors; Twilio being unreachable is a 502.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "live_api_fixture.h"
#include "stream_client.h"

namespace converza::api {
namespace {

class RecordingTest : public testing::LiveApiTest {
 protected:
  void SetUp() override {
    LiveApiTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(stack_->Simulate("--calls 1 --seed 21 --audio tone"), 0) << stack_->error();
    auto row = Sql("select id::text, recording_sid from calls where tenant_id = $1",
                   {std::string(testing::kDemoTenant)});
    ASSERT_EQ(row.size(), 1);
    call_ = row.get(0, 0);
    recording_sid_ = row.get(0, 1);
    std::ifstream f(
        stack_->dir() / "sandbox" / "recordings" / (std::string(row.get(0, 1)) + ".wav"),
        std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    audio_ = ss.str();
    ASSERT_GT(audio_.size(), 1000u);
  }

  testing::HttpReply Get(const std::string& target, const std::string& token,
                         const std::string& range = "") {
    return Call("GET", target, token, "", range.empty() ? "" : "Range: " + range + "\r\n");
  }

  // Nothing Twilio-specific may reach the browser.
  void ExpectNoTwilioDetails(const testing::HttpReply& r) {
    for (const auto& [name, value] : r.headers) {
      EXPECT_EQ(value.find(sandbox_url_), std::string::npos) << name;
      EXPECT_EQ(value.find(sandbox_creds_.account_sid), std::string::npos) << name;
      EXPECT_EQ(value.find(recording_sid_), std::string::npos) << name;
    }
    if (r.status >= 400) {
      EXPECT_EQ(r.body.find(sandbox_creds_.account_sid), std::string::npos) << r.body;
      EXPECT_EQ(r.body.find("127.0.0.1"), std::string::npos) << r.body;
    }
  }

  std::string call_, recording_sid_, audio_;
};

// A download without Range is streamed one upstream range (1 MiB) at a time: the proxy never
// holds more of a recording than that, whatever its length.
TEST_F(RecordingTest, WholeFileIsTheSandboxsAudioStreamedAMebibyteAtATime) {
  ASSERT_GT(audio_.size(), 1u << 20) << "the recording must span several ranges";
  for (const std::string range : {"", "Range: bytes=0-1,5-9\r\n"}) {  // several ranges: ignored
    testing::StreamClient r(port_, "/api/v1/calls/" + call_ + "/recording",
                            "Authorization: Bearer " + TokenA() + "\r\n" + range);
    ASSERT_EQ(r.status(), 200) << range;
    ASSERT_TRUE(r.WaitForEnd(30000)) << range;
    EXPECT_EQ(r.headers().at("content-type"), "audio/wav");
    EXPECT_EQ(r.headers().at("accept-ranges"), "bytes");
    EXPECT_EQ(r.headers().at("cache-control"), "private, max-age=3600");
    EXPECT_EQ(r.body().size(), audio_.size());
    EXPECT_TRUE(r.body() == audio_);
    EXPECT_GE(static_cast<std::size_t>(r.chunks()), (audio_.size() + (1u << 20) - 1) >> 20);
    EXPECT_LE(r.largest_chunk(), 1u << 20);
    for (const auto& [name, value] : r.headers()) {
      EXPECT_EQ(value.find(recording_sid_), std::string::npos) << name;
    }
  }
}

// The waveform is what the worker stored on the call, for its own tenant only.
TEST_F(RecordingTest, TheWaveformIsTheStoredPeaksOfTheCallersOwnCalls) {
  const std::string url = "/api/v1/calls/" + call_ + "/waveform";
  auto none = Get(url, TokenA());  // not computed yet: the call is there, its waveform is not
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(none.body, R"({"duration_ms": null, "peaks": null})");

  Sql(R"(update calls set recording_peaks = '{"duration_ms": 1500, "peaks": [[0, 1000], [7, 3]]}'
          where id = $1)",
      {call_});
  auto r = Get(url, TokenA());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, R"({"peaks": [[0, 1000], [7, 3]], "duration_ms": 1500})");
  EXPECT_EQ(r.headers["content-type"], "application/json");

  EXPECT_EQ(Get(url, TokenB()).status, 404);  // another tenant's call
  EXPECT_EQ(Get(url, "").status, 401);
  EXPECT_EQ(Get("/api/v1/calls/not-a-uuid/waveform", TokenA()).status, 404);
}

TEST_F(RecordingTest, RangesReturnExactlyThoseBytes) {
  const std::string url = "/api/v1/calls/" + call_ + "/recording?access_token=" + TokenA();
  const std::string total = std::to_string(audio_.size());
  auto r = Get(url, "", "bytes=100-1123");
  ASSERT_EQ(r.status, 206) << r.body;
  EXPECT_EQ(r.headers["content-range"], "bytes 100-1123/" + total);
  EXPECT_TRUE(r.body == audio_.substr(100, 1024));
  ExpectNoTwilioDetails(r);

  r = Get(url, "", "bytes=-44");  // the last 44 bytes
  ASSERT_EQ(r.status, 206);
  EXPECT_TRUE(r.body == audio_.substr(audio_.size() - 44));

  r = Get(url, "", "bytes=" + std::to_string(audio_.size() - 10) + "-");
  ASSERT_EQ(r.status, 206);
  EXPECT_TRUE(r.body == audio_.substr(audio_.size() - 10));

  // What a player asks first: 256 KiB comes back, with the true Content-Range, so it can start
  // soon and a long recording is never fetched whole (the player asks for the rest as it plays,
  // "bytes=262144-": at most 1 MiB from there on).
  ASSERT_GT(audio_.size(), 1u << 20) << "the recording must be longer than one window";
  r = Get(url, "", "bytes=0-");
  ASSERT_EQ(r.status, 206);
  EXPECT_EQ(r.headers["content-range"], "bytes 0-262143/" + total);
  EXPECT_TRUE(r.body == audio_.substr(0, 256u << 10));
  r = Get(url, "", "bytes=262144-");
  ASSERT_EQ(r.status, 206);
  EXPECT_EQ(r.headers["content-range"], "bytes 262144-1310719/" + total);
  EXPECT_TRUE(r.body == audio_.substr(256u << 10, 1u << 20));
  r = Get(url, "", "bytes=10-" + std::to_string(audio_.size() - 1));
  ASSERT_EQ(r.status, 206);
  EXPECT_EQ(r.headers["content-range"], "bytes 10-1048585/" + total);
  r = Get(url, "", "bytes=0-1048575");  // asked for exactly: all of it
  ASSERT_EQ(r.status, 206);
  EXPECT_EQ(r.headers["content-range"], "bytes 0-1048575/" + total);

  r = Get(url, "", "bytes=" + total + "-");
  EXPECT_EQ(r.status, 416);
  EXPECT_EQ(r.headers["content-range"], "bytes */" + total);
  ExpectNoTwilioDetails(r);
}

TEST_F(RecordingTest, OtherTenantsAndMissingRecordingsAre404) {
  auto r = Get("/api/v1/calls/" + call_ + "/recording", TokenB());
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("RIFF"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/calls/" + call_ + "/recording", "").status, 401);
  EXPECT_EQ(Get("/api/v1/calls/00000000-0000-4000-8000-000000000000/recording", TokenA()).status,
            404);
  EXPECT_EQ(Get("/api/v1/calls/not-a-uuid/recording", TokenA()).status, 404);
  Sql("insert into calls (tenant_id, call_sid) values ($1, 'CAnorecording')",
      {std::string(testing::kDemoTenant)});
  auto none = Sql("select id::text from calls where call_sid = 'CAnorecording'");
  EXPECT_EQ(Get("/api/v1/calls/" + std::string(none.get(0, 0)) + "/recording", TokenA()).status,
            404);
  // A recording Twilio no longer has.
  Sql("update calls set recording_sid = 'RE00000000000000000000000000000000' where id = $1",
      {call_});
  auto gone = Get("/api/v1/calls/" + call_ + "/recording", TokenA());
  EXPECT_EQ(gone.status, 404);
  ExpectNoTwilioDetails(gone);
}

TEST_F(RecordingTest, UnreachableTwilioIs502WithoutDetails) {
  ASSERT_EQ(stack_->AddServer(
                {{"JWT_SECRET", testing::kLiveJwtSecret},
                 {"TWILIO_API_BASE", "http://127.0.0.1:" + std::to_string(testing::FreePort())}}),
            1)
      << stack_->error();
  port_ = stack_->server_port(1);
  auto r = Get("/api/v1/calls/" + call_ + "/recording", TokenA());
  EXPECT_EQ(r.status, 502);
  EXPECT_NE(r.body.find("\"upstream_error\""), std::string::npos) << r.body;
  ExpectNoTwilioDetails(r);
}

}  // namespace
}  // namespace converza::api
