// Test fixture for the sandbox's REST API: a sandbox on a store of its own in a temporary
// directory, served in-process on loopback and reached with the raw test client, so tests see
// exactly Twilio's shapes on the wire. Stop() and Start() restart it on the same store.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "common/base64.h"
#include "http/form.h"
#include "http/server.h"
#include "http_client.h"
#include "twilio/sandbox/routes.h"

namespace converza::twilio::sandbox {

inline std::string B64(std::string_view s) { return Base64Encode(s); }

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
  testing::HttpReply Get(const std::string& target, const std::string& extra = "") {
    return converza::testing::Get(port_, target, Auth() + extra);
  }
  testing::HttpReply PostForm(const std::string& target, const http::Form& form) {
    return converza::testing::Post(port_, target, http::FormEncode(form),
                                   "application/x-www-form-urlencoded", Auth());
  }
  testing::HttpReply Delete(const std::string& target) {
    return converza::testing::SendRaw(
        port_, "DELETE " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                   Auth() + "\r\n");
  }
  static boost::json::object Body(const testing::HttpReply& r) {
    return boost::json::parse(r.body).as_object();
  }

  // Registers a recording the way the simulator does.
  std::string AddRecording(int sentences, const std::string& audio) {
    boost::json::array s;
    for (int i = 0; i < sentences; ++i) {
      s.push_back(boost::json::object{{"channel", 1 + i % 2},
                                      {"start", i * 2.0},
                                      {"end", i * 2.0 + 1.5},
                                      {"text", "sentence number " + std::to_string(i)},
                                      {"confidence", 0.93}});
    }
    boost::json::object body{{"call_sid", "CA0123456789abcdef0123456789abcdef"},
                             {"duration", sentences * 2},
                             {"audio_kind", "tone"},
                             {"sentences", s},
                             {"audio_base64", B64(audio)}};
    auto r = converza::testing::Post(port_, "/sandbox/v1/Recordings", boost::json::serialize(body),
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

}  // namespace converza::twilio::sandbox
