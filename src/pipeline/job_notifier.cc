#include "pipeline/job_notifier.h"

#include <memory>

#include "common/log.h"
#include "db/connection.h"

namespace converza::pipeline {

JobNotifier::JobNotifier(std::string conninfo, std::chrono::milliseconds interval)
    : conninfo_(std::move(conninfo)), interval_(interval), thread_([this] { Loop(); }) {}

JobNotifier::~JobNotifier() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void JobNotifier::Poke() {
  {
    std::lock_guard lock(mu_);
    if (pending_) return;
    pending_ = true;
  }
  cv_.notify_one();
}

void JobNotifier::Loop() {
  std::unique_ptr<db::Connection> conn;
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait(lock, [&] { return pending_ || stop_; });
    if (stop_) break;
    pending_ = false;
    lock.unlock();
    try {
      if (!conn || !conn->healthy()) conn = std::make_unique<db::Connection>(conninfo_);
      conn->exec("select pg_notify($1, '')", {std::string(kJobsChannel)});
    } catch (const db::Error& e) {
      conn.reset();  // workers still poll; retry on the next poke
      log::Warn("job wake-up notify failed", {{"error", e.what()}});
    }
    std::this_thread::sleep_for(interval_);
    lock.lock();
  }
}

}  // namespace converza::pipeline
