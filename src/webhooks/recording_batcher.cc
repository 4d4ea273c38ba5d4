#include "webhooks/recording_batcher.h"

#include <chrono>
#include <unordered_map>

#include "common/log.h"
#include "common/strings.h"

namespace converza::webhooks {
namespace {

// One statement for the whole batch: input rows -> tenant (existing call, else the hint) ->
// upserted calls -> new transcribe jobs. Rows are sorted by CallSid so concurrent batches take
// row locks in the same order. Webhook retries update the same call and find the job there.
// The existing call is looked up by a parameterised subquery per row (`offset 0` keeps it one),
// not a join: the statement is prepared once per connection and PostgreSQL keeps its generic
// plan, and a join planned while calls was a new tenant's empty table hashes the whole table on
// every batch as it grows (3x slower until autovacuum's first ANALYZE). A per-row probe of
// calls_call_sid_key is the cheapest plan at any size the planner may believe.
//
// A retry that changes nothing (Twilio re-sending a webhook whose call already holds this
// recording and its job) writes nothing: the row this statement's snapshot sees was committed,
// and a commit with synchronous_commit on is flushed before it becomes visible, so the webhook is
// already durable. A batch of such retries is read-only and commits without a WAL flush; an
// update would rewrite the call row and its index entries for nothing.
constexpr std::string_view kStoreRecordings = R"sql(
  with input as (
    select distinct on (r.call_sid) r.*
      from jsonb_to_recordset($1::jsonb) as r(call_sid text, tenant_hint uuid, account_sid text,
             recording_sid text, recording_url text, duration int, channels int, status text,
             started_unix bigint, bound boolean)
     order by r.call_sid),
  t as (
    select i.*, k.id as known_id,
           case when i.bound and k.tenant_id <> i.tenant_hint then null
                else coalesce(k.tenant_id, i.tenant_hint) end as tenant_id,
           -- "offset 0" keeps the job lookup a probe of the jobs key per known call: without
           -- it the planner may hash every transcribe job on each batch instead, which on a
           -- young database (20,000 jobs) cost 12 ms of a 13 ms batch (docs/benchmarks.md).
           coalesce(k.same and (i.status <> 'completed' or exists (
             select 1 from jobs j
              where j.tenant_id = k.tenant_id and j.kind = 'transcribe' and j.call_id = k.id
             offset 0)),
             false) as unchanged
      from input i left join lateral (
        select c.tenant_id, c.id,
               (c.recording_sid, c.recording_url, c.recording_duration_s, c.recording_channels)
                 is not distinct from
               (i.recording_sid, nullif(i.recording_url, ''), i.duration, i.channels)
               and (i.started_unix is null or c.started_at = to_timestamp(i.started_unix)) as same
          from calls c where c.call_sid = i.call_sid offset 0) k on true),
  c as (
    insert into calls (tenant_id, call_sid, account_sid, recording_sid, recording_url,
                       recording_duration_s, recording_channels, started_at)
    select tenant_id, call_sid, account_sid, recording_sid, nullif(recording_url, ''), duration,
           channels, coalesce(to_timestamp(started_unix), now())
      from t where tenant_id is not null and not unchanged
     order by call_sid
    on conflict (call_sid) do update
      set recording_sid = excluded.recording_sid,
          recording_url = excluded.recording_url,
          recording_duration_s = excluded.recording_duration_s,
          recording_channels = excluded.recording_channels,
          -- Twilio's recording start, when it sent one, beats the time the first webhook arrived.
          started_at = coalesce((select to_timestamp(i.started_unix) from input i
                                  where i.call_sid = excluded.call_sid), calls.started_at),
          updated_at = now()
    returning tenant_id, id, call_sid, (xmax = 0) as created),
  j as (
    insert into jobs (tenant_id, kind, call_id)
    select c.tenant_id, 'transcribe', c.id from c join t on t.call_sid = c.call_sid
     where t.status = 'completed'
    on conflict (tenant_id, kind, call_id) do nothing
    returning call_id)
  select c.call_sid, exists (select 1 from j where j.call_id = c.id), c.tenant_id, c.id, c.created
    from c
  union all
  select call_sid, false, tenant_id, known_id, false from t
   where unchanged and tenant_id is not null)sql";

std::string ToJson(const std::vector<RecordingItem*>& items) {
  auto str = [](const std::string& s) { return "\"" + JsonEscape(s) + "\""; };
  auto opt = [](const std::optional<int>& v) { return v ? std::to_string(*v) : "null"; };
  std::string out = "[";
  for (const auto* it : items) {
    if (out.size() > 1) out += ",";
    out += "{\"call_sid\":" + str(it->call_sid) +
           ",\"tenant_hint\":" + (it->tenant_hint.empty() ? "null" : str(it->tenant_hint)) +
           ",\"account_sid\":" + str(it->account_sid) +
           ",\"recording_sid\":" + str(it->recording_sid) +
           ",\"recording_url\":" + str(it->recording_url) + ",\"duration\":" + opt(it->duration_s) +
           ",\"channels\":" + opt(it->channels) + ",\"status\":" + str(it->status) +
           ",\"started_unix\":" + (it->started_unix ? std::to_string(*it->started_unix) : "null") +
           ",\"bound\":" + (it->bound_to_hint ? "true" : "false") + "}";
  }
  return out + "]";
}

}  // namespace

std::string_view StoreRecordingsSql() { return kStoreRecordings; }

RecordingBatcher::RecordingBatcher(db::Pool& pool, int flushers, std::size_t max_batch)
    : pool_(pool), max_batch_(max_batch) {
  for (int i = 0; i < flushers; ++i) threads_.emplace_back([this] { Flush(); });
  statistics_ = std::thread([this] { RefreshYoungStatistics(); });
}

RecordingBatcher::~RecordingBatcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  stopping_.notify_all();
  for (auto& t : threads_) t.join();
  statistics_.join();
}

void RecordingBatcher::Submit(RecordingItem item, Done done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(item), std::move(done)});
  }
  cv_.notify_one();
}

void RecordingBatcher::Write(std::vector<Pending>& batch) {
  std::vector<RecordingItem*> items;
  for (auto& p : batch) items.push_back(&p.item);
  auto c = pool_.acquire();
  auto rows = c->exec(kStoreRecordings, {ToJson(items)});
  std::unordered_map<std::string_view, RecordingResult> stored;  // by call_sid
  for (int i = 0; i < rows.size(); ++i) {
    stored[rows.get(i, 0)] = {true, rows.get_bool(i, 1), rows.get_bool(i, 4),
                              std::string(rows.get(i, 2)), std::string(rows.get(i, 3))};
  }
  for (auto& p : batch) {
    auto it = stored.find(p.item.call_sid);
    RecordingResult r;
    if (it != stored.end()) {
      r = it->second;
      // A duplicate in the same batch neither enqueued a second job nor created the call.
      it->second.enqueued = it->second.created = false;
    }
    p.done(r, nullptr);
  }
}

void RecordingBatcher::RefreshYoungStatistics() {
  for (;;) {
    {
      std::unique_lock lock(mu_);
      if (stopping_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_; })) return;
    }
    if (!written_.exchange(false)) continue;
    try {
      auto c = pool_.acquire();
      auto analysed = c->exec("select private.analyze_young_tables()");
      for (int i = 0; i < analysed.size(); ++i) {
        log::Info("analysed a young table", {{"table", std::string(analysed.get(i, 0))}});
      }
    } catch (const db::Error& e) {
      // Only a missed chance: autovacuum gets there too, later.
      log::Warn("could not refresh planner statistics", {{"error", e.what()}});
    }
  }
}

void RecordingBatcher::Flush() {
  // Connect and prepare the statement now, so the first webhooks after a start do not wait for
  // it. A database that is down now is retried by the first real batch.
  try {
    std::vector<Pending> none;
    Write(none);
  } catch (const std::exception&) {
  }
  for (;;) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    try {
      Write(batch);
      written_ = true;
    } catch (const db::Error& e) {
      if (batch.size() == 1 || e.connection_lost()) {
        for (auto& p : batch) p.done({}, std::current_exception());
        continue;
      }
      // Isolate the bad item (or ride out a deadlock): one statement per webhook.
      for (auto& p : batch) {
        std::vector<Pending> one;
        one.push_back(std::move(p));
        try {
          Write(one);
        } catch (const db::Error&) {
          one[0].done({}, std::current_exception());
        }
      }
    }
  }
}

}  // namespace converza::webhooks
