// EventHub: live updates for dashboards. The pipeline and the webhooks NOTIFY a tenant's channel
// (common/live_events.h; payload {"type":"call.created"|"insight.ready","call_id":...});
// one LISTEN connection per `serve` process receives them and fans them out to that tenant's
// subscribers (Server-Sent Events clients), already formatted as SSE text. The hub LISTENs only on
// channels that have subscribers, and reconnects by itself (re-LISTENing every channel) after
// PostgreSQL restarts; events sent while it was disconnected are lost, which a live view
// tolerates (the dashboard refetches on reconnect).
//
// The hub runs as the server's own database user, so it is not RLS that keeps tenants apart here:
// callers must subscribe only to the tenant the caller's verified token names and is a member of
// (api/events.cc checks membership as the user before subscribing).
//
// Thread-safe. The hub must outlive its subscriptions.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/live_events.h"

namespace converza::api {

struct EventHubOptions {
  std::chrono::milliseconds reconnect{1000};      // wait between LISTEN connection attempts
  std::chrono::milliseconds health_check{10000};  // idle time before probing the connection
  std::size_t max_pending = 1024;  // events queued for one slow subscriber before it is dropped
};

class EventHub {
 public:
  explicit EventHub(std::string conninfo, EventHubOptions options = {});
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // One subscriber's queue of SSE text. Thread-safe; unsubscribes when destroyed.
  class Subscription {
   public:
    ~Subscription();
    // Waits until events are queued, `deadline` passes or the subscription closes. Returns the
    // queued events as SSE text ("" at the deadline), or nullopt once closed.
    std::optional<std::string> Wait(std::chrono::steady_clock::time_point deadline);
    // Ends the subscription: a blocked Wait() returns nullopt. Idempotent.
    void Close();
    // True once closed, by Close() or by the hub dropping a subscriber that fell behind.
    bool closed();

   private:
    friend class EventHub;
    Subscription(EventHub& hub, std::string tenant) : hub_(hub), tenant_(std::move(tenant)) {}
    void Push(const std::string& text, std::size_t max_pending);

    EventHub& hub_;
    const std::string tenant_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::string pending_;
    std::size_t count_ = 0;
    bool closed_ = false;
  };

  // Subscribes to `tenant_id` (a UUID) and waits up to `wait` until the hub LISTENs on its
  // channel, so events committed after this returns reach the subscriber while the database is
  // up. Also returns (still subscribed) when the database is unreachable.
  std::shared_ptr<Subscription> Subscribe(const std::string& tenant_id,
                                          std::chrono::milliseconds wait = std::chrono::seconds(2));

  std::size_t subscribers() const;
  bool connected() const;  // the LISTEN connection is up

 private:
  void Loop();
  void Wake();
  void Unsubscribe(Subscription* s);
  void Dispatch(const std::string& channel, const std::string& payload);

  const std::string conninfo_;
  const EventHubOptions options_;
  int wake_fd_ = -1;  // eventfd: new channels to LISTEN on, or stop
  mutable std::mutex mu_;
  std::condition_variable listening_cv_;
  std::map<std::string, std::vector<Subscription*>> subs_;  // tenant id -> subscribers
  std::set<std::string> listening_;                         // tenants LISTENed on now
  enum class State { kConnecting, kUp, kDown } state_ = State::kConnecting;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace converza::api
