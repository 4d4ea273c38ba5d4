#include "api/shared_rate_limits.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/log.h"
#include "db/array_literal.h"
#include "db/connection.h"

namespace converza::api {
namespace {

constexpr std::string_view kShareUsage = R"sql(
  select scope, key, used
    from private.share_rate_usage($1::text[], $2::text[], $3::bigint[]))sql";

// Keys beyond this many are not shared (their requests still pass the local limits), so a flood
// of distinct addresses cannot grow the map or the sync statement without bound.
constexpr std::size_t kMaxKeys = 100000;
// A key idle this long has left the sliding window: nothing to remember.
constexpr auto kForgetAfter = std::chrono::minutes(2);

}  // namespace

SharedRateLimits::SharedRateLimits(std::string conninfo, std::chrono::milliseconds interval)
    : conninfo_(std::move(conninfo)), interval_(interval) {
  if (interval_.count() > 0) thread_ = std::thread([this] { Loop(); });
}

SharedRateLimits::~SharedRateLimits() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

http::KeyedRateLimiter::Verdict SharedRateLimits::Take(std::string_view scope, std::string_view key,
                                                       int per_minute, Clock::time_point now) {
  if (per_minute <= 0) return {};
  std::string id;
  id.reserve(scope.size() + 1 + key.size());
  id.append(scope).append(1, '\n').append(key);
  std::lock_guard lock(mu_);
  auto it = usage_.find(id);
  if (it == usage_.end()) {
    if (usage_.size() >= kMaxKeys) return {};
    it = usage_.emplace(std::move(id), Usage{}).first;
  }
  Usage& u = it->second;
  u.last_seen = now;
  const double used = u.shared + static_cast<double>(u.in_flight + u.pending);
  if (used >= per_minute) {
    // The window slides at per_minute / 60 requests a second: wait until one is free.
    const double seconds = (used - per_minute + 1) * 60.0 / per_minute;
    return {false, std::clamp(static_cast<int>(std::ceil(seconds)), 1, 60)};
  }
  ++u.pending;
  return {};
}

bool SharedRateLimits::Sync(Clock::time_point now) {
  std::lock_guard sync_lock(sync_mu_);
  db::ArrayLiteral scopes, keys, hits;
  {
    std::lock_guard lock(mu_);
    for (auto it = usage_.begin(); it != usage_.end();) {
      Usage& u = it->second;
      if (u.pending == 0 && now - u.last_seen > kForgetAfter) {
        it = usage_.erase(it);
        continue;
      }
      const auto cut = it->first.find('\n');
      scopes.Add(std::string_view(it->first).substr(0, cut));
      keys.Add(std::string_view(it->first).substr(cut + 1));
      hits.Add(u.pending);
      u.in_flight = u.pending;
      u.pending = 0;
      ++it;
    }
  }
  if (scopes.empty()) return true;
  try {
    if (!conn_ || !conn_->healthy()) conn_ = std::make_unique<db::Connection>(conninfo_);
    db::Rows rows = conn_->exec(kShareUsage, {scopes.str(), keys.str(), hits.str()});
    std::lock_guard lock(mu_);
    for (auto& [id, u] : usage_) u.in_flight = 0;
    std::string id;
    for (int i = 0; i < rows.size(); ++i) {
      id.assign(rows.get(i, 0)).append(1, '\n').append(rows.get(i, 1));
      if (auto it = usage_.find(id); it != usage_.end())
        it->second.shared = std::strtod(std::string(rows.get(i, 2)).c_str(), nullptr);
    }
    return true;
  } catch (const db::Error& e) {
    conn_.reset();
    std::lock_guard lock(mu_);
    for (auto& [id, u] : usage_) {
      u.pending += u.in_flight;  // sent again next time
      u.in_flight = 0;
    }
    log::Warn("rate limit counts not shared; each server applies its own limits meanwhile",
              {{"error", e.what()}});
    return false;
  }
}

void SharedRateLimits::Loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    bool ok = true;
    if (!cv_.wait_for(lock, interval_, [this] { return stop_; })) {
      lock.unlock();
      ok = Sync();
      lock.lock();
    }
    // A database that is down is retried once a second, not every interval.
    if (!ok) cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
  }
}

}  // namespace converza::api
