// RecordingBatcher: group commit for recording webhooks. Each webhook still gets its own durable
// answer — its callback runs only after the transaction holding its call row and job committed —
// but concurrent webhooks share one statement and one commit. On a 2-core box PostgreSQL's
// per-statement and per-commit work, not the fsync, is what limits one-row-per-transaction
// ingestion; batching divides it by the batch size.
//
// Batches form naturally: `flushers` threads each take whatever is waiting (up to `max_batch`),
// so a lone webhook is written at once and a burst is written in a few large statements. One
// flusher is the default: on the 2-core box it acks ~30% more webhooks per second than two or
// four, whose smaller batches pay the per-statement work more often (docs/benchmarks.md). A batch
// that fails as a whole (one bad item, a deadlock) is retried item by item, so one bad webhook
// never fails another. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "db/pool.h"

namespace converza::webhooks {

struct RecordingItem {
  std::string call_sid;
  std::string tenant_hint;  // tenant id from the signed callback URL or the subaccount; may be ""
  std::string account_sid;
  std::string recording_sid;
  std::string recording_url;
  std::optional<int> duration_s, channels;
  std::string status;  // RecordingStatus; only "completed" enqueues transcription
  std::optional<long long> started_unix;  // RecordingStartTime: becomes calls.started_at
  // Signed by a tenant's own Twilio account: the call must be that tenant's (tenant_hint), never
  // an existing call of another tenant.
  bool bound_to_hint = false;
};

struct RecordingResult {
  bool stored = false;             // false: no tenant owns the call (nothing written)
  bool enqueued = false;           // a new transcribe job was created
  bool created = false;            // the call row is new (no earlier webhook had created it)
  std::string tenant_id, call_id;  // when stored
};

// The batch statement ($1: the batch as a JSON array), for tests that check its plan.
std::string_view StoreRecordingsSql();

class RecordingBatcher {
 public:
  RecordingBatcher(db::Pool& pool, int flushers = 1, std::size_t max_batch = 256);
  ~RecordingBatcher();
  RecordingBatcher(const RecordingBatcher&) = delete;
  RecordingBatcher& operator=(const RecordingBatcher&) = delete;

  // Runs on a flusher thread once the item is committed (error null), or with the db::Error
  // that kept it from being stored. Must be quick: it delays the next batch.
  using Done = std::function<void(const RecordingResult&, std::exception_ptr error)>;

  // Queues `item`; never blocks on the database.
  void Submit(RecordingItem item, Done done);

 private:
  struct Pending {
    RecordingItem item;
    Done done;
  };
  void Flush();
  // Stores `batch` in one statement and fulfils every promise; throws on failure.
  void Write(std::vector<Pending>& batch);
  // At most once a second per process, after batches were written: planner statistics for
  // calls, jobs, transcript lines and tracker hits while they are young
  // (db/functions/private.analyze_young_tables.sql), so a new database's webhooks are as fast as
  // an old one's from the first minute. On its own thread: an ANALYZE takes tens of
  // milliseconds, which on a flusher's thread every webhook queued behind it would wait (the p99
  // of a new database's first minute, docs/benchmarks.md).
  void RefreshYoungStatistics();

  db::Pool& pool_;
  const std::size_t max_batch_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
  std::atomic<bool> written_{false};  // a batch was written since the last statistics refresh
  std::condition_variable stopping_;  // wakes the statistics thread (cv_ wakes flushers)
  std::thread statistics_;
};

}  // namespace converza::webhooks
