// The Twilio REST client against the Twilio sandbox (in-process, loopback), and its retry policy
// against a server that fails on purpose.
#include "twilio/rest_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <optional>
#include <thread>

#include "common/base64.h"
#include "http/run_sync.h"
#include "local_server.h"
#include "twilio/sandbox/routes.h"
#include "twilio/sandbox/store.h"

namespace converza::twilio {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;

class RestClientSandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("rest-sandbox-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    auto store = sandbox::Store::Open(dir_.string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(store.value());
    // Routes first: the server reads the router from its first request on.
    options_.transcript_delay_ms = 50;
    sandbox::AddSandboxRoutes(router_, *store_, options_);
    server_ = std::make_unique<testing::LocalServer>(router_);
    base_ = server_->base_url();
    options_.base_url = base_;  // the routes keep a reference to options_
    client_ = std::make_unique<RestClient>(
        base_, base_,
        Credentials{options_.credentials.account_sid, options_.credentials.auth_token, "", ""});
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<sandbox::Store> store_;
  sandbox::SandboxOptions options_;
  http::Router router_;
  std::unique_ptr<testing::LocalServer> server_;
  std::string base_;
  std::unique_ptr<RestClient> client_;
};

TEST_F(RestClientSandboxTest, SearchBuyUpdateAndReleaseANumber) {
  auto found = http::RunSync(client_->SearchLocalNumbers("415", 5));
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().phone_number.rfind("+1415", 0), 0u);

  auto bought = http::RunSync(client_->BuyNumber(found->front().phone_number,
                                                 "https://x.test/voice", "https://x.test/status"));
  ASSERT_TRUE(bought.ok()) << bought.status().message();
  EXPECT_EQ(bought->sid.rfind("PN", 0), 0u);
  EXPECT_EQ(bought->phone_number, found->front().phone_number);

  EXPECT_TRUE(http::RunSync(client_->UpdateNumberWebhooks(bought->sid, "https://y.test/voice",
                                                          "https://y.test/status"))
                  .ok());
  EXPECT_TRUE(http::RunSync(client_->ReleaseNumber(bought->sid)).ok());
  auto again = http::RunSync(client_->ReleaseNumber(bought->sid));
  EXPECT_EQ(again.code(), Status::Code::kNotFound);
  EXPECT_EQ(again.message().rfind("Twilio 20404:", 0), 0u) << again.message();
}

// Twilio's advice for production: an API key (SK…) and its secret as the Basic credentials,
// the account SID still in the path. A wrong secret is Twilio's 401, code 20003.
TEST_F(RestClientSandboxTest, AnApiKeyAuthenticatesInPlaceOfTheAuthToken) {
  Credentials with_key{options_.credentials.account_sid, "not-the-auth-token",
                       options_.credentials.api_key, options_.credentials.api_secret};
  RestClient keyed(base_, base_, with_key);
  auto found = http::RunSync(keyed.SearchLocalNumbers("415", 2));
  ASSERT_TRUE(found.ok()) << found.status().message();
  auto bought = http::RunSync(keyed.BuyNumber(found->front().phone_number, "https://x.test/voice",
                                              "https://x.test/status"));
  ASSERT_TRUE(bought.ok()) << bought.status().message();
  EXPECT_TRUE(http::RunSync(keyed.ReleaseNumber(bought->sid)).ok());

  with_key.api_secret = "wrong";
  RestClient wrong(base_, base_, with_key);
  auto refused = http::RunSync(wrong.SearchLocalNumbers("415", 2));
  EXPECT_EQ(refused.status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(refused.status().message().rfind("Twilio 20003:", 0), 0u) << refused.status().message();
  // A key is not an account: it cannot stand in the path for one.
  Credentials key_as_account{options_.credentials.api_key, options_.credentials.api_secret,
                             options_.credentials.api_key, options_.credentials.api_secret};
  RestClient confused(base_, base_, key_as_account);
  EXPECT_EQ(http::RunSync(confused.SearchLocalNumbers("415", 2)).status().code(),
            Status::Code::kNotFound);
}

// The sandbox commits the purchase and then answers 504, as when Twilio's answer is lost: the
// client must not buy again, and learns from the account's numbers that it owns the number.
TEST_F(RestClientSandboxTest, APurchaseWhoseAnswerIsLostIsReconciledNotRepeated) {
  auto found = http::RunSync(client_->SearchLocalNumbers("415", 2));
  ASSERT_TRUE(found.ok() && found->size() == 2) << found.status().message();
  options_.lost_purchase_responses->store(1);
  auto bought = http::RunSync(client_->BuyNumber(found->at(0).phone_number, "https://x.test/voice",
                                                 "https://x.test/status"));
  ASSERT_TRUE(bought.ok()) << bought.status().message();
  EXPECT_EQ(bought->phone_number, found->at(0).phone_number);
  EXPECT_EQ(bought->sid.rfind("PN", 0), 0u);
  auto owned = store_->ListNumbers(options_.credentials.account_sid);
  ASSERT_EQ(owned.size(), 1u) << "bought once, not twice, and not orphaned";
  EXPECT_EQ(owned[0].sid, bought->sid);
  EXPECT_EQ(owned[0].voice_url, "https://x.test/voice");
  // The list filter finds exactly that number, and nothing for a number the account lacks.
  auto again = http::RunSync(client_->FindIncomingNumber(found->at(0).phone_number));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->sid, bought->sid);
  EXPECT_EQ(http::RunSync(client_->FindIncomingNumber(found->at(1).phone_number)).status().code(),
            Status::Code::kNotFound);
}

TEST_F(RestClientSandboxTest, TwilioErrorsBecomeTypedStatuses) {
  auto bad = http::RunSync(client_->SearchLocalNumbers("12", 5));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(bad.status().message().rfind("Twilio ", 0), 0u);

  RestClient wrong(base_, base_, {options_.credentials.account_sid, "not-the-token", "", ""});
  auto denied = http::RunSync(wrong.SearchLocalNumbers("415", 5));
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), Status::Code::kPermissionDenied);
}

TEST_F(RestClientSandboxTest, RecordingMediaAndIntelligenceTranscript) {
  // Register a recording the way the simulator does.
  std::string audio = "RIFF" + std::string(400, 'x');
  json::array sentences;
  for (int i = 0; i < 7; ++i) {
    sentences.push_back(json::object{{"channel", 1 + i % 2},
                                     {"start", i * 2.0},
                                     {"end", i * 2.0 + 1.5},
                                     {"text", "sentence " + std::to_string(i)},
                                     {"confidence", 0.9}});
  }
  std::string enc = Base64Encode(audio);
  http::ClientRequest add;
  add.method = "POST";
  add.url = base_ + "/sandbox/v1/Recordings";
  add.headers = {{"Authorization", http::BasicAuth(options_.credentials.account_sid,
                                                   options_.credentials.auth_token)},
                 {"Content-Type", "application/json"}};
  add.body = json::serialize(json::object{{"call_sid", "CA00000000000000000000000000000077"},
                                          {"duration", 14},
                                          {"audio_kind", "tone"},
                                          {"sentences", sentences},
                                          {"audio_base64", enc}});
  auto added = http::Fetch(add);
  ASSERT_TRUE(added.ok());
  ASSERT_EQ(added->status, 201) << added->body;
  std::string re(json::parse(added->body).at("sid").as_string());

  auto whole = http::RunSync(client_->FetchRecording(re, "wav", ""));
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_EQ(whole->status, 200);
  EXPECT_EQ(whole->body, audio);
  auto part = http::RunSync(client_->FetchRecording(re, "wav", "bytes=0-99"));
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body.size(), 100u);
  EXPECT_EQ(part->header("content-range"), "bytes 0-99/" + std::to_string(audio.size()));

  auto created =
      http::RunSync(client_->CreateTranscript(sandbox::kDefaultServiceSid, re, "call-77"));
  ASSERT_TRUE(created.ok()) << created.status().message();
  EXPECT_EQ(created->sid.rfind("GT", 0), 0u);
  std::string status = created->status;
  for (int i = 0; i < 100 && status != "completed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto fetched = http::RunSync(client_->FetchTranscript(created->sid));
    ASSERT_TRUE(fetched.ok());
    status = fetched->status;
  }
  ASSERT_EQ(status, "completed");
  auto got = http::RunSync(client_->FetchSentences(created->sid));
  ASSERT_TRUE(got.ok()) << got.status().message();
  ASSERT_EQ(got->size(), 7u);
  EXPECT_EQ((*got)[0].channel, 1);
  EXPECT_EQ((*got)[1].channel, 2);
  EXPECT_DOUBLE_EQ((*got)[3].start_s, 6.0);
  EXPECT_EQ((*got)[6].text, "sentence 6");
}

TEST(RestClientRetryTest, RetriesServerErrorsThenSucceedsAndGivesUpAfterThree) {
  std::atomic<int> calls{0};
  std::atomic<int> fail_first{2};
  http::Router router;
  router.Get("/2010-04-01/Accounts/AC1/AvailablePhoneNumbers/US/Local.json", [&](http::Request&) {
    if (calls++ < fail_first) {
      auto r = http::Response::Json(
          503, R"({"code":20503,"message":"Service unavailable","more_info":"","status":503})");
      r.set_header("Retry-After", "0");
      return r;
    }
    return http::Response::Json(
        200,
        R"({"available_phone_numbers":[{"phone_number":"+14155550000","friendly_name":"x"}]})");
  });
  testing::LocalServer server(router);
  RestClient client(server.base_url(), server.base_url(), {"AC1", "token", "", ""});

  auto ok = http::RunSync(client.SearchLocalNumbers("415"));
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(calls, 3);  // two 503s, then success

  calls = 0;
  fail_first = 100;
  auto down = http::RunSync(client.SearchLocalNumbers("415"));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code(), Status::Code::kUnavailable);  // the job may retry later
  EXPECT_EQ(calls, 3);
}

// A 5xx after the purchase POST is an unknown outcome: one POST, then the account is asked.
// A 429 is Twilio refusing before acting: that one is sent again.
TEST(RestClientPurchaseTest, APurchaseIsSentOnceUnlessTwilioRefusedItBeforeActing) {
  std::atomic<int> posts{0}, lists{0}, throttle{0};
  std::atomic<bool> owned{false};
  http::Router router;
  router.Post("/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json", [&](http::Request&) {
    ++posts;
    if (throttle > 0) {
      --throttle;
      return http::Response::Json(429, R"({"code":20429,"message":"Too Many Requests"})");
    }
    if (throttle == 0 && owned) {
      return http::Response::Json(201, R"({"sid":"PN1","phone_number":"+14155550000"})");
    }
    return http::Response::Json(500, R"({"code":20500,"message":"Internal Server Error"})");
  });
  router.Get("/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json", [&](http::Request& req) {
    ++lists;
    EXPECT_EQ(req.query_param("PhoneNumber"), "+14155550000");
    return http::Response::Json(200, R"({"incoming_phone_numbers":[]})");
  });
  testing::LocalServer server(router);
  RestClient client(server.base_url(), server.base_url(), {"AC1", "token", "", ""});

  auto failed = http::RunSync(client.BuyNumber("+14155550000", "https://v", "https://s"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(failed.status().message().find("nothing was bought"), std::string::npos);
  EXPECT_EQ(posts, 1);
  EXPECT_EQ(lists, 1);

  posts = 0;
  throttle = 1;
  owned = true;
  auto bought = http::RunSync(client.BuyNumber("+14155550000", "https://v", "https://s"));
  ASSERT_TRUE(bought.ok()) << bought.status().message();
  EXPECT_EQ(bought->sid, "PN1");
  EXPECT_EQ(posts, 2);
  EXPECT_EQ(lists, 1);
}

// Paging sends our credentials with every page, so a next_page_url on another host (a
// compromised or spoofed response) is refused, never fetched.
TEST(RestClientPagingTest, NextPageUrlOnAnotherHostIsNotFollowed) {
  std::atomic<int> elsewhere{0};
  http::Router other;
  other.Get("/v2/Transcripts/GT1/Sentences", [&](http::Request&) {
    ++elsewhere;
    return http::Response::Json(200, R"({"sentences":[],"meta":{"next_page_url":null}})");
  });
  testing::LocalServer attacker(other);
  http::Router router;
  router.Get("/v2/Transcripts/GT1/Sentences", [&](http::Request&) {
    return http::Response::Json(
        200, R"({"sentences":[{"media_channel":1,"start_time":0,"end_time":1,"transcript":"Hi",)"
             R"("confidence":0.9}],"meta":{"next_page_url":")" +
                 attacker.base_url() + R"(/v2/Transcripts/GT1/Sentences?Page=1"}})");
  });
  testing::LocalServer server(router);
  RestClient client(server.base_url(), server.base_url(), {"AC1", "token", "", ""});
  auto got = http::RunSync(client.FetchSentences("GT1"));
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("not followed"), std::string::npos);
  EXPECT_EQ(elsewhere, 0);
}

}  // namespace
}  // namespace converza::twilio
