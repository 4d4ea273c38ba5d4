#include "webhooks/call_events.h"

#include <memory>

#include "common/live_events.h"
#include "common/log.h"
#include "db/array_literal.h"
#include "db/connection.h"

namespace converza::webhooks {
namespace {

constexpr std::string_view kNotify = R"sql(
  select pg_notify($3::text || e.tenant_id::text,
                   json_build_object('type', $4::text, 'call_id', e.call_id)::text)
    from unnest($1::uuid[], $2::uuid[]) as e(tenant_id, call_id))sql";

}  // namespace

CallEvents::CallEvents(std::string conninfo, std::string type, std::size_t max_queued)
    : conninfo_(std::move(conninfo)),
      type_(std::move(type)),
      max_queued_(max_queued),
      thread_([this] { Loop(); }) {}

CallEvents::~CallEvents() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void CallEvents::Announce(const std::string& tenant_id, const std::string& call_id) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= max_queued_) return;
    queue_.emplace_back(tenant_id, call_id);
  }
  cv_.notify_one();
}

void CallEvents::Loop() {
  std::unique_ptr<db::Connection> conn;
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left to send
    std::vector<std::pair<std::string, std::string>> batch;
    batch.swap(queue_);
    const bool stopping = stop_;
    lock.unlock();
    try {
      if (!conn || !conn->healthy()) conn = std::make_unique<db::Connection>(conninfo_);
      db::ArrayLiteral tenants, calls;
      for (const auto& [tenant_id, call_id] : batch) {
        tenants.Add(tenant_id);
        calls.Add(call_id);
      }
      conn->exec(kNotify,
                 {tenants.str(), calls.str(), std::string(kLiveEventChannelPrefix), type_});
    } catch (const db::Error& e) {
      conn.reset();
      log::Warn(
          "live event notify failed; live dashboards miss these calls",
          {{"type", type_}, {"calls", static_cast<long long>(batch.size())}, {"error", e.what()}});
      if (!stopping) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    lock.lock();
    if (stopping && queue_.empty()) return;
  }
}

}  // namespace converza::webhooks
