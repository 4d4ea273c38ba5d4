// Stage: one step of the pipeline (transcribe, analyze) as the worker sees it. A stage does its
// slow work (provider calls) asynchronously and returns an Outcome: on success a `write`
// function the worker runs in the same transaction that completes the job (so results and
// completion commit together or not at all); on failure whether a retry can help.
// Stages must be idempotent: a job may run again after a crash or a lost lease.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "db/connection.h"
#include "db/pool.h"
#include "pipeline/job_queue.h"

namespace converza::pipeline {

struct Outcome {
  // kWait: not a failure — the job's work is under way elsewhere (a provider transcribing) and
  // the job comes back after `retry_after` without using an attempt or holding a worker slot.
  enum class Kind { kDone, kRetry, kPermanent, kWait };
  Kind kind = Kind::kDone;
  std::string error;
  std::optional<std::chrono::milliseconds> retry_after;
  std::function<void(db::Transaction&)> write;  // kDone only; may be empty
  // kDone only, may be empty: runs once `write` and the job's completion have committed (not
  // when the lease was lost), for what must not be inside the transaction (a NOTIFY).
  std::function<void()> after_commit;

  static Outcome Done(std::function<void(db::Transaction&)> w,
                      std::function<void()> after_commit = {}) {
    return {Kind::kDone, "", std::nullopt, std::move(w), std::move(after_commit)};
  }
  static Outcome Retry(std::string e, std::optional<std::chrono::milliseconds> after = {}) {
    return {Kind::kRetry, std::move(e), after, {}, {}};
  }
  static Outcome Permanent(std::string e) { return {Kind::kPermanent, std::move(e), {}, {}, {}}; }
  static Outcome Wait(std::string why, std::chrono::milliseconds after) {
    return {Kind::kWait, std::move(why), after, {}, {}};
  }
};

// What stages share: the database (blocking calls go to `blocking`, never the event loop).
struct StageContext {
  db::Pool& pool;
  boost::asio::thread_pool& blocking;
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual boost::asio::awaitable<Outcome> Run(const Job& job) = 0;
};

}  // namespace converza::pipeline
