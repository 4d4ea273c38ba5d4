// SharedRateLimits: the per-IP and per-tenant request budgets of RequestPolicy, shared by every
// `converza serve` on one database, so that N servers behind a balancer give a client one
// budget rather than N.
//
// A request never waits for the database. Each process counts what it admits per key; one
// background thread sends those counts every `interval` in a single statement
// (db/functions/private.share_rate_usage.sql) and gets back each key's use over the last minute
// on all servers (a sliding window). Take() compares that figure plus what this process admitted
// since with the limit. The overshoot is therefore bounded by what the servers admit in one
// interval before they see each other's counts; a database that cannot be reached leaves each
// process with its own local limits (http::KeyedRateLimiter), as before.
//
// Keys not seen for two minutes are forgotten, so memory follows the active clients.
// Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "http/rate_limit.h"

namespace converza::db {
class Connection;
}

namespace converza::api {

class SharedRateLimits {
 public:
  using Clock = std::chrono::steady_clock;

  // Connects with `conninfo` on its own connection. interval > 0 starts the sync thread;
  // interval == 0 leaves syncing to explicit Sync() calls (tests).
  SharedRateLimits(std::string conninfo, std::chrono::milliseconds interval);
  ~SharedRateLimits();
  SharedRateLimits(const SharedRateLimits&) = delete;
  SharedRateLimits& operator=(const SharedRateLimits&) = delete;

  // Admits one request for (scope, key) when all servers together have used fewer than
  // `per_minute` in the last minute, as far as this process knows. `scope` is "ip" or "tenant".
  http::KeyedRateLimiter::Verdict Take(std::string_view scope, std::string_view key, int per_minute,
                                       Clock::time_point now = Clock::now());

  // One exchange with the database: sends the counts admitted since the last one, refreshes
  // every active key's use. Returns false (and keeps the counts for the next try) when the
  // database could not be reached.
  bool Sync(Clock::time_point now = Clock::now());

 private:
  struct Usage {
    double shared = 0;        // all servers' use in the last minute, as of the last sync
    long long pending = 0;    // admitted here since the last sync
    long long in_flight = 0;  // admitted here, sent by the sync under way
    Clock::time_point last_seen;
  };
  void Loop();

  const std::string conninfo_;
  const std::chrono::milliseconds interval_;
  std::mutex sync_mu_;  // one Sync() at a time; guards conn_
  std::unique_ptr<db::Connection> conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::unordered_map<std::string, Usage> usage_;  // by scope + '\n' + key
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace converza::api
