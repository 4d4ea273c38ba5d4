#include "pipeline/trackers_stage.h"

#include <boost/json.hpp>

#include "pipeline/blocking.h"
#include "pipeline/call_turns.h"

namespace converza::pipeline {

namespace asio = boost::asio;
namespace json = boost::json;

namespace {

constexpr std::string_view kLoadTrackers = R"sql(
  select t.id::text, p from public.trackers t, unnest(t.phrases) p
   where t.tenant_id = $1 order by t.created_at, t.id)sql";

// The call's hits replaced in one statement. The insert reads `gone` so the old hits are deleted
// first (a CTE nobody reads runs after the main statement: the new hits would collide with them).
constexpr std::string_view kReplaceHits = R"sql(
  with gone as (delete from public.tracker_hits where tenant_id = $1 and call_id = $2 returning 1)
  insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
  select $1, $2, t.id, (e->>'count')::int, (e->>'first_ms')::int, e->>'speaker'
    from (select count(*) from gone) g, jsonb_array_elements($3::jsonb) e
    join public.trackers t on t.tenant_id = $1 and t.id = (e->>'tracker_id')::uuid)sql";

// One more call of the tenant's re-run done; the run ends with its last call.
constexpr std::string_view kCountProgress = R"sql(
  update public.tracker_runs
     set done = done + 1, finished_at = case when done + 1 >= total then now() end
   where tenant_id = $1 and finished_at is null)sql";

}  // namespace

std::vector<analysis::TrackerDefinition> LoadTrackers(db::Connection& c,
                                                      const std::string& tenant_id) {
  std::vector<analysis::TrackerDefinition> out;
  auto rows = c.exec(kLoadTrackers, {tenant_id});
  for (int i = 0; i < rows.size(); ++i) {
    std::string id(rows.get(i, 0));
    if (out.empty() || out.back().id != id) out.push_back({id, {}});
    out.back().phrases.emplace_back(rows.get(i, 1));
  }
  return out;
}

void StoreTrackerHits(db::Transaction& tx, const std::string& tenant_id, const std::string& call_id,
                      const std::vector<analysis::TrackerHit>& hits) {
  json::array rows;
  for (const auto& h : hits) {
    rows.push_back(json::object{{"tracker_id", h.tracker_id},
                                {"count", h.count},
                                {"first_ms", h.first_ms},
                                {"speaker", analysis::SpeakerName(h.speaker)}});
  }
  tx.exec(kReplaceHits, {tenant_id, call_id, json::serialize(rows)});
}

asio::awaitable<Outcome> TrackersStage::Run(const Job& job) {
  auto hits = co_await Blocking(ctx_.blocking, [&] {
    auto c = ctx_.pool.acquire();
    const auto turns = LoadTurns(*c, job.tenant_id, job.call_id);
    return analysis::TrackerMatcher(LoadTrackers(*c, job.tenant_id)).Match(turns);
  });
  co_return Outcome::Done(
      [tenant = job.tenant_id, call = job.call_id, hits = std::move(hits)](db::Transaction& tx) {
        StoreTrackerHits(tx, tenant, call, hits);
        tx.exec(kCountProgress, {tenant});
      });
}

}  // namespace converza::pipeline
