#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "twilio/sandbox/sandbox_test_fixture.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;

TEST_F(SandboxTest, ServesRecordingMetadataAndAudioWithRanges) {
  std::string audio = "RIFF";
  for (int i = 0; i < 1000; ++i) audio += static_cast<char>(i % 256);
  std::string re = AddRecording(3, audio);
  auto r = Get(Acct() + "/Recordings/" + re + ".json");
  ASSERT_EQ(r.status, 200);
  auto m = Body(r);
  EXPECT_EQ(m.at("call_sid").as_string(), "CA0123456789abcdef0123456789abcdef");
  EXPECT_EQ(m.at("duration").as_string(), "6");
  EXPECT_EQ(m.at("channels").as_int64(), 2);
  EXPECT_EQ(m.at("status").as_string(), "completed");
  EXPECT_EQ(m.at("source").as_string(), "DialVerb");
  EXPECT_EQ(m.at("price_unit").as_string(), "USD");
  EXPECT_EQ(m.at("media_url").as_string(), options_.base_url + Acct() + "/Recordings/" + re);

  r = Get(Acct() + "/Recordings/" + re + ".wav");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, audio);
  EXPECT_EQ(r.headers["content-type"], "audio/x-wav");
  EXPECT_EQ(r.headers["accept-ranges"], "bytes");
  EXPECT_EQ(Get(Acct() + "/Recordings/" + re).body, audio);

  r = Get(Acct() + "/Recordings/" + re + ".wav", "Range: bytes=4-13\r\n");
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.body, audio.substr(4, 10));
  EXPECT_EQ(r.headers["content-range"], "bytes 4-13/1004");
  r = Get(Acct() + "/Recordings/" + re + ".wav", "Range: bytes=5000-\r\n");
  EXPECT_EQ(r.status, 416);
  EXPECT_EQ(r.headers["content-range"], "bytes */1004");

  EXPECT_EQ(Get(Acct() + "/Recordings/" + re + ".mp3").status, 404);
  EXPECT_EQ(Get(Acct() + "/Recordings/RE00000000000000000000000000000000.json").status, 404);
  r = Get(Acct() + "/Recordings.json?CallSid=CA0123456789abcdef0123456789abcdef");
  EXPECT_EQ(Body(r).at("recordings").as_array().size(), 1u);
}

// As Twilio's media links can: right after the recording it is not there yet (404), then the
// API redirects to a storage host, which serves the presigned link and refuses credentials.
TEST_F(SandboxTest, RecordingMediaIsLateThenRedirectsToStorageThatRefusesCredentials) {
  options_.media_not_found_ms = 60000;
  std::string re = AddRecording(2, "RIFF....WAVEfmt audio");
  EXPECT_EQ(Get(Acct() + "/Recordings/" + re + ".wav").status, 404);
  EXPECT_EQ(Get(Acct() + "/Recordings/" + re + ".json").status, 200) << "the resource exists";

  options_.media_not_found_ms = 0;
  options_.storage_base_url = "http://localhost:" + std::to_string(port_);
  auto r = Get(Acct() + "/Recordings/" + re + ".wav");
  ASSERT_EQ(r.status, 307);
  const std::string location = r.headers["location"];
  const std::string prefix = options_.storage_base_url + "/sandbox-storage/" + re + ".wav?token=";
  ASSERT_EQ(location.rfind(prefix, 0), 0u) << location;
  const std::string target = location.substr(options_.storage_base_url.size());
  auto with_credentials = Get(target);
  EXPECT_EQ(with_credentials.status, 400);
  EXPECT_NE(with_credentials.body.find("Only one auth mechanism allowed"), std::string::npos);
  auto presigned = converza::testing::Get(port_, target);
  EXPECT_EQ(presigned.status, 200);
  EXPECT_EQ(presigned.body, "RIFF....WAVEfmt audio");
  EXPECT_EQ(converza::testing::Get(port_, target, "Range: bytes=0-3\r\n").status, 206);
  EXPECT_EQ(converza::testing::Get(port_, "/sandbox-storage/" + re + ".wav?token=forged").status,
            403);
}

}  // namespace
}  // namespace converza::twilio::sandbox
