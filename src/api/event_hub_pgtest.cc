// EventHub in-process against a real database: fan-out to every subscriber of the tenant,
// Close() ending a subscription, and a subscriber that falls behind is dropped instead of
// queueing without bound.
#include <gtest/gtest.h>

#include <thread>

#include "api/event_hub.h"
#include "db/connection.h"
#include "test_cluster.h"
#include "two_tenants.h"

namespace converza::api {
namespace {

// Ids of the two-tenant fixture (two_tenants.h); events name them, no rows are needed.
constexpr const char* kTenant = testing::kTenantA;
constexpr const char* kCall = testing::kCallA1;

class EventHubTest : public ::testing::Test {
 protected:
  void Notify(const std::string& call) {
    sql_.exec(
        "select pg_notify($1, json_build_object('type', 'call.created', 'call_id', "
        "$2::text)::text)",
        {LiveEventChannel(kTenant), call});
  }
  static auto Soon() { return std::chrono::steady_clock::now() + std::chrono::seconds(5); }

  testing::TestDatabase db_;
  db::Connection sql_{db_.conninfo()};
};

TEST_F(EventHubTest, FansOutToEverySubscriberOfTheTenant) {
  EventHubOptions options;
  EventHub hub(db_.conninfo(), options);
  auto a = hub.Subscribe(kTenant), b = hub.Subscribe(kTenant);
  EXPECT_EQ(hub.subscribers(), 2u);
  EXPECT_TRUE(hub.connected());
  Notify(kCall);
  const std::string event =
      "event: call.created\ndata: {\"call_id\":\"" + std::string(kCall) + "\"}\n\n";
  EXPECT_EQ(a->Wait(Soon()), event);
  EXPECT_EQ(b->Wait(Soon()), event);
  // Nothing more: the deadline passes with "".
  EXPECT_EQ(a->Wait(std::chrono::steady_clock::now() + std::chrono::milliseconds(50)), "");
  a->Close();
  EXPECT_EQ(a->Wait(Soon()), std::nullopt);
  a.reset();
  b.reset();
  EXPECT_EQ(hub.subscribers(), 0u);
}

TEST_F(EventHubTest, ASubscriberThatFallsBehindIsDropped) {
  EventHubOptions options;
  options.max_pending = 10;
  EventHub hub(db_.conninfo(), options);
  auto slow = hub.Subscribe(kTenant);
  // 15 distinct events while this subscriber reads nothing: past 10 queued events the hub drops
  // it instead of buffering on. (15, not more: a subscriber that joins while the hub is still
  // dispatching the tail gets at most 4 of them, well under its own limit.)
  sql_.exec(
      "select count(pg_notify($1, json_build_object('type', 'call.created', 'call_id',"
      " format('aaaaaaaa-ca11-4000-8000-%s', lpad(i::text, 12, '0')))::text))"
      " from generate_series(1, 15) i",
      {LiveEventChannel(kTenant)});
  const auto deadline = Soon();
  while (!slow->closed() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(slow->closed());
  EXPECT_EQ(slow->Wait(deadline), std::nullopt);  // what it had queued is discarded too
  // The tenant's other subscribers are unaffected: a new one gets the next event.
  auto next = hub.Subscribe(kTenant);
  sql_.exec(
      "select pg_notify($1, "
      "'{\"type\":\"insight.ready\",\"call_id\":\"aaaaaaaa-ca11-4000-8000-000000000201\"}')",
      {LiveEventChannel(kTenant)});
  std::string received;
  const auto next_deadline = Soon();
  while (received.find("insight.ready") == std::string::npos &&
         std::chrono::steady_clock::now() < next_deadline) {
    auto got = next->Wait(next_deadline);
    ASSERT_TRUE(got.has_value()) << "the new subscriber was dropped too";
    received += *got;
  }
  EXPECT_NE(received.find("insight.ready"), std::string::npos);
  EXPECT_FALSE(next->closed());
}

}  // namespace
}  // namespace converza::api
