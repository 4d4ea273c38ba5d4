// JwksCache: a Supabase project's signing keys that follow its key rotation. A project rotates by
// publishing a new key in its JWKS and then signing with it, so a token naming a `kid` the cached
// set lacks means "fetch again" (at most once per `min_refetch`, so garbage kids cannot turn the
// server into a JWKS fetch loop); the set is also refetched once it is older than `ttl`. A failed
// fetch keeps the last good set (and is retried after `min_refetch`): a JWKS endpoint that is
// briefly down must not sign everyone out. One fetch at a time; requests meanwhile use the keys
// at hand. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "auth/jwks.h"

namespace converza::auth {

struct JwksCacheOptions {
  std::chrono::milliseconds ttl{std::chrono::minutes(10)};
  std::chrono::milliseconds min_refetch{std::chrono::seconds(30)};
};

class JwksCache {
 public:
  using Options = JwksCacheOptions;
  using Fetch = std::function<Result<Jwks>()>;

  // Starts with `initial`; an empty `fetch` keeps it fixed.
  explicit JwksCache(Jwks initial, Fetch fetch = {}, Options options = {});
  // Loads the set from an http(s) URL or a file (LoadJwks) and keeps reloading it from there.
  static Result<std::shared_ptr<JwksCache>> Load(const std::string& url_or_path,
                                                 Options options = {});

  // Jwks::Verify with the current keys, refetching first when the set is stale or lacks the
  // token's kid.
  Result<std::string> Verify(std::string_view token, const VerifyOptions& options = {}) const;

  std::size_t size() const;
  int fetches() const { return fetches_; }  // attempts so far (for tests and logs)

 private:
  std::shared_ptr<const Jwks> Current() const;
  // Fetches unless one ran less than min_refetch ago; true when a new set was installed.
  bool Refetch() const;

  const Fetch fetch_;
  const Options options_;
  mutable std::mutex mu_;
  mutable std::shared_ptr<const Jwks> keys_;
  mutable std::chrono::steady_clock::time_point fetched_at_, attempted_at_;
  mutable bool fetching_ = false;
  mutable std::atomic<int> fetches_{0};
};

}  // namespace converza::auth
