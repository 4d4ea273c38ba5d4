// The Twilio webhooks through the real `converza serve` and a real database: signatures,
// routing TwiML, idempotent durable enqueue, and nothing written for rejected requests.
#include <gtest/gtest.h>
#include <signal.h>

#include "common/subprocess.h"
#include "db/connection.h"
#include "http/client.h"
#include "http/message.h"
#include "http_client.h"
#include "test_cluster.h"
#include "twilio/signature.h"

namespace converza::webhooks {
namespace {

using Form = std::vector<std::pair<std::string, std::string>>;
constexpr const char* kAccount = "AC00000000000000000000000000000001";
constexpr const char* kToken = "test-auth-token-0001";
constexpr const char* kTenant = "aaaaaaaa-0000-0000-0000-000000000001";

class TwilioWebhooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestDatabase>();
    sql_ = std::make_unique<db::Connection>(db_->conninfo());
    sql_->exec_script(R"sql(
      insert into tenants (id, name, slug) values ('aaaaaaaa-0000-0000-0000-000000000001', 'Acme', 'acme');
      insert into agents (tenant_id, id, name, phone) values
        ('aaaaaaaa-0000-0000-0000-000000000001', 'cccccccc-0000-0000-0000-000000000001', 'Ann', '+14155550001');
      insert into phone_numbers (tenant_id, e164, twilio_sid) values
        ('aaaaaaaa-0000-0000-0000-000000000001', '+14155550100', 'PN0001');
      insert into twilio_accounts (account_sid, auth_token) values
        ('AC00000000000000000000000000000001', 'test-auth-token-0001');
    )sql");
    port_ = testing::FreePort();
    StartServer();
  }

  void StartServer() {
    server_ = std::make_unique<testing::ConverzaProcess>(
        "serve", std::map<std::string, std::string>{{"PORT", std::to_string(port_)},
                                                    {"DATABASE_URL", db_->conninfo()},
                                                    {"LOG_LEVEL", "warn"}});
    ASSERT_TRUE(server_->StartServer(port_)) << server_->log();
  }

  std::string Url(const std::string& target) {
    return "http://127.0.0.1:" + std::to_string(port_) + target;
  }

  // Posts like Twilio: form body signed over PUBLIC_URL + path (+ query).
  http::ClientResponse PostSigned(const std::string& target, const Form& form,
                                  const std::string& token = kToken) {
    http::ClientRequest req;
    req.method = "POST";
    req.url = Url(target);
    req.body = http::FormEncode(form);
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                   {"X-Twilio-Signature", twilio::ComputeSignature(token, req.url, form)}};
    auto r = http::Fetch(req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : http::ClientResponse{};
  }

  Form RecordingForm(const std::string& call, const std::string& rec,
                     const std::string& status = "completed") {
    return {{"AccountSid", kAccount},
            {"CallSid", call},
            {"RecordingSid", rec},
            {"RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + std::string(kAccount) +
                                 "/Recordings/" + rec},
            {"RecordingStatus", status},
            {"RecordingDuration", "42"},
            {"RecordingChannels", "2"},
            {"RecordingSource", "DialVerb"},
            {"ErrorCode", "0"}};
  }

  long long Count(const std::string& sql) { return sql_->exec(sql).get_int(0, 0); }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<db::Connection> sql_;
  std::unique_ptr<testing::ConverzaProcess> server_;
  int port_ = 0;
};

TEST_F(TwilioWebhooksTest, VoiceDialsTheTenantsAgentWithDualChannelRecording) {
  auto r = PostSigned("/webhooks/twilio/voice", {{"AccountSid", kAccount},
                                                 {"CallSid", "CA1"},
                                                 {"From", "+12125550199"},
                                                 {"To", "+14155550100"},
                                                 {"Direction", "inbound"},
                                                 {"CallStatus", "ringing"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("record=\"record-from-answer-dual\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<Number>+14155550001</Number>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("/webhooks/twilio/recording?t=" + std::string(kTenant)), std::string::npos);
  auto row = sql_->exec(
      "select tenant_id, from_number, call_status, agent_id from calls where call_sid = 'CA1'");
  ASSERT_EQ(row.size(), 1);
  EXPECT_EQ(row.get(0, 0), kTenant);
  EXPECT_EQ(row.get(0, 1), "+12125550199");
  EXPECT_EQ(row.get(0, 2), "ringing");
}

TEST_F(TwilioWebhooksTest, VoiceForAnUnknownNumberHangsUpPolitely) {
  auto r = PostSigned("/webhooks/twilio/voice",
                      {{"AccountSid", kAccount}, {"CallSid", "CA2"}, {"To", "+19995550000"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<Say"), std::string::npos);
  EXPECT_NE(r.body.find("<Hangup/>"), std::string::npos);
  EXPECT_EQ(Count("select count(*) from calls"), 0);
}

TEST_F(TwilioWebhooksTest, RecordingIsStoredAndEnqueuedOnceDespiteRetries) {
  PostSigned("/webhooks/twilio/voice",
             {{"AccountSid", kAccount}, {"CallSid", "CA3"}, {"To", "+14155550100"}});
  for (int i = 0; i < 3; ++i) {  // Twilio retries
    auto r = PostSigned("/webhooks/twilio/recording", RecordingForm("CA3", "RE3"));
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<Response/>"), std::string::npos);
  }
  EXPECT_EQ(Count("select count(*) from calls"), 1);
  EXPECT_EQ(Count("select count(*) from calls where recording_sid = 'RE3' and "
                  "recording_duration_s = 42 and recording_channels = 2"),
            1);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and state = 'queued'"), 1);
}

TEST_F(TwilioWebhooksTest, TheCallStartsWhenTwilioSaysTheRecordingStarted) {
  // The voice webhook stamps the arrival time; the recording's start (RFC 2822) replaces it.
  PostSigned("/webhooks/twilio/voice",
             {{"AccountSid", kAccount}, {"CallSid", "CA6"}, {"To", "+14155550100"}});
  auto form = RecordingForm("CA6", "RE6");
  form.emplace_back("RecordingStartTime", "Mon, 22 Jul 2024 20:35:21 +0000");
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording", form).status, 200);
  EXPECT_EQ(
      Count("select extract(epoch from started_at)::bigint from calls where call_sid = 'CA6'"),
      1721680521);
  // A malformed start is ignored, not refused: the call keeps the time it arrived.
  auto odd = RecordingForm("CA7", "RE7");
  odd.emplace_back("RecordingStartTime", "yesterday-ish");
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant), odd).status, 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA7' and "
                  "started_at > now() - interval '1 minute'"),
            1);
}

TEST_F(TwilioWebhooksTest, RecordingWithTheSignedTenantHintNeedsNoPriorCall) {
  auto r = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant),
                      RecordingForm("CA4", "RE4"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Count("select count(*) from jobs"), 1);
  // Without a hint and without a call, nobody owns it: 404 and nothing written.
  auto orphan = PostSigned("/webhooks/twilio/recording", RecordingForm("CA5", "RE5"));
  EXPECT_EQ(orphan.status, 404);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA5'"), 0);
}

TEST_F(TwilioWebhooksTest, BadSignatureUnknownAccountAndMissingFieldsWriteNothing) {
  auto form = RecordingForm("CA6", "RE6");
  auto tampered =
      PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant), form, "wrong-token");
  EXPECT_EQ(tampered.status, 403);
  EXPECT_NE(tampered.body.find("invalid_signature"), std::string::npos);

  Form stranger = form;
  stranger[0].second = "AC99999999999999999999999999999999";
  auto unknown = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant), stranger);
  EXPECT_EQ(unknown.status, 403);
  EXPECT_NE(unknown.body.find("unknown_account"), std::string::npos);

  auto missing = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant),
                            {{"AccountSid", kAccount}, {"CallSid", "CA6"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("RecordingSid"), std::string::npos);

  auto bad_number = RecordingForm("CA6", "RE6");
  bad_number[5].second = "forty-two";  // RecordingDuration
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant), bad_number).status,
            400);
  bad_number[5].second = "99999999999";  // a number, but longer than any recording
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant), bad_number).status,
            400);

  http::ClientRequest json;
  json.method = "POST";
  json.url = Url("/webhooks/twilio/recording");
  json.body = "{}";
  json.headers = {{"Content-Type", "application/json"}};
  EXPECT_EQ(http::Fetch(json)->status, 415);

  EXPECT_EQ(Count("select count(*) from calls"), 0);
  EXPECT_EQ(Count("select count(*) from jobs"), 0);
}

TEST_F(TwilioWebhooksTest, UnfinishedRecordingIsRecordedWithoutAJob) {
  auto r = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant),
                      RecordingForm("CA7", "RE7", "absent"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Count("select count(*) from calls where recording_sid = 'RE7'"), 1);
  EXPECT_EQ(Count("select count(*) from jobs"), 0);
}

TEST_F(TwilioWebhooksTest, CallStatusUpsertsDurationAndStatus) {
  PostSigned("/webhooks/twilio/voice",
             {{"AccountSid", kAccount}, {"CallSid", "CA8"}, {"To", "+14155550100"}});
  auto r = PostSigned("/webhooks/twilio/call-status", {{"AccountSid", kAccount},
                                                       {"CallSid", "CA8"},
                                                       {"CallStatus", "completed"},
                                                       {"CallDuration", "97"},
                                                       {"To", "+14155550100"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA8' and call_status = "
                  "'completed' and duration_s = 97"),
            1);
  // A status callback that overtakes the voice webhook finds the tenant by the dialled number.
  auto early = PostSigned("/webhooks/twilio/call-status", {{"AccountSid", kAccount},
                                                           {"CallSid", "CA9"},
                                                           {"CallStatus", "completed"},
                                                           {"To", "+14155550100"}});
  EXPECT_EQ(early.status, 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA9'"), 1);
}

TEST_F(TwilioWebhooksTest, SignatureFromTwiliosOwnPythonLibraryIsAccepted) {
  // Independent oracle: python3-twilio's RequestValidator signs; our server verifies.
  Form form = RecordingForm("CA10", "RE10");
  const std::string url = Url("/webhooks/twilio/recording?t=" + std::string(kTenant));
  std::string script =
      "import sys, json\n"
      "from twilio.request_validator import RequestValidator\n"
      "params = json.loads(sys.argv[3])\n"
      "print(RequestValidator(sys.argv[1]).compute_signature(sys.argv[2], params), end='')\n";
  std::string params_json = "{";
  for (const auto& [k, v] : form) {
    params_json += (params_json.size() > 1 ? "," : "") + std::string("\"") + k + "\":\"" + v + "\"";
  }
  params_json += "}";
  auto py = RunProcess({"/usr/bin/python3", "-c", script, kToken, url, params_json});
  ASSERT_EQ(py.exit_code, 0) << "python3-twilio is required (scripts/bootstrap installs it): "
                             << py.output;
  http::ClientRequest req;
  req.method = "POST";
  req.url = url;
  req.body = http::FormEncode(form);
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                 {"X-Twilio-Signature", py.output}};
  auto r = http::Fetch(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Count("select count(*) from jobs"), 1);
}

TEST_F(TwilioWebhooksTest, AnAckedWebhookSurvivesTheServerBeingKilledRightAfter) {
  auto r = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenant),
                      RecordingForm("CA11", "RE11"));
  ASSERT_EQ(r.status, 200);
  server_->Signal(SIGKILL);  // no graceful anything
  server_->Wait();
  // A fresh connection sees the committed call and job.
  db::Connection fresh(db_->conninfo());
  EXPECT_EQ(fresh
                .exec("select count(*) from jobs j join calls c on c.id = j.call_id "
                      "where c.recording_sid = 'RE11' and j.kind = 'transcribe'")
                .get_int(0, 0),
            1);
}

}  // namespace
}  // namespace converza::webhooks
