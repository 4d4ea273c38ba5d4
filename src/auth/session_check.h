// SessionCheck: whether the sign-in behind an access token still exists. Access tokens are
// stateless and valid until `exp`, but signing out (any scope) or reusing a rotated refresh token
// deletes the session row; from then on /api/* must refuse its tokens and live streams must end,
// as GoTrue's own /user does (403 session_not_found), instead of an hour later.
//
// Answers are cached per session for `ttl`, so a busy dashboard costs one lookup per session per
// ttl, and a sign-out on another server shows within ttl; this process's own sign-outs clear the
// cache at once (Clear). Ended sessions never come back, so they stay cached. Tokens without a
// `session_id` claim (minted by whoever holds the signing key, not by a sign-in) are not checked.
// Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/pool.h"

namespace converza::auth {

class SessionCheck {
 public:
  explicit SessionCheck(db::Pool& pool,
                        std::chrono::milliseconds ttl = std::chrono::milliseconds(5000));
  // True while the session exists. Throws db::Error when the database is unreachable.
  bool Alive(const std::string& session_id);
  // Forgets every cached answer (after this process ended sessions).
  void Clear();

 private:
  struct Entry {
    bool alive = false;
    std::chrono::steady_clock::time_point checked;
  };
  db::Pool& pool_;
  const std::chrono::milliseconds ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace converza::auth
