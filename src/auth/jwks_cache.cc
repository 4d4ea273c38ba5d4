#include "auth/jwks_cache.h"

#include "auth/jwt.h"
#include "common/log.h"

namespace converza::auth {

JwksCache::JwksCache(Jwks initial, Fetch fetch, Options options)
    : fetch_(std::move(fetch)),
      options_(options),
      keys_(std::make_shared<const Jwks>(std::move(initial))),
      fetched_at_(std::chrono::steady_clock::now()) {}

Result<std::shared_ptr<JwksCache>> JwksCache::Load(const std::string& url_or_path,
                                                   Options options) {
  auto first = LoadJwks(url_or_path);
  if (!first.ok()) return first.status();
  return std::make_shared<JwksCache>(
      std::move(*first), [url_or_path] { return LoadJwks(url_or_path); }, options);
}

std::shared_ptr<const Jwks> JwksCache::Current() const {
  std::lock_guard lock(mu_);
  return keys_;
}

std::size_t JwksCache::size() const { return Current()->size(); }

bool JwksCache::Refetch() const {
  if (!fetch_) return false;
  {
    std::lock_guard lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (fetching_ || (fetches_ > 0 && now - attempted_at_ < options_.min_refetch)) return false;
    fetching_ = true;
    attempted_at_ = now;
  }
  ++fetches_;
  auto fetched = fetch_();
  std::lock_guard lock(mu_);
  fetching_ = false;
  if (!fetched.ok()) {
    log::Warn("JWKS refetch failed; keeping the last good keys",
              {{"error", fetched.status().message()}});
    return false;
  }
  keys_ = std::make_shared<const Jwks>(std::move(*fetched));
  fetched_at_ = std::chrono::steady_clock::now();
  return true;
}

Result<std::string> JwksCache::Verify(std::string_view token, const VerifyOptions& options) const {
  bool stale;
  {
    std::lock_guard lock(mu_);
    stale = std::chrono::steady_clock::now() - fetched_at_ >= options_.ttl;
  }
  if (stale) Refetch();
  auto keys = Current();
  auto jwt = DecodeJwt(token);
  if (jwt.ok() && !keys->HasKeyFor(jwt->kid, jwt->alg) && Refetch()) keys = Current();
  return keys->Verify(token, options);
}

}  // namespace converza::auth
