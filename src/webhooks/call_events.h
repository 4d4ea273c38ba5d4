// CallEvents: tells live dashboards about calls — NOTIFY the tenant's live-event channel
// (common/live_events.h) with {"type":<event type>,"call_id":"..."}, which api::EventHub turns
// into Server-Sent Events: "call.created" from the webhooks, "insight.ready" from the worker's
// analyze stage.
//
// The NOTIFY is deliberately not part of the writer's transaction: PostgreSQL serialises
// committing transactions that NOTIFY (one global lock held through the commit's WAL flush),
// which would cap webhook and pipeline throughput (see pipeline/job_notifier.h; with the NOTIFY
// inside the insight's transaction, Lock:object at commit was the pipeline's top wait in
// bench/pipeline/run). Announce() is called after the commit and only queues the event; one
// background thread sends everything queued in one statement on its own connection. An event can
// be lost if the process dies right after the commit, or if the queue overflows while the
// database is unreachable — acceptable for a live view, never for the call itself. Thread-safe.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace converza::webhooks {

class CallEvents {
 public:
  explicit CallEvents(std::string conninfo, std::string type = "call.created",
                      std::size_t max_queued = 10000);
  ~CallEvents();
  CallEvents(const CallEvents&) = delete;
  CallEvents& operator=(const CallEvents&) = delete;

  // Queues this sender's event about the call for the tenant's dashboards; never blocks on the
  // database.
  void Announce(const std::string& tenant_id, const std::string& call_id);

 private:
  void Loop();

  const std::string conninfo_;
  const std::string type_;
  const std::size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<std::string, std::string>> queue_;  // (tenant id, call id)
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace converza::webhooks
