// JobNotifier: wakes idle workers after jobs were enqueued, without putting a NOTIFY into every
// webhook's transaction. PostgreSQL serialises committing transactions that NOTIFY (a global
// lock on the notification queue), which would cap webhook throughput; instead Poke() only sets
// a flag, and one background thread sends at most one `pg_notify('converza_jobs')` per interval
// on its own connection. Workers also poll, so a lost wake-up only costs latency. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace converza::pipeline {

inline constexpr const char* kJobsChannel = "converza_jobs";

class JobNotifier {
 public:
  explicit JobNotifier(std::string conninfo,
                       std::chrono::milliseconds interval = std::chrono::milliseconds(20));
  ~JobNotifier();
  JobNotifier(const JobNotifier&) = delete;
  JobNotifier& operator=(const JobNotifier&) = delete;
  void Poke();

 private:
  void Loop();
  const std::string conninfo_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool pending_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace converza::pipeline
