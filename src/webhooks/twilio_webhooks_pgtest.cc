// The Twilio webhooks through the real `converza serve` and a real database: signatures,
// routing TwiML, idempotent durable enqueue, and nothing written for rejected requests.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "common/subprocess.h"
#include "db/connection.h"
#include "http/client.h"
#include "http/form.h"
#include "http_client.h"
#include "test_cluster.h"
#include "twilio/signature.h"
#include "two_tenants.h"
#include "webhooks/recording_batcher.h"

namespace converza::webhooks {
namespace {

// The two-tenant fixture: tenant A's main line rings its agents Ann and Abe, tenant B's rings Bea;
// Twilio posts as the platform's account unless a test says otherwise.
using Form = std::vector<std::pair<std::string, std::string>>;
using testing::kAbePhone;
using testing::kAnnPhone;
using testing::kLineA;
using testing::kTenantA;
using testing::kTenantB;
constexpr const char* kAccount = testing::kPlatformAccount;
constexpr const char* kToken = testing::kPlatformToken;

class TwilioWebhooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<testing::TestDatabase>();
    sql_ = std::make_unique<db::Connection>(db_->conninfo());
    testing::LoadTwoTenants(*sql_);
    fixture_calls_ = Count("select count(*) from calls");
    fixture_jobs_ = Count("select count(*) from jobs");
    port_ = testing::FreePort();
    StartServer();
  }

  // Extra environment for the server (e.g. DIAL_MINUTES_PER_DAY).
  virtual std::map<std::string, std::string> ServerEnv() { return {}; }

  void StartServer() {
    auto env = ServerEnv();
    env.merge(std::map<std::string, std::string>{
        {"PORT", std::to_string(port_)}, {"DATABASE_URL", db_->conninfo()}, {"LOG_LEVEL", "warn"}});
    server_ = std::make_unique<testing::ConverzaProcess>("serve", env);
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
  // Calls and jobs the webhooks wrote: those beyond the fixture's.
  long long NewCalls() { return Count("select count(*) from calls") - fixture_calls_; }
  long long NewJobs() { return Count("select count(*) from jobs") - fixture_jobs_; }

  // The answered callback of the child leg `child` of `parent` to `agent`, as Twilio posts it.
  Form AnsweredForm(const std::string& parent, const std::string& child, const std::string& agent) {
    return {{"AccountSid", kAccount},
            {"ApiVersion", "2010-04-01"},
            {"CallSid", child},
            {"CallStatus", "in-progress"},
            {"CallbackSource", "call-progress-events"},
            {"Direction", "outbound-dial"},
            {"From", "+12125550199"},
            {"ParentCallSid", parent},
            {"SequenceNumber", "0"},
            {"To", agent}};
  }
  http::ClientResponse PostAnswered(const Form& form, const std::string& tenant = kTenantA,
                                    const std::string& token = kToken) {
    return PostSigned("/webhooks/twilio/agent-answered?t=" + tenant, form, token);
  }
  // The agent of a call ('' for none).
  std::string AgentOf(const std::string& call_sid) {
    return std::string(
        sql_->exec("select coalesce(agent_id::text, '') from calls where call_sid = $1", {call_sid})
            .get(0, 0));
  }
  void Ring(const std::string& call_sid) {
    ASSERT_EQ(PostSigned("/webhooks/twilio/voice",
                         {{"AccountSid", kAccount}, {"CallSid", call_sid}, {"To", kLineA}})
                  .status,
              200);
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<db::Connection> sql_;
  std::unique_ptr<testing::ConverzaProcess> server_;
  int port_ = 0;
  long long fixture_calls_ = 0, fixture_jobs_ = 0;
};

TEST_F(TwilioWebhooksTest, VoiceDialsTheTenantsAgentWithDualChannelRecording) {
  auto r = PostSigned("/webhooks/twilio/voice", {{"AccountSid", kAccount},
                                                 {"CallSid", "CA1"},
                                                 {"From", "+12125550199"},
                                                 {"To", kLineA},
                                                 {"Direction", "inbound"},
                                                 {"CallStatus", "ringing"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("record=\"record-from-answer-dual\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(std::string(">") + kAnnPhone + "</Number>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find(std::string(">") + kAbePhone + "</Number>"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("/webhooks/twilio/recording?t=" + std::string(kTenantA)),
            std::string::npos);
  // Each dialled agent reports answering to us, at a URL naming the tenant (signed by Twilio).
  EXPECT_NE(r.body.find("<Number statusCallback=\"" +
                        Url("/webhooks/twilio/agent-answered?t=" + std::string(kTenantA)) +
                        "\" statusCallbackEvent=\"answered\" statusCallbackMethod=\"POST\">"),
            std::string::npos)
      << r.body;
  auto row = sql_->exec(
      "select tenant_id, from_number, call_status, agent_id from calls where call_sid = 'CA1'");
  ASSERT_EQ(row.size(), 1);
  EXPECT_EQ(row.get(0, 0), kTenantA);
  EXPECT_EQ(row.get(0, 1), "+12125550199");
  EXPECT_EQ(row.get(0, 2), "ringing");
}

TEST_F(TwilioWebhooksTest, VoiceForAnUnknownNumberHangsUpPolitely) {
  auto r = PostSigned("/webhooks/twilio/voice",
                      {{"AccountSid", kAccount}, {"CallSid", "CA2"}, {"To", "+19995550000"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<Say"), std::string::npos);
  EXPECT_NE(r.body.find("<Hangup/>"), std::string::npos);
  EXPECT_EQ(NewCalls(), 0);
}

TEST_F(TwilioWebhooksTest, RecordingIsStoredAndEnqueuedOnceDespiteRetries) {
  PostSigned("/webhooks/twilio/voice",
             {{"AccountSid", kAccount}, {"CallSid", "CA3"}, {"To", kLineA}});
  for (int i = 0; i < 3; ++i) {  // Twilio retries
    auto r = PostSigned("/webhooks/twilio/recording", RecordingForm("CA3", "RE3"));
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<Response/>"), std::string::npos);
  }
  EXPECT_EQ(NewCalls(), 1);
  EXPECT_EQ(Count("select count(*) from calls where recording_sid = 'RE3' and "
                  "recording_duration_s = 42 and recording_channels = 2"),
            1);
  EXPECT_EQ(Count("select count(*) from jobs where kind = 'transcribe' and state = 'queued'"), 1);
}

// A retry that changes nothing is answered from what is already committed: the call row is not
// rewritten (same row version), so a batch of retries commits without writing anything. A
// "retry" that does change the recording, or whose job is gone, still writes.
TEST_F(TwilioWebhooksTest, ARetryThatChangesNothingWritesNothing) {
  const std::string target = "/webhooks/twilio/recording?t=" + std::string(kTenantA);
  auto form = RecordingForm("CA8", "RE8");
  form.emplace_back("RecordingStartTime", "Mon, 22 Jul 2024 20:35:21 +0000");
  ASSERT_EQ(PostSigned(target, form).status, 200);
  auto version = [&] {
    return std::string(sql_->exec("select ctid::text || xmin::text from calls "
                                  "where call_sid = 'CA8'")
                           .get(0, 0));
  };
  const std::string first = version();
  for (int i = 0; i < 2; ++i) {
    auto r = PostSigned(target, form);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<Response/>"), std::string::npos);
  }
  EXPECT_EQ(version(), first);
  EXPECT_EQ(Count("select count(*) from jobs j join calls c on c.id = j.call_id "
                  "where c.call_sid = 'CA8'"),
            1);

  // Its job gone (say, removed by hand): the retry enqueues it again.
  sql_->exec("delete from jobs where call_id = (select id from calls where call_sid = 'CA8')");
  EXPECT_EQ(PostSigned(target, form).status, 200);
  EXPECT_EQ(Count("select count(*) from jobs j join calls c on c.id = j.call_id "
                  "where c.call_sid = 'CA8' and j.state = 'queued'"),
            1);

  // Another recording of the same call replaces the first.
  auto other = RecordingForm("CA8", "RE8b");
  EXPECT_EQ(PostSigned(target, other).status, 200);
  EXPECT_NE(version(), first);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA8' and recording_sid = 'RE8b' "
                  "and extract(epoch from started_at)::bigint = 1721680521"),
            1);
  EXPECT_EQ(NewCalls(), 1);
}

TEST_F(TwilioWebhooksTest, TheCallStartsWhenTwilioSaysTheRecordingStarted) {
  // The voice webhook stamps the arrival time; the recording's start (RFC 2822) replaces it.
  PostSigned("/webhooks/twilio/voice",
             {{"AccountSid", kAccount}, {"CallSid", "CA6"}, {"To", kLineA}});
  auto form = RecordingForm("CA6", "RE6");
  form.emplace_back("RecordingStartTime", "Mon, 22 Jul 2024 20:35:21 +0000");
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording", form).status, 200);
  EXPECT_EQ(
      Count("select extract(epoch from started_at)::bigint from calls where call_sid = 'CA6'"),
      1721680521);
  // A malformed start is ignored, not refused: the call keeps the time it arrived.
  auto odd = RecordingForm("CA7", "RE7");
  odd.emplace_back("RecordingStartTime", "yesterday-ish");
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA), odd).status, 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA7' and "
                  "started_at > now() - interval '1 minute'"),
            1);
}

TEST_F(TwilioWebhooksTest, RecordingWithTheSignedTenantHintNeedsNoPriorCall) {
  auto r = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA),
                      RecordingForm("CA4", "RE4"));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(NewJobs(), 1);
  // Without a hint and without a call, nobody owns it: 404 and nothing written.
  auto orphan = PostSigned("/webhooks/twilio/recording", RecordingForm("CA5", "RE5"));
  EXPECT_EQ(orphan.status, 404);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA5'"), 0);
  // A well-formed hint naming no tenant fails the group commit's foreign key: a clear 400 from
  // the flusher's reply, and nothing written.
  auto ghost = PostSigned("/webhooks/twilio/recording?t=00000000-0000-4000-8000-00000000dead",
                          RecordingForm("CA7", "RE7"));
  EXPECT_EQ(ghost.status, 400) << ghost.body;
  EXPECT_NE(ghost.body.find("unknown tenant"), std::string::npos);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA7'"), 0);
}

// A new database has no planner statistics, and plans made then are kept per connection (the
// foreign-key check of jobs against calls read every call of the tenant: 3x slower webhooks).
// The webhook path analyses calls and jobs itself as they grow, long before autovacuum's first
// visit (which would set last_autoanalyze, not last_analyze).
TEST_F(TwilioWebhooksTest, ANewDatabasesTablesAreAnalysedAsTheyFill) {
  const std::string analysed =
      "select count(*) from pg_stat_user_tables where relname in ('calls', 'jobs') "
      "and last_analyze is not null";
  ASSERT_EQ(Count(analysed), 0);
  const std::string target = "/webhooks/twilio/recording?t=" + std::string(kTenantA);
  int sent = 0;
  // Stats counters reach pg_stat_user_tables up to a second late: keep the webhooks coming
  // until the flusher's next check sees them (bounded).
  while (Count(analysed) < 2 && sent < 5000) {
    for (int i = 0; i < 250; ++i, ++sent) {
      const std::string n = std::to_string(sent);
      ASSERT_EQ(PostSigned(target, RecordingForm("CAyoung" + n, "REyoung" + n)).status, 200);
    }
  }
  EXPECT_EQ(Count(analysed), 2) << "after " << sent << " webhooks";
  EXPECT_GE(Count("select reltuples::bigint from pg_class where oid = 'public.calls'::regclass"),
            1000);
  // Nothing to do again until the tables double.
  EXPECT_EQ(Count("select count(*) from private.analyze_young_tables()"), 0);
}

// The trigger that gives a call's search document its new started_at and sort keys (every
// recording webhook moves the start) is planned by each connection once, and a plan made before
// the first transcript reads the whole table: in the pipeline bench it scanned every document for
// each of a call's three moves (1 ms of PostgreSQL's time a call at 6,000 calls). Analysing the
// documents as they fill replaces that plan with the primary key's.
TEST_F(TwilioWebhooksTest, ACallsDocumentIsFoundByKeyOnceTheNewTableIsAnalysed) {
  const std::string tenant(kTenantA);
  sql_->exec("insert into calls (tenant_id, call_sid) values ($1, 'CAplan')", {tenant});
  const std::string move =
      "update calls set started_at = started_at - interval '1 minute' where call_sid = 'CAplan'";
  for (int i = 0; i < 6; ++i) sql_->exec(move);  // past the plan cache's five custom plans
  sql_->exec(
      "with c as (insert into calls (tenant_id, call_sid) "
      "  select $1::uuid, 'CAlines' || g from generate_series(1, 1500) g returning tenant_id, id) "
      "insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text) "
      "select c.tenant_id, c.id, s, 'agent', s * 1000, s * 1000 + 900, 'line ' || s "
      "  from c, generate_series(0, 1) s",
      {tenant});
  // Sequential scans of the documents while moving one call, counted in its own transaction.
  auto scans_to_move = [&] {
    sql_->exec("begin");
    sql_->exec(move);
    const long long scans = Count(
        "select coalesce(sum(seq_scan), 0) from pg_stat_xact_user_tables "
        "where relname = 'transcript_documents'");
    sql_->exec("rollback");
    return scans;
  };
  ASSERT_GT(scans_to_move(), 0) << "the plan made on the empty table reads every document";
  // The documents' counts reach pg_stat_user_tables up to a second late (bounded wait).
  sql_->exec("select pg_stat_force_next_flush()");
  bool analysed = false;
  for (int i = 0; i < 50 && !analysed; ++i) {
    analysed = Count(
                   "select count(*) from private.analyze_young_tables() t "
                   "where t = 'public.transcript_documents'") == 1;
    if (!analysed) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(analysed);
  EXPECT_EQ(scans_to_move(), 0);
}

// Insights fill as fast as calls, and the trigger on them (private.apply_insight_overrides) asks
// whether a call already has one: planned on the empty table, that check read every insight (over
// a quarter of an insight's write at 6,000 calls in the pipeline bench). So they are analysed as
// they fill, each time their rows double: updates alone, six per call on calls, do not count, or
// calls would be analysed every 15% of growth (docs/benchmarks.md).
TEST_F(TwilioWebhooksTest, YoungTablesAreAnalysedWhenTheirRowsDoubleNotWhenTheyChange) {
  const std::string tenant(kTenantA);
  auto add_insights = [&](int from, int to) {
    sql_->exec(
        "with c as (insert into calls (tenant_id, call_sid) "
        "  select $1::uuid, 'CAgrow' || g from generate_series($2::int, $3::int) g "
        "  returning tenant_id, id) "
        "insert into insights (tenant_id, call_id, sentiment_score, sentiment_label) "
        "select tenant_id, id, 0, 'neutral' from c",
        {tenant, std::to_string(from), std::to_string(to)});
  };
  // Whether analyze_young_tables() analyses `table`, once the session's counts have reached the
  // statistics (up to a second late; bounded wait).
  auto analysed = [&](const std::string& table, bool want) {
    sql_->exec("select pg_stat_force_next_flush()");
    bool got = false;
    for (int i = 0; i < 20 && got != want; ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      got = Count("select count(*) from private.analyze_young_tables() t where t = '" + table +
                  "'") == 1;
    }
    return got;
  };
  add_insights(0, 1499);
  EXPECT_TRUE(analysed("public.insights", true)) << "the first 1,000 changes";
  sql_->exec("update insights set upsell_cents = upsell_cents + 1 where tenant_id = $1", {tenant});
  sql_->exec("update insights set upsell_cents = upsell_cents + 1 where tenant_id = $1", {tenant});
  sql_->exec("update calls set duration_s = 60 where tenant_id = $1", {tenant});
  EXPECT_FALSE(analysed("public.insights", false)) << "twice its rows changed, none added";
  EXPECT_EQ(Count("select count(*) from private.analyze_young_tables()"), 0);
  add_insights(1500, 3199);
  EXPECT_TRUE(analysed("public.insights", true)) << "its rows doubled";
}

TEST_F(TwilioWebhooksTest, ABatchLooksUpJobsByKeyNotByScanningThem) {
  // A young database: 20,000 calls with their jobs, analysed at that size. The batch statement
  // must probe the jobs key for each call it already knows; hashing every transcribe job on each
  // batch made a new database's webhooks 3x slower as the table grew (docs/benchmarks.md).
  sql_->exec(
      "with c as (insert into calls (tenant_id, call_sid, recording_sid) "
      "  select $1::uuid, 'CAbulk' || g, 'REbulk' || g from generate_series(1, 20000) g "
      "  returning tenant_id, id) "
      "insert into jobs (tenant_id, kind, call_id) select tenant_id, 'transcribe', id from c",
      {std::string(kTenantA)});
  sql_->exec("analyze calls");
  sql_->exec("analyze jobs");
  std::string batch = "[";
  for (int i = 1; i <= 50; ++i) {
    batch += std::string(i > 1 ? "," : "") + R"({"call_sid":"CAbulk)" + std::to_string(i) +
             R"(","tenant_hint":")" + std::string(kTenantA) +
             R"(","account_sid":"","recording_sid":"REbulk)" + std::to_string(i) +
             R"(","recording_url":"","duration":null,"channels":null,"status":"completed",)"
             R"("started_unix":null,"bound":false})";
  }
  batch += "]";
  auto plan = sql_->exec("explain " + std::string(StoreRecordingsSql()), {batch});
  std::string text;
  for (int i = 0; i < plan.size(); ++i) text += std::string(plan.get(i, 0)) + "\n";
  EXPECT_EQ(text.find("Seq Scan on jobs"), std::string::npos) << text;
  EXPECT_EQ(text.find("Seq Scan on calls"), std::string::npos) << text;
}

TEST_F(TwilioWebhooksTest, BadSignatureUnknownAccountAndMissingFieldsWriteNothing) {
  auto form = RecordingForm("CA6", "RE6");
  auto tampered =
      PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA), form, "wrong-token");
  EXPECT_EQ(tampered.status, 403);
  EXPECT_NE(tampered.body.find("invalid_signature"), std::string::npos);

  Form stranger = form;
  stranger[0].second = "AC99999999999999999999999999999999";
  auto unknown = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA), stranger);
  EXPECT_EQ(unknown.status, 403);
  EXPECT_NE(unknown.body.find("unknown_account"), std::string::npos);

  auto missing = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA),
                            {{"AccountSid", kAccount}, {"CallSid", "CA6"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("RecordingSid"), std::string::npos);

  auto bad_number = RecordingForm("CA6", "RE6");
  bad_number[5].second = "forty-two";  // RecordingDuration
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA), bad_number).status,
            400);
  bad_number[5].second = "99999999999";  // a number, but longer than any recording
  EXPECT_EQ(PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA), bad_number).status,
            400);

  http::ClientRequest json;
  json.method = "POST";
  json.url = Url("/webhooks/twilio/recording");
  json.body = "{}";
  json.headers = {{"Content-Type", "application/json"}};
  EXPECT_EQ(http::Fetch(json)->status, 415);

  EXPECT_EQ(NewCalls(), 0);
  EXPECT_EQ(NewJobs(), 0);
}

TEST_F(TwilioWebhooksTest, UnfinishedRecordingIsRecordedWithoutAJob) {
  auto r = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA),
                      RecordingForm("CA7", "RE7", "absent"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Count("select count(*) from calls where recording_sid = 'RE7'"), 1);
  EXPECT_EQ(NewJobs(), 0);
}

TEST_F(TwilioWebhooksTest, CallStatusUpsertsDurationAndStatus) {
  PostSigned("/webhooks/twilio/voice",
             {{"AccountSid", kAccount}, {"CallSid", "CA8"}, {"To", kLineA}});
  auto r = PostSigned("/webhooks/twilio/call-status", {{"AccountSid", kAccount},
                                                       {"CallSid", "CA8"},
                                                       {"CallStatus", "completed"},
                                                       {"CallDuration", "97"},
                                                       {"To", kLineA}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA8' and call_status = "
                  "'completed' and duration_s = 97"),
            1);
  // A status callback that overtakes the voice webhook finds the tenant by the dialled number.
  auto early = PostSigned(
      "/webhooks/twilio/call-status",
      {{"AccountSid", kAccount}, {"CallSid", "CA9"}, {"CallStatus", "completed"}, {"To", kLineA}});
  EXPECT_EQ(early.status, 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA9'"), 1);
}

// Nobody answered (Twilio's CallStatus no-answer, busy, failed, canceled): nothing to score,
// and the call says so instead of waiting for a recording forever. A recorded call keeps its
// pipeline whatever its status says.
TEST_F(TwilioWebhooksTest, ACallNobodyAnsweredIsNotAnalysed) {
  Ring("CAnoanswer");
  auto status = [&](const std::string& call, const std::string& s) {
    return PostSigned(
               "/webhooks/twilio/call-status",
               {{"AccountSid", kAccount}, {"CallSid", call}, {"CallStatus", s}, {"To", kLineA}})
        .status;
  };
  EXPECT_EQ(status("CAnoanswer", "no-answer"), 200);
  EXPECT_EQ(status("CAbusy", "busy"), 200);  // a status that arrives before any other webhook
  EXPECT_EQ(Count("select count(*) from calls where call_sid in ('CAnoanswer', 'CAbusy') and "
                  "pipeline_status = 'not_analysed' and not_analysed_reason = 'no_answer'"),
            2);
  Ring("CArecorded");
  ASSERT_EQ(
      PostSigned("/webhooks/twilio/recording", RecordingForm("CArecorded", "RErecorded")).status,
      200);
  EXPECT_EQ(status("CArecorded", "completed"), 200);
  EXPECT_EQ(status("CArecorded", "failed"), 200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CArecorded' and "
                  "pipeline_status = 'received' and not_analysed_reason is null"),
            1);
}

TEST_F(TwilioWebhooksTest, TheAgentWhoAnswersARingAllCallIsTheCallsAgent) {
  Ring("CA20");
  EXPECT_EQ(AgentOf("CA20"), "");  // the main line: nobody yet
  auto r = PostAnswered(AnsweredForm("CA20", "CA20b", kAbePhone));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/xml; charset=utf-8");
  EXPECT_NE(r.body.find("<Response/>"), std::string::npos);
  EXPECT_EQ(AgentOf("CA20"), testing::kAgentAbe);

  // First answer wins: Twilio retrying, or another leg reported late, changes nothing.
  EXPECT_EQ(PostAnswered(AnsweredForm("CA20", "CA20b", kAbePhone)).status, 200);
  EXPECT_EQ(PostAnswered(AnsweredForm("CA20", "CA20a", kAnnPhone)).status, 200);
  EXPECT_EQ(AgentOf("CA20"), testing::kAgentAbe);
  // The answered leg is not a call of its own.
  EXPECT_EQ(NewCalls(), 1);

  // A leg that did not connect names nobody.
  Ring("CA21");
  auto missed = AnsweredForm("CA21", "CA21a", kAnnPhone);
  missed[3].second = "no-answer";  // CallStatus
  EXPECT_EQ(PostAnswered(missed).status, 200);
  EXPECT_EQ(AgentOf("CA21"), "");
  EXPECT_EQ(PostAnswered(AnsweredForm("CA21", "CA21b", kAnnPhone)).status, 200);
  EXPECT_EQ(AgentOf("CA21"), testing::kAgentAnn);
}

TEST_F(TwilioWebhooksTest, AnsweredCallbackIsSignedCompleteAndAboutOurCall) {
  Ring("CA22");
  const auto form = AnsweredForm("CA22", "CA22a", kAnnPhone);
  auto forged = PostAnswered(form, kTenantA, "wrong-token");
  EXPECT_EQ(forged.status, 403);
  EXPECT_NE(forged.body.find("invalid_signature"), std::string::npos);
  EXPECT_EQ(AgentOf("CA22"), "");

  auto missing = PostAnswered({{"AccountSid", kAccount}, {"CallSid", "CA22a"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("ParentCallSid"), std::string::npos) << missing.body;
  EXPECT_NE(missing.body.find("To"), std::string::npos) << missing.body;
  Form no_to = form;
  no_to.pop_back();
  EXPECT_EQ(PostAnswered(no_to).status, 400);
  EXPECT_EQ(PostAnswered(form, "not-a-tenant").status, 400);
  EXPECT_EQ(AgentOf("CA22"), "");

  // Not one of our calls (the voice webhook stores a call before dialling anyone).
  auto stranger = PostAnswered(AnsweredForm("CA404", "CA404a", kAnnPhone));
  EXPECT_EQ(stranger.status, 404);
  EXPECT_EQ(Count("select count(*) from calls where call_sid like 'CA404%'"), 0);
  // Without the tenant hint the call is found by its CallSid alone (the platform account).
  EXPECT_EQ(PostSigned("/webhooks/twilio/agent-answered", form).status, 200);
  EXPECT_EQ(AgentOf("CA22"), testing::kAgentAnn);
}

TEST_F(TwilioWebhooksTest, AnsweredCallbackNeverCrossesTenants) {
  sql_->exec(
      "insert into agents (tenant_id, name, phone, active) values ($1, 'Gone', '+14155550008', "
      "false)",
      {kTenantA});
  const std::string other = kTenantB;
  Ring("CA23");
  // Another tenant's agent phone (Bea's) never matches, whatever the hint says.
  EXPECT_EQ(PostAnswered(AnsweredForm("CA23", "CA23a", testing::kBeaPhone)).status, 200);
  EXPECT_EQ(AgentOf("CA23"), "");
  EXPECT_EQ(PostAnswered(AnsweredForm("CA23", "CA23a", testing::kBeaPhone), other).status, 404);
  EXPECT_EQ(AgentOf("CA23"), "");
  // Nor does the tenant's own agent under another tenant's hint, nor an inactive agent.
  EXPECT_EQ(PostAnswered(AnsweredForm("CA23", "CA23b", kAnnPhone), other).status, 404);
  EXPECT_EQ(PostAnswered(AnsweredForm("CA23", "CA23c", "+14155550008")).status, 200);
  EXPECT_EQ(AgentOf("CA23"), "");
  EXPECT_EQ(
      Count("select count(*) from calls where call_sid like 'CA23%' and agent_id is not null"), 0);
}

// A tenant's own Twilio subaccount signs webhooks with its own token; that proves who sent them,
// not which tenant they may touch. Signed by tenant B's subaccount, nothing of tenant A's is
// reachable: not its number (voice), its calls (status, recording) or its hint (`t`).
TEST_F(TwilioWebhooksTest, ATenantsSubaccountCanOnlyTouchThatTenant) {
  const std::string other_account = testing::kAccountB;
  const std::string other_token = testing::kAccountBToken;
  Ring("CA31");  // tenant A's call, by the platform account
  auto as_other = [&](Form form) {
    for (auto& [k, v] : form) {
      if (k == "AccountSid") v = other_account;
    }
    return form;
  };
  EXPECT_EQ(
      PostSigned("/webhooks/twilio/voice",
                 as_other({{"AccountSid", ""}, {"CallSid", "CA32"}, {"To", kLineA}}), other_token)
          .status,
      403);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA32'"), 0);
  EXPECT_EQ(PostSigned("/webhooks/twilio/call-status",
                       as_other({{"AccountSid", ""},
                                 {"CallSid", "CA31"},
                                 {"CallStatus", "completed"},
                                 {"CallDuration", "999"}}),
                       other_token)
                .status,
            404);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA31' and duration_s = 999"), 0);
  EXPECT_EQ(
      PostSigned("/webhooks/twilio/recording", as_other(RecordingForm("CA31", "RE31")), other_token)
          .status,
      404);
  EXPECT_EQ(PostSigned(std::string("/webhooks/twilio/recording?t=") + kTenantA,
                       as_other(RecordingForm("CA33", "RE33")), other_token)
                .status,
            403);
  EXPECT_EQ(PostAnswered(as_other(AnsweredForm("CA31", "CA31a", kAnnPhone)), kTenantA, other_token)
                .status,
            403);
  EXPECT_EQ(Count("select count(*) from calls where call_sid like 'CA3%' and (recording_sid is not "
                  "null or agent_id is not null or tenant_id <> '" +
                  std::string(kTenantA) + "')"),
            0);
  EXPECT_EQ(NewJobs(), 0);
  // Its own tenant's recording goes through (the subaccount names the tenant).
  EXPECT_EQ(
      PostSigned("/webhooks/twilio/recording", as_other(RecordingForm("CA34", "RE34")), other_token)
          .status,
      200);
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA34' and tenant_id = '" +
                  std::string(kTenantB) + "'"),
            1);
}

TEST_F(TwilioWebhooksTest, SignatureFromTwiliosOwnPythonLibraryIsAccepted) {
  // Independent oracle: python3-twilio's RequestValidator signs; our server verifies.
  Form form = RecordingForm("CA10", "RE10");
  const std::string url = Url("/webhooks/twilio/recording?t=" + std::string(kTenantA));
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
  EXPECT_EQ(NewJobs(), 1);
}

TEST_F(TwilioWebhooksTest, AnAckedWebhookSurvivesTheServerBeingKilledRightAfter) {
  auto r = PostSigned("/webhooks/twilio/recording?t=" + std::string(kTenantA),
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

// Agent rows written before the dial policy existed, or straight into the database, are never
// dialled when they ring outside the tenant's own country (here the US: its number is +1 415) or
// in a premium-rate or international-network range; the others still are.
TEST_F(TwilioWebhooksTest, VoiceDialsOnlyPhonesTheTenantMayDial) {
  sql_->exec(R"sql(
    insert into agents (tenant_id, name, phone) values
      ($1, 'Network', '+88213123456'), ($1, 'Premium', '+19005550100'),
      ($1, 'Jamaica', '+18765550100'), ($1, 'London', '+442079460000'))sql",
             {kTenantA});
  sql_->exec("update tenants set plan_price_cents = 0 where id = $1", {kTenantA});  // not paid yet
  auto r = PostSigned("/webhooks/twilio/voice",
                      {{"AccountSid", kAccount}, {"CallSid", "CA40"}, {"To", kLineA}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(std::string(">") + kAnnPhone + "</Number>"), std::string::npos) << r.body;
  for (const char* never : {"+882", "+1900", "+1876", "+44"}) {
    EXPECT_EQ(r.body.find(never), std::string::npos) << never << " in " << r.body;
  }
  // An organisation that pays nothing has an hour a day (DIAL_MINUTES_PER_DAY, unpaid=60).
  EXPECT_NE(r.body.find("timeLimit=\"3600\""), std::string::npos) << r.body;

  // With only those left, nobody is dialled at all.
  sql_->exec("update agents set active = false where phone in ($1, $2)", {kAnnPhone, kAbePhone});
  r = PostSigned("/webhooks/twilio/voice",
                 {{"AccountSid", kAccount}, {"CallSid", "CA41"}, {"To", kLineA}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<Dial"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("nobody is available"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<Hangup/>"), std::string::npos) << r.body;
}

// A tenant's calls share a daily budget of dialled minutes: each call may last only what is left
// of it (<Dial timeLimit>), and once the calls that ended today used it up the line answers with
// a polite message and dials nobody. Other tenants are not affected.
class DialBudgetTest : public TwilioWebhooksTest {
 protected:
  std::map<std::string, std::string> ServerEnv() override {
    return {{"DIAL_MINUTES_PER_DAY", "starter=10,growth=10"}};  // A's plan and B's
  }
  std::string Voice(const std::string& call_sid, const std::string& to = kLineA) {
    auto r = PostSigned("/webhooks/twilio/voice",
                        {{"AccountSid", kAccount}, {"CallSid", call_sid}, {"To", to}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  }
  void Ended(const std::string& call_sid, const std::string& seconds) {
    EXPECT_EQ(PostSigned("/webhooks/twilio/call-status", {{"AccountSid", kAccount},
                                                          {"CallSid", call_sid},
                                                          {"CallStatus", "completed"},
                                                          {"CallDuration", seconds},
                                                          {"To", kLineA}})
                  .status,
              200);
  }
};

TEST_F(DialBudgetTest, CallsStopBeingDialledWhenTheDaysMinutesAreUsed) {
  const std::string first = Voice("CA50");
  EXPECT_NE(first.find("timeLimit=\"600\""), std::string::npos) << first;
  Ended("CA50", "540");
  EXPECT_NE(Voice("CA51").find("timeLimit=\"60\""), std::string::npos);
  Ended("CA51", "60");
  Ended("CA51", "60");  // Twilio retrying the callback counts once

  const std::string spent = Voice("CA52");
  EXPECT_EQ(spent.find("<Dial"), std::string::npos) << spent;
  EXPECT_EQ(spent.find(kAnnPhone), std::string::npos) << spent;
  EXPECT_NE(spent.find("cannot take calls right now"), std::string::npos) << spent;
  EXPECT_NE(spent.find("<Hangup/>"), std::string::npos) << spent;
  EXPECT_EQ(Count("select count(*) from calls where call_sid = 'CA52'"), 1);  // still recorded

  // Another tenant's budget is its own.
  const std::string other = Voice("CA53", testing::kLineB);
  EXPECT_NE(other.find(std::string(">") + testing::kBeaPhone + "</Number>"), std::string::npos)
      << other;
  EXPECT_NE(other.find("timeLimit=\"600\""), std::string::npos) << other;
}

}  // namespace
}  // namespace converza::webhooks
