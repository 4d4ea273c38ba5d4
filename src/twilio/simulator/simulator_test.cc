// End-to-end simulator run against an in-process sandbox and a stand-in webhook server that
// validates every X-Twilio-Signature over PUBLIC_URL + path and query, as the real handlers do.
#include "twilio/simulator/simulator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "http/client.h"
#include "http/form.h"
#include "http/server.h"
#include "twilio/sandbox/routes.h"
#include "twilio/signature.h"
#include "twilio/twiml.h"

namespace converza::twilio::simulator {
namespace {

namespace json = boost::json;

// A loopback port nobody listens on (bound, then released).
int ClosedPort() {
  http::Router router;
  http::Metrics metrics;
  http::ServerOptions so;
  so.port = 0;
  http::Server s(so, router, metrics);
  EXPECT_TRUE(s.Listen().ok());
  return s.port();
}

struct Received {
  std::string path, target;
  std::map<std::string, std::string> form;
  bool signature_ok = false;
  std::string idempotency_token;
};

class TwilioSimulatorRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("converza_sim_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    store_ = std::move(sandbox::Store::Open(dir_.string()).value());
    sandbox_options_.transcript_delay_ms = 0;
    sandbox::AddSandboxRoutes(sandbox_router_, *store_, sandbox_options_);
    http::ServerOptions so;
    so.port = 0;
    so.access_log = false;
    so.body_limit = 64 << 20;
    sandbox_ = std::make_unique<http::Server>(so, sandbox_router_, metrics_);
    ASSERT_TRUE(sandbox_->Listen().ok());
    sandbox_options_.base_url = "http://127.0.0.1:" + std::to_string(sandbox_->port());
    sandbox_thread_ = std::thread([this] { sandbox_->Run(); });

    for (const char* path : {"/webhooks/twilio/voice", "/webhooks/twilio/agent-answered",
                             "/webhooks/twilio/call-status", "/webhooks/twilio/recording"}) {
      hooks_router_.Post(path, [this, path](http::Request& req) {
        http::Form form;
        http::ParseForm(req.body, &form);
        Received r{path,
                   std::string(req.target),
                   {form.begin(), form.end()},
                   false,
                   std::string(req.header("i-twilio-idempotency-token"))};
        r.signature_ok = ValidateSignature(sandbox_options_.credentials.auth_token,
                                           kPublicUrl + std::string(req.target),
                                           req.header("x-twilio-signature"), form);
        std::lock_guard lock(mu_);
        received_.push_back(r);
        if (std::string(path) == "/webhooks/twilio/voice") {
          return http::Response::Text(200, voice_twiml_, "application/xml");
        }
        if (fail_recordings_ && std::string(path) == "/webhooks/twilio/recording") {
          return http::Response::Text(403, "forbidden");
        }
        if (unavailable_ > 0 && std::string(path) == "/webhooks/twilio/recording") {
          --unavailable_;
          return http::Response::Text(503, "unavailable");
        }
        return http::Response::Text(200, "<Response/>", "application/xml");
      });
    }
    hooks_ = std::make_unique<http::Server>(so, hooks_router_, metrics_);
    ASSERT_TRUE(hooks_->Listen().ok());
    hooks_thread_ = std::thread([this] { hooks_->Run(); });
  }
  void TearDown() override {
    hooks_->Shutdown();
    hooks_thread_.join();
    sandbox_->Shutdown();
    sandbox_thread_.join();
    std::filesystem::remove_all(dir_);
  }

  SimulateOptions Options(int calls) {
    SimulateOptions o;
    o.calls = calls;
    o.tenant_number = "+14155550100";
    o.server_url = "http://127.0.0.1:" + std::to_string(hooks_->port());
    o.public_url = kPublicUrl;
    o.sandbox_url = sandbox_options_.base_url;
    o.account_sid = sandbox_options_.credentials.account_sid;
    o.auth_token = sandbox_options_.credentials.auth_token;
    o.seed = 11;
    o.audio = AudioMode::kTone;
    return o;
  }

  static constexpr const char* kPublicUrl = "https://converza.example";
  std::filesystem::path dir_;
  sandbox::SandboxOptions sandbox_options_;
  std::unique_ptr<sandbox::Store> store_;
  http::Router sandbox_router_, hooks_router_;
  http::Metrics metrics_;
  std::unique_ptr<http::Server> sandbox_, hooks_;
  std::thread sandbox_thread_, hooks_thread_;
  std::mutex mu_;
  std::vector<Received> received_;
  std::string voice_twiml_ = "<Response/>";  // what the voice webhook answers
  bool fail_recordings_ = false;
  int unavailable_ = 0;  // answer this many recording webhooks 503
};

TEST_F(TwilioSimulatorRunTest, SendsSignedWebhooksInTwilioOrderAndStoresRecordings) {
  auto sum = RunSimulation(Options(3), nullptr);
  EXPECT_EQ(sum.calls, 3);
  EXPECT_EQ(sum.webhooks_sent, 9);
  EXPECT_EQ(sum.webhooks_acked, 9);
  EXPECT_EQ(sum.webhooks_failed, 0);
  EXPECT_EQ(sum.recordings_stored, 3);
  EXPECT_EQ(sum.audio_kinds["tone"], 3);
  ASSERT_EQ(received_.size(), 9u);
  for (int c = 0; c < 3; ++c) {
    const auto& voice = received_[3 * c];
    const auto& status = received_[3 * c + 1];
    const auto& rec = received_[3 * c + 2];
    EXPECT_EQ(voice.path, "/webhooks/twilio/voice");
    EXPECT_EQ(status.path, "/webhooks/twilio/call-status");
    EXPECT_EQ(rec.path, "/webhooks/twilio/recording");
    for (const auto* r : {&voice, &status, &rec}) {
      EXPECT_TRUE(r->signature_ok) << r->path;
      EXPECT_EQ(r->form.at("AccountSid"), sandbox_options_.credentials.account_sid);
      EXPECT_EQ(r->form.at("CallSid"), voice.form.at("CallSid"));
    }
    EXPECT_EQ(voice.form.at("CallStatus"), "ringing");
    EXPECT_EQ(voice.form.at("Direction"), "inbound");
    EXPECT_EQ(voice.form.at("To"), "+14155550100");
    EXPECT_EQ(status.form.at("CallStatus"), "completed");
    EXPECT_EQ(status.form.at("CallDuration"), rec.form.at("RecordingDuration"));
    EXPECT_EQ(rec.form.at("RecordingStatus"), "completed");
    EXPECT_EQ(rec.form.at("RecordingChannels"), "2");
    EXPECT_EQ(rec.form.at("RecordingSource"), "DialVerb");
    EXPECT_EQ(rec.form.at("ErrorCode"), "0");
    EXPECT_EQ(rec.form.at("RecordingSid").substr(0, 2), "RE");

    // The recording is where RecordingUrl says, with Basic auth, and transcribable.
    http::ClientRequest get;
    get.url = rec.form.at("RecordingUrl") + ".wav";
    get.headers = {{"Authorization", http::BasicAuth(sandbox_options_.credentials.account_sid,
                                                     sandbox_options_.credentials.auth_token)}};
    auto audio = http::Fetch(get);
    ASSERT_TRUE(audio.ok());
    EXPECT_EQ(audio->status, 200);
    EXPECT_EQ(audio->body.substr(0, 4), "RIFF");
    auto stored = store_->GetRecording(rec.form.at("RecordingSid"));
    ASSERT_TRUE(stored.has_value());
    EXPECT_FALSE(stored->sentences.empty());
    EXPECT_EQ(stored->sentences.front().channel, 2);  // the agent (dialled leg) answers
  }
  // Same seed, same calls: a second run re-sends the same SIDs (idempotency on the server).
  std::string first_call = received_[0].form.at("CallSid");
  RunSimulation(Options(1), nullptr);
  EXPECT_EQ(received_.back().form.at("CallSid"), first_call);
}

TEST_F(TwilioSimulatorRunTest, CountsFailuresByWebhookAndStatus) {
  fail_recordings_ = true;
  auto o = Options(2);
  auto sum = RunSimulation(o, nullptr);
  EXPECT_EQ(sum.webhooks_acked, 4);
  EXPECT_EQ(sum.webhooks_failed, 2);
  EXPECT_EQ(sum.failures["recording 403"], 2);

  o.auth_token = "wrong";  // the sandbox refuses the recording; no recording callback is sent
  sum = RunSimulation(o, nullptr);
  EXPECT_EQ(sum.recordings_stored, 0);
  EXPECT_EQ(sum.failures["sandbox 401"], 2);
}

TEST_F(TwilioSimulatorRunTest, RetriesUnackedWebhooksWithTheSameTokenAndReportsAcks) {
  unavailable_ = 3;
  auto o = Options(2);
  o.retries = 1;
  o.concurrency = 2;
  o.out_jsonl = (dir_ / "calls.jsonl").string();
  auto sum = RunSimulation(o, nullptr);
  // Two recording webhooks x (503, then 503 or 200): one gets through on its retry, the other
  // runs out of tries. A 403 would not be retried (see CountsFailuresByWebhookAndStatus).
  EXPECT_EQ(sum.webhooks_sent, 6 + 2);
  EXPECT_EQ(sum.webhooks_retried, 2);
  EXPECT_EQ(sum.webhooks_unavailable, 3);
  EXPECT_EQ(sum.webhooks_acked, 5);
  EXPECT_EQ(sum.webhooks_failed, 1);
  std::map<std::string, std::set<std::string>> tokens;  // call -> recording tokens seen
  for (const auto& r : received_) {
    if (r.path == "/webhooks/twilio/recording") {
      tokens[r.form.at("CallSid")].insert(r.idempotency_token);
    }
  }
  ASSERT_EQ(tokens.size(), 2u);
  for (const auto& [call, seen] : tokens) EXPECT_EQ(seen.size(), 1u) << call;

  std::ifstream in(o.out_jsonl);
  int lines = 0, recordings_acked = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    auto v = json::parse(line).as_object();
    EXPECT_TRUE(v.at("acked").at("voice").as_bool());
    EXPECT_TRUE(v.at("acked").at("call-status").as_bool());
    recordings_acked += v.at("acked").at("recording").as_bool();
    EXPECT_EQ(v.at("tries").as_int64(), 4);
  }
  EXPECT_EQ(lines, 2);
  EXPECT_EQ(recordings_acked, 1);
}

TEST_F(TwilioSimulatorRunTest, SpreadsCallsOverServersAndRetriesOnTheNext) {
  auto o = Options(4);
  o.retries = 2;
  // The first server refuses connections: every call ends up acked by the second one.
  o.server_url = "http://127.0.0.1:" + std::to_string(ClosedPort()) + "," + o.server_url;
  auto sum = RunSimulation(o, nullptr);
  EXPECT_EQ(sum.webhooks_acked, 12);
  EXPECT_EQ(sum.webhooks_failed, 0);
  EXPECT_EQ(sum.webhooks_retried, 6);  // calls 0 and 2 started on the closed server
  EXPECT_EQ(sum.failures["voice transport"], 2);
  EXPECT_EQ(received_.size(), 12u);
}

TEST_F(TwilioSimulatorRunTest, ReportsWhoAnsweredARingAllCallBeforeTheCallEnds) {
  const std::string answered_url =
      std::string(kPublicUrl) + "/webhooks/twilio/agent-answered?t=T1&x=%22y%22";
  voice_twiml_ =
      DialAgents({"+14155550101", "+14155550102", "+14155550103"},
                 std::string(kPublicUrl) + "/webhooks/twilio/recording?t=T1", answered_url);
  auto o = Options(6);
  o.out_jsonl = (dir_ / "calls.jsonl").string();
  auto sum = RunSimulation(o, nullptr);
  EXPECT_EQ(sum.webhooks_acked, 24);
  EXPECT_EQ(sum.webhooks_failed, 0);
  ASSERT_EQ(received_.size(), 24u);
  std::set<std::string> agents, children;
  for (int c = 0; c < 6; ++c) {
    const auto& voice = received_[4 * c];
    const auto& answered = received_[4 * c + 1];
    EXPECT_EQ(voice.path, "/webhooks/twilio/voice");
    EXPECT_EQ(answered.path, "/webhooks/twilio/agent-answered");
    EXPECT_EQ(received_[4 * c + 2].path, "/webhooks/twilio/call-status");
    EXPECT_EQ(received_[4 * c + 3].path, "/webhooks/twilio/recording");
    // Posted where the TwiML said, signed over that URL with its query.
    EXPECT_EQ(kPublicUrl + answered.target, answered_url);
    EXPECT_TRUE(answered.signature_ok);
    EXPECT_EQ(answered.form.at("ParentCallSid"), voice.form.at("CallSid"));
    EXPECT_NE(answered.form.at("CallSid"), voice.form.at("CallSid"));
    EXPECT_EQ(answered.form.at("CallSid").substr(0, 2), "CA");
    EXPECT_EQ(answered.form.at("CallStatus"), "in-progress");
    EXPECT_EQ(answered.form.at("Direction"), "outbound-dial");
    EXPECT_EQ(answered.form.at("AccountSid"), sandbox_options_.credentials.account_sid);
    EXPECT_EQ(answered.form.at("From"), voice.form.at("From"));
    agents.insert(answered.form.at("To"));
    children.insert(answered.form.at("CallSid"));
  }
  EXPECT_GT(agents.size(), 1u) << "the seed picks who answers";
  EXPECT_EQ(children.size(), 6u);
  for (const auto& a : agents) EXPECT_TRUE(a >= "+14155550101" && a <= "+14155550103") << a;

  std::ifstream in(o.out_jsonl);
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    auto v = json::parse(line).as_object();
    EXPECT_TRUE(v.at("acked").at("agent-answered").as_bool());
    EXPECT_EQ(v.at("answered_by").as_string(), received_[4 * lines + 1].form.at("To"));
  }
  EXPECT_EQ(lines, 6);
}

// With a story, the agent who introduces themselves is the one whose phone answered, i.e. the
// agent the server attributes the call to; every call is the story's business.
TEST_F(TwilioSimulatorRunTest, TheAgentWhoAnswersIsTheAgentWhoSpeaks) {
  voice_twiml_ = DialAgents({"+14155550101", "+14155550102", "+14155550103"},
                            std::string(kPublicUrl) + "/webhooks/twilio/recording?t=T1",
                            std::string(kPublicUrl) + "/webhooks/twilio/agent-answered?t=T1");
  auto o = Options(24);
  o.audio = AudioMode::kNone;
  o.days = 30;
  o.story = DemoStory();
  o.out_jsonl = (dir_ / "calls.jsonl").string();
  auto sum = RunSimulation(o, nullptr);
  EXPECT_EQ(sum.webhooks_failed, 0);
  std::map<std::string, std::string> first_name;
  for (const auto& a : o.story.agents) first_name[a.phone] = a.name.substr(0, a.name.find(' '));

  std::ifstream in(o.out_jsonl);
  int lines = 0, greeted = 0;
  std::set<std::string> speakers;
  for (std::string line; std::getline(in, line); ++lines) {
    auto v = json::parse(line).as_object();
    const std::string answered(v.at("answered_by").as_string());
    ASSERT_TRUE(first_name.count(answered)) << answered;
    // The answered callback named that phone...
    EXPECT_EQ(received_[4 * lines + 1].path, "/webhooks/twilio/agent-answered");
    EXPECT_EQ(received_[4 * lines + 1].form.at("To"), answered);
    // ...and that agent is the one speaking.
    EXPECT_EQ(v.at("agent").as_string(), first_name[answered]);
    EXPECT_EQ(v.at("industry").as_string(), "home_services");
    const std::string hello(v.at("turns").as_array().at(0).at("text").as_string());
    if (hello.find("this is ") != std::string::npos) {
      ++greeted;
      EXPECT_NE(hello.find("calling Acme Home Services, this is " + first_name[answered] + "."),
                std::string::npos)
          << hello;
    }
    speakers.insert(first_name[answered]);
  }
  EXPECT_EQ(lines, 24);
  EXPECT_GT(greeted, 12);
  EXPECT_EQ(speakers.size(), 3u);
}

TEST_F(TwilioSimulatorRunTest, NoAnsweredCallbackUnlessTheTwimlAsksForIt) {
  voice_twiml_ = DialAgents({"+14155550101"}, std::string(kPublicUrl) + "/r", "");
  auto sum = RunSimulation(Options(2), nullptr);
  EXPECT_EQ(sum.webhooks_acked, 6);
  // A callback the simulator cannot reach is reported, not posted somewhere else.
  voice_twiml_ = DialAgents({"+14155550101"}, "https://elsewhere.example/r",
                            "https://elsewhere.example/webhooks/twilio/agent-answered");
  sum = RunSimulation(Options(2), nullptr);
  EXPECT_EQ(sum.webhooks_acked, 6);
  EXPECT_EQ(sum.failures["agent-answered callback outside the public URL"], 2);
  for (const auto& r : received_) EXPECT_NE(r.path, "/webhooks/twilio/agent-answered");
}

TEST(TwilioSimulatorForms, AnsweredCallbackIsTheChildLeg) {
  CallFacts c{"AC1",      "CA1", "RE1", "+14155550123", "+14155550100", "http://s/Recordings/RE1",
              1721680521, 42};
  auto f = AgentAnsweredForm(c, "CA2", "+14155550101");
  std::map<std::string, std::string> m(f.begin(), f.end());
  EXPECT_EQ(m.at("CallSid"), "CA2");
  EXPECT_EQ(m.at("ParentCallSid"), "CA1");
  EXPECT_EQ(m.at("To"), "+14155550101");
  EXPECT_EQ(m.at("Called"), "+14155550101");
  EXPECT_EQ(m.at("From"), "+14155550123");
  EXPECT_EQ(m.at("CallStatus"), "in-progress");
  EXPECT_EQ(m.at("Timestamp"), "Mon, 22 Jul 2024 20:35:21 +0000");
}

TEST(TwilioSimulatorForms, RecordingCallbackHasTwilioFields) {
  CallFacts c{"AC1",      "CA1", "RE1", "+14155550123", "+14155550100", "http://s/Recordings/RE1",
              1721680521, 42};
  auto f = RecordingStatusForm(c);
  std::vector<std::string> names;
  for (const auto& [k, v] : f) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"AccountSid", "CallSid", "RecordingSid",
                                             "RecordingUrl", "RecordingStatus", "RecordingDuration",
                                             "RecordingChannels", "RecordingSource",
                                             "RecordingStartTime", "RecordingTrack", "ErrorCode"}));
  EXPECT_EQ(f[8].second, "Mon, 22 Jul 2024 20:35:21 +0000");
}

}  // namespace
}  // namespace converza::twilio::simulator
