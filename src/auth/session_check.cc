#include "auth/session_check.h"

#include "common/strings.h"

namespace converza::auth {

namespace {
constexpr std::size_t kMaxEntries = 100000;
}  // namespace

SessionCheck::SessionCheck(db::Pool& pool, std::chrono::milliseconds ttl)
    : pool_(pool), ttl_(ttl) {}

bool SessionCheck::Alive(const std::string& session_id) {
  if (!IsUuid(session_id)) return false;  // GoTrue's ids are UUIDs; nothing else names one
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(session_id);
    if (it != cache_.end() && (!it->second.alive || now - it->second.checked < ttl_)) {
      return it->second.alive;
    }
  }
  auto conn = pool_.acquire();
  const bool alive =
      !conn->exec("select 1 from auth.sessions where id = $1::uuid", {session_id}).empty();
  std::lock_guard lock(mu_);
  if (cache_.size() >= kMaxEntries) cache_.clear();
  cache_[session_id] = {alive, now};
  return alive;
}

void SessionCheck::Clear() {
  std::lock_guard lock(mu_);
  cache_.clear();
}

}  // namespace converza::auth
