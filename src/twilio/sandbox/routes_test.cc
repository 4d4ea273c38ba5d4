// The sandbox's REST API in-process on loopback: Twilio shapes, auth, errors, audio with ranges,
// Intelligence transcripts with paging, and persistence across restarts.
#include "twilio/sandbox/routes.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/base64.h"
#include "http/server.h"
#include "http_client.h"

namespace converza::twilio::sandbox {
namespace {

namespace json = boost::json;
using converza::testing::HttpReply;

std::string B64(std::string_view s) { return Base64Encode(s); }

class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("converza_sandbox_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    Start();
  }
  void TearDown() override {
    Stop();
    std::filesystem::remove_all(dir_);
  }
  void Start() {
    auto store = Store::Open(dir_.string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    options_.transcript_delay_ms = 300;
    router_ = std::make_unique<http::Router>();
    AddSandboxRoutes(*router_, *store_, options_);
    http::ServerOptions so;
    so.port = 0;
    so.access_log = false;
    so.body_limit = 8 << 20;
    server_ = std::make_unique<http::Server>(so, *router_, metrics_);
    ASSERT_TRUE(server_->Listen().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->Run(); });
  }
  void Stop() {
    server_->Shutdown();
    thread_.join();
    server_.reset();
  }

  std::string Auth() const {
    return "Authorization: Basic " +
           B64(options_.credentials.account_sid + ":" + options_.credentials.auth_token) + "\r\n";
  }
  std::string Acct() const { return "/2010-04-01/Accounts/" + options_.credentials.account_sid; }
  HttpReply Get(const std::string& target, const std::string& extra = "") {
    return converza::testing::Get(port_, target, Auth() + extra);
  }
  HttpReply PostForm(const std::string& target, const std::string& body) {
    return converza::testing::Post(port_, target, body, "application/x-www-form-urlencoded",
                                   Auth());
  }
  HttpReply Delete(const std::string& target) {
    return converza::testing::SendRaw(
        port_, "DELETE " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                   Auth() + "\r\n");
  }
  static json::object Body(const HttpReply& r) { return json::parse(r.body).as_object(); }

  // Registers a recording the way the simulator does.
  std::string AddRecording(int sentences, const std::string& audio) {
    json::array s;
    for (int i = 0; i < sentences; ++i) {
      s.push_back(json::object{{"channel", 1 + i % 2},
                               {"start", i * 2.0},
                               {"end", i * 2.0 + 1.5},
                               {"text", "sentence number " + std::to_string(i)},
                               {"confidence", 0.93}});
    }
    json::object body{{"call_sid", "CA0123456789abcdef0123456789abcdef"},
                      {"duration", sentences * 2},
                      {"audio_kind", "tone"},
                      {"sentences", s},
                      {"audio_base64", B64(audio)}};
    auto r = converza::testing::Post(port_, "/sandbox/v1/Recordings", json::serialize(body),
                                     "application/json", Auth());
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(Body(r).at("sid").as_string());
  }

  std::filesystem::path dir_;
  SandboxOptions options_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<http::Router> router_;
  http::Metrics metrics_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(SandboxTest, RejectsBadAuthWithTwilioError) {
  auto r = converza::testing::Get(port_, Acct() + "/IncomingPhoneNumbers.json");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(
      r.body,
      R"({"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401})");
  EXPECT_EQ(r.headers["www-authenticate"], "Basic realm=\"Twilio API\"");
  r = converza::testing::Get(
      port_, Acct() + "/IncomingPhoneNumbers.json",
      "Authorization: Basic " + B64(options_.credentials.account_sid + ":wrong") + "\r\n");
  EXPECT_EQ(r.status, 401);
  // Another account's path: not found, like Twilio.
  r = Get("/2010-04-01/Accounts/AC00000000000000000000000000000000/IncomingPhoneNumbers.json");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Body(r).at("code").as_int64(), 20404);
}

// A subaccount (a tenant's own Twilio account): made by the main account only, authenticated
// with its own token, holding its own numbers; the main account may act on it, the subaccount
// never on the main account or a sibling; both survive a restart.
TEST_F(SandboxTest, SubaccountsHaveTheirOwnTokenAndNumbers) {
  auto r = PostForm("/2010-04-01/Accounts.json", "FriendlyName=Bolt+Hotels");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto sub = Body(r);
  const std::string sid(sub.at("sid").as_string()), token(sub.at("auth_token").as_string());
  EXPECT_EQ(sid.size(), 34u);
  EXPECT_EQ(sid.rfind("AC", 0), 0u);
  EXPECT_EQ(token.size(), 32u);
  EXPECT_EQ(sub.at("owner_account_sid").as_string(), options_.credentials.account_sid);
  EXPECT_EQ(sub.at("friendly_name").as_string(), "Bolt Hotels");
  EXPECT_EQ(sub.at("status").as_string(), "active");
  const std::string as_sub = "Authorization: Basic " + B64(sid + ":" + token) + "\r\n";
  const std::string sub_path = "/2010-04-01/Accounts/" + sid;

  r = converza::testing::Post(port_, sub_path + "/IncomingPhoneNumbers.json", "AreaCode=212",
                              "application/x-www-form-urlencoded", as_sub);
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string number(Body(r).at("phone_number").as_string());
  EXPECT_EQ(Body(r).at("account_sid").as_string(), sid);
  // The subaccount sees its number; the main account sees it only under the subaccount's path.
  r = converza::testing::Get(port_, sub_path + "/IncomingPhoneNumbers.json", as_sub);
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);
  r = Get(Acct() + "/IncomingPhoneNumbers.json");
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 0u);
  r = Get(sub_path + "/IncomingPhoneNumbers.json");
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);
  // The subaccount reaches neither its parent's resources nor makes accounts; a wrong token is 401.
  EXPECT_EQ(converza::testing::Get(port_, Acct() + "/IncomingPhoneNumbers.json", as_sub).status,
            404);
  EXPECT_EQ(converza::testing::Post(port_, "/2010-04-01/Accounts.json", "FriendlyName=x",
                                    "application/x-www-form-urlencoded", as_sub)
                .status,
            403);
  EXPECT_EQ(converza::testing::Get(
                port_, sub_path + "/IncomingPhoneNumbers.json",
                "Authorization: Basic " + B64(sid + ":" + std::string(32, '0')) + "\r\n")
                .status,
            401);
  // And a number is one account's: the main account cannot buy it again.
  EXPECT_EQ(
      PostForm(Acct() + "/IncomingPhoneNumbers.json", "PhoneNumber=%2B" + number.substr(1)).status,
      400);

  Stop();
  Start();
  r = converza::testing::Get(port_, sub_path + "/IncomingPhoneNumbers.json", as_sub);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);
}

TEST_F(SandboxTest, SearchesDeterministicNumbers) {
  auto r = Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=3");
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = Body(r);
  auto& nums = b.at("available_phone_numbers").as_array();
  ASSERT_EQ(nums.size(), 3u);
  EXPECT_EQ(nums[0].at("phone_number").as_string(), "+14155550100");
  EXPECT_EQ(nums[0].at("friendly_name").as_string(), "(415) 555-0100");
  EXPECT_EQ(nums[0].at("locality").as_string(), "San Francisco");
  EXPECT_TRUE(nums[0].at("capabilities").at("voice").as_bool());
  EXPECT_EQ(Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=3").body,
            r.body);

  r = Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=099");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r).at("code").as_int64(), 21452);
  r = Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=533");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Body(r).at("available_phone_numbers").as_array().empty());
}

TEST_F(SandboxTest, BuysUpdatesListsAndReleasesNumbers) {
  auto r = PostForm(Acct() + "/IncomingPhoneNumbers.json",
                    "PhoneNumber=%2B14155550100&VoiceUrl=https%3A%2F%2Fx.example%2Fwebhooks%"
                    "2Ftwilio%2Fvoice&StatusCallback=https%3A%2F%2Fx.example%2Fs");
  ASSERT_EQ(r.status, 201) << r.body;
  auto n = Body(r);
  std::string sid(n.at("sid").as_string());
  EXPECT_EQ(sid.substr(0, 2), "PN");
  EXPECT_EQ(n.at("phone_number").as_string(), "+14155550100");
  EXPECT_EQ(n.at("voice_url").as_string(), "https://x.example/webhooks/twilio/voice");
  EXPECT_EQ(n.at("voice_method").as_string(), "POST");
  EXPECT_EQ(n.at("uri").as_string(), Acct() + "/IncomingPhoneNumbers/" + sid + ".json");

  // Bought numbers leave the inventory; buying twice fails like Twilio.
  auto s = Body(Get(Acct() + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=1"));
  EXPECT_EQ(s.at("available_phone_numbers").as_array()[0].at("phone_number").as_string(),
            "+14155550101");
  r = PostForm(Acct() + "/IncomingPhoneNumbers.json", "PhoneNumber=%2B14155550100");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Body(r).at("code").as_int64(), 21422);
  EXPECT_EQ(Body(PostForm(Acct() + "/IncomingPhoneNumbers.json", "PhoneNumber=123")).at("code"),
            21421);
  EXPECT_EQ(
      Body(PostForm(Acct() + "/IncomingPhoneNumbers.json", "VoiceUrl=ftp%3A%2F%2Fx")).at("code"),
      21421);
  r = PostForm(Acct() + "/IncomingPhoneNumbers.json", "AreaCode=212");
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(Body(r).at("phone_number").as_string(), "+12125550100");

  r = PostForm(Acct() + "/IncomingPhoneNumbers/" + sid + ".json",
               "VoiceUrl=https%3A%2F%2Fy.example%2Fv&VoiceMethod=get");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r).at("voice_url").as_string(), "https://y.example/v");
  EXPECT_EQ(Body(r).at("voice_method").as_string(), "GET");
  EXPECT_EQ(Body(r).at("status_callback").as_string(), "https://x.example/s");

  r = Get(Acct() + "/IncomingPhoneNumbers.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 2u);
  r = Get(Acct() + "/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100");
  EXPECT_EQ(Body(r).at("incoming_phone_numbers").as_array().size(), 1u);

  r = Delete(Acct() + "/IncomingPhoneNumbers/" + sid + ".json");
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(Delete(Acct() + "/IncomingPhoneNumbers/" + sid + ".json").status, 404);
  EXPECT_EQ(Get(Acct() + "/IncomingPhoneNumbers/" + sid + ".json").status, 404);
}

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

TEST_F(SandboxTest, TranscribesRecordingIntoPagedSentences) {
  std::string re = AddRecording(5, "audio");
  const std::string service = "GAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  auto r = PostForm("/v2/Transcripts", "ServiceSid=" + service +
                                           "&CustomerKey=CA1&Channel=%7B%22media_properties%22%3A%"
                                           "7B%22source_sid%22%3A%22" +
                                           re + "%22%7D%7D");
  ASSERT_EQ(r.status, 202) << r.body;
  auto t = Body(r);
  std::string gt(t.at("sid").as_string());
  EXPECT_EQ(gt.substr(0, 2), "GT");
  EXPECT_EQ(t.at("status").as_string(), "queued");
  EXPECT_EQ(t.at("customer_key").as_string(), "CA1");
  EXPECT_EQ(t.at("channel").at("media_properties").at("source_sid").as_string(), re);
  EXPECT_EQ(t.at("links").at("sentences").as_string(),
            options_.base_url + "/v2/Transcripts/" + gt + "/Sentences");

  // Not ready yet: no sentences.
  r = Get("/v2/Transcripts/" + gt + "/Sentences");
  EXPECT_TRUE(Body(r).at("sentences").as_array().empty());
  std::string status;
  for (int i = 0; i < 50 && status != "completed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = std::string(Body(Get("/v2/Transcripts/" + gt)).at("status").as_string());
    EXPECT_TRUE(status == "queued" || status == "in-progress" || status == "completed") << status;
  }
  ASSERT_EQ(status, "completed");

  // Page through with next_page_url, two at a time.
  std::string target = "/v2/Transcripts/" + gt + "/Sentences?PageSize=2&WordTimestamps=true";
  std::vector<json::object> got;
  int pages = 0;
  while (!target.empty() && pages < 10) {
    ++pages;
    auto page = Body(Get(target));
    for (auto& s : page.at("sentences").as_array()) got.push_back(s.as_object());
    auto& next = page.at("meta").at("next_page_url");
    EXPECT_EQ(page.at("meta").at("key").as_string(), "sentences");
    target = next.is_null() ? "" : std::string(next.as_string()).substr(options_.base_url.size());
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(got.size(), 5u);
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].at("sentence_index").as_int64(), static_cast<std::int64_t>(i));
    EXPECT_EQ(got[i].at("media_channel").as_int64(), 1 + static_cast<int>(i) % 2);
    EXPECT_EQ(got[i].at("transcript").as_string(), "sentence number " + std::to_string(i));
    EXPECT_EQ(std::stod(std::string(got[i].at("start_time").as_string())), i * 2.0);
    EXPECT_EQ(std::stod(std::string(got[i].at("end_time").as_string())), i * 2.0 + 1.5);
    EXPECT_EQ(got[i].at("sid").as_string().size(), 34u);
    EXPECT_EQ(got[i].at("words").as_array().size(), 3u);
  }

  // Errors: missing ServiceSid, unknown recording, unknown transcript.
  EXPECT_EQ(PostForm("/v2/Transcripts", "Channel=%7B%7D").status, 400);
  r = PostForm("/v2/Transcripts", "ServiceSid=" + service +
                                      "&Channel=%7B%22media_properties%22%3A%7B%22source_sid%22%3A%"
                                      "22RE00000000000000000000000000000000%22%7D%7D");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Get("/v2/Transcripts/GT00000000000000000000000000000000").status, 404);

  // One transcript per recording, as Twilio: a second is refused until the first is deleted.
  const std::string create = "ServiceSid=" + service +
                             "&Channel=%7B%22media_properties%22%3A%7B%22source_sid%22%3A%22" + re +
                             "%22%7D%7D";
  r = PostForm("/v2/Transcripts", create);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(Body(r).at("code").as_int64(), 20409);
  auto listed = Body(Get("/v2/Transcripts?SourceSid=" + re)).at("transcripts").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("sid").as_string(), gt);
  EXPECT_TRUE(Body(Get("/v2/Transcripts?SourceSid=RE00000000000000000000000000000000"))
                  .at("transcripts")
                  .as_array()
                  .empty());
  EXPECT_EQ(Delete("/v2/Transcripts/" + gt).status, 204);
  EXPECT_EQ(Get("/v2/Transcripts/" + gt).status, 404);
  EXPECT_EQ(PostForm("/v2/Transcripts", create).status, 202);
}

TEST_F(SandboxTest, TranscriptsCanBeMadeToFail) {
  std::string re = AddRecording(3, "audio");
  options_.failed_transcripts->store(1);
  auto r =
      PostForm("/v2/Transcripts",
               "ServiceSid=GAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&Channel=%7B%22media_properties%22%"
               "3A%7B%22source_sid%22%3A%22" +
                   re + "%22%7D%7D");
  ASSERT_EQ(r.status, 202) << r.body;
  const std::string gt(Body(r).at("sid").as_string());
  std::string status;
  for (int i = 0; i < 100 && status != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = std::string(Body(Get("/v2/Transcripts/" + gt)).at("status").as_string());
  }
  EXPECT_EQ(status, "failed");
  EXPECT_EQ(options_.failed_transcripts->load(), 0);
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

TEST_F(SandboxTest, StatePersistsAcrossRestarts) {
  auto r = PostForm(Acct() + "/IncomingPhoneNumbers.json", "AreaCode=617");
  ASSERT_EQ(r.status, 201);
  std::string pn(Body(r).at("sid").as_string());
  std::string re = AddRecording(2, "persisted audio");
  Stop();
  Start();
  r = Get(Acct() + "/IncomingPhoneNumbers/" + pn + ".json");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r).at("phone_number").as_string(), "+16175550100");
  EXPECT_EQ(Get(Acct() + "/Recordings/" + re + ".wav").body, "persisted audio");
}

TEST(SandboxCredentials, DefaultsAreWrittenThenReadBack) {
  auto dir = std::filesystem::temp_directory_path() /
             ("converza_sandbox_creds_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto c = LoadOrCreateCredentials(dir.string());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->account_sid, kDefaultAccountSid);
  EXPECT_TRUE(std::filesystem::exists(dir / "credentials.json"));
  {
    std::ofstream(dir / "credentials.json")
        << R"({"account_sid":"AC11111111111111111111111111111111","auth_token":"t"})";
  }
  c = LoadOrCreateCredentials(dir.string());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->account_sid, "AC11111111111111111111111111111111");
  EXPECT_EQ(c->auth_token, "t");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace converza::twilio::sandbox
