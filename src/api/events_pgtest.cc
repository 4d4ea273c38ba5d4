// GET /api/v1/events against a real `converza serve`, a real database and the Twilio sandbox:
// events NOTIFYed on a tenant's channel reach that tenant's streams and no other; a real
// recording webhook and a real worker produce call.created then insight.ready; heartbeats; the
// LISTEN connection comes back by itself after its backend is killed; auth is enforced; SIGTERM
// with streams open still exits cleanly.
#include <signal.h>

#include <thread>

#include "common/live_events.h"
#include "live_api_fixture.h"

namespace converza::api {
namespace {

using testing::kDemoTenant;
using testing::StreamClient;

// Calls the events name (no rows are needed): ids of the two-tenant fixture's scheme.
constexpr const char* kCallA = testing::kCallA1;
constexpr const char* kCallB = testing::kCallB1;

class EventsTest : public testing::LiveApiTest {
 protected:
  testing::Stack::EnvMap ServerEnv() override {
    return {{"SSE_HEARTBEAT_MS", "300"}, {"MAX_SSE_CLIENTS_PER_TENANT", "2"}};
  }

  void Notify(const std::string& tenant, const std::string& type, const std::string& call) {
    Sql("select pg_notify($1, json_build_object('type', $2::text, 'call_id', $3::text)::text)",
        {LiveEventChannel(tenant), type, call});
  }
  static std::string Event(const std::string& type, const std::string& call) {
    return "event: " + type + "\ndata: {\"call_id\":\"" + call + "\"}\n\n";
  }
};

// One tenant cannot take every live-update slot of the server: past its share it gets 429, the
// others still connect, and a closed stream gives its place back.
TEST_F(EventsTest, OneTenantCannotTakeEveryStream) {
  auto open = [&](const std::string& token) {
    return std::make_unique<StreamClient>(port_, "/api/v1/events?access_token=" + token);
  };
  auto a1 = open(TokenA()), a2 = open(TokenA());
  ASSERT_EQ(a1->status(), 200);
  ASSERT_EQ(a2->status(), 200);
  auto a3 = open(TokenA());
  EXPECT_EQ(a3->status(), 429) << a3->body();
  EXPECT_NE(a3->body().find("live-update streams"), std::string::npos) << a3->body();
  auto b1 = open(TokenB());
  EXPECT_EQ(b1->status(), 200);
  a1->Close();
  a1.reset();
  bool reopened = false;
  for (int i = 0; i < 50 && !reopened; ++i) {  // the server notices the close at its next write
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    reopened = open(TokenA())->status() == 200;
  }
  EXPECT_TRUE(reopened);
}

TEST_F(EventsTest, EachTenantGetsItsOwnEventsOnly) {
  StreamClient a(port_, "/api/v1/events", "Authorization: Bearer " + TokenA() + "\r\n");
  StreamClient b(port_, "/api/v1/events?access_token=" + TokenB());
  ASSERT_EQ(a.status(), 200) << a.body();
  ASSERT_EQ(b.status(), 200) << b.body();
  EXPECT_EQ(a.headers().at("content-type"), "text/event-stream");
  EXPECT_EQ(a.headers().at("cache-control"), "no-cache, no-store, no-transform");
  ASSERT_TRUE(a.WaitFor("retry: 3000\n", 5000));
  ASSERT_TRUE(b.WaitFor("retry: 3000\n", 5000));

  Notify(kDemoTenant, "insight.ready", kCallA);
  Notify(testing::kTenantB, "call.created", kCallB);
  EXPECT_TRUE(a.WaitFor(Event("insight.ready", kCallA), 5000)) << a.body();
  EXPECT_TRUE(b.WaitFor(Event("call.created", kCallB), 5000)) << b.body();
  // Junk on a channel is never relayed.
  Sql("select pg_notify($1, '{\"type\":\"insight.ready\",\"call_id\":\"x\"}')",
      {LiveEventChannel(kDemoTenant)});
  // Heartbeats keep idle streams alive; after a few, neither saw the other's event.
  const std::size_t seen = a.body().size();
  EXPECT_TRUE(a.WaitFor(": ping\n\n", 5000, seen));
  EXPECT_TRUE(a.WaitFor(": ping\n\n", 5000, a.body().rfind(": ping") + 1));
  EXPECT_TRUE(b.WaitFor(": ping\n\n", 5000));
  EXPECT_EQ(a.body().find(kCallB), std::string::npos);
  EXPECT_EQ(b.body().find(kCallA), std::string::npos);
  EXPECT_EQ(a.body().find("\"x\""), std::string::npos);
}

TEST_F(EventsTest, RealWebhookAndWorkerProduceCallCreatedThenInsightReady) {
  StreamClient a(port_, "/api/v1/events?access_token=" + TokenA());
  StreamClient b(port_, "/api/v1/events?access_token=" + TokenB());
  ASSERT_TRUE(a.WaitFor("retry:", 5000));
  ASSERT_TRUE(b.WaitFor("retry:", 5000));
  ASSERT_EQ(stack_->Simulate("--calls 1 --seed 11"), 0) << stack_->error();
  auto id = Sql("select id::text from calls where tenant_id = $1", {std::string(kDemoTenant)});
  ASSERT_EQ(id.size(), 1);
  const std::string call(id.get(0, 0));
  EXPECT_TRUE(a.WaitFor(Event("call.created", call), 10000)) << a.body();

  auto work = stack_->StartWorker("--exit-when-idle 2");
  ASSERT_EQ(work->Wait(120000), 0) << work->log();
  EXPECT_TRUE(a.WaitFor(Event("insight.ready", call), 10000)) << a.body();
  // Exactly one of each, in pipeline order.
  EXPECT_LT(a.body().find("call.created"), a.body().find("insight.ready"));
  EXPECT_EQ(a.body().find("call.created", a.body().find("call.created") + 1), std::string::npos);
  EXPECT_EQ(b.body().find(call), std::string::npos);
}

TEST_F(EventsTest, ReconnectsAfterItsDatabaseConnectionIsKilled) {
  StreamClient a(port_, "/api/v1/events?access_token=" + TokenA());
  ASSERT_TRUE(a.WaitFor("retry:", 5000));
  // What a PostgreSQL restart does to the hub: its backend goes away mid-LISTEN.
  ASSERT_GE(Count("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                  " where datname = current_database() and pid <> pg_backend_pid()"
                  "   and query ilike 'listen %'"),
            1);
  // Until the hub has re-LISTENed, NOTIFYs are lost; keep sending until one arrives.
  bool delivered = false;
  for (int i = 0; i < 50 && !delivered; ++i) {
    Notify(kDemoTenant, "insight.ready", kCallA);
    delivered = a.WaitFor(Event("insight.ready", kCallA), 200);
  }
  EXPECT_TRUE(delivered) << a.body();
  EXPECT_EQ(a.status(), 200);
}

TEST_F(EventsTest, NeedsASignedInMemberOfTheTenant) {
  EXPECT_EQ(Call("GET", "/api/v1/events", "").status, 401);
  EXPECT_EQ(Call("GET", "/api/v1/events?access_token=garbage", "").status, 401);
  // A user without an organisation, and a token naming a tenant its user is not a member of.
  EXPECT_EQ(Call("GET", "/api/v1/events", Token(testing::kOutsider, "")).status, 403);
  auto forged = Call("GET", "/api/v1/events", Token(testing::kManagerB, kDemoTenant));
  EXPECT_EQ(forged.status, 403);
  EXPECT_NE(forged.body.find("\"forbidden\""), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/events?since=1", TokenA()).status, 400);
}

TEST_F(EventsTest, SigtermWithOpenStreamsStillExitsCleanly) {
  StreamClient a(port_, "/api/v1/events?access_token=" + TokenA());
  StreamClient b(port_, "/api/v1/events?access_token=" + TokenB());
  ASSERT_TRUE(a.WaitFor("retry:", 5000));
  ASSERT_TRUE(b.WaitFor("retry:", 5000));
  stack_->server(0).Signal(SIGTERM);
  EXPECT_EQ(stack_->server(0).Wait(8000), 0) << stack_->server(0).log();
  EXPECT_TRUE(a.WaitForEnd(2000));
  EXPECT_TRUE(b.WaitForEnd(2000));
}

}  // namespace
}  // namespace converza::api
