// Trackers in the pipeline: the analyze stage spots the tenant's trackers in every call it
// stores an insight for (LoadTrackers before, StoreTrackerHits in the job's transaction), and
// TrackersStage (`trackers` jobs, queued per call by public.rerun_trackers()) spots them again
// in a past call after the tenant changed its trackers, counting the run's progress in
// tracker_runs in the same transaction. Both replace the call's hits, so a job that runs twice
// leaves the same rows. Thread-safe: no state beyond the context.
#pragma once

#include <string>
#include <vector>

#include "analysis/tracker_matcher.h"
#include "pipeline/stage.h"

namespace converza::pipeline {

// The tenant's trackers with their phrases, oldest first.
std::vector<analysis::TrackerDefinition> LoadTrackers(db::Connection& c,
                                                      const std::string& tenant_id);

// Replaces the call's tracker hits (hits of trackers deleted meanwhile are dropped).
void StoreTrackerHits(db::Transaction& tx, const std::string& tenant_id, const std::string& call_id,
                      const std::vector<analysis::TrackerHit>& hits);

class TrackersStage : public Stage {
 public:
  explicit TrackersStage(StageContext ctx) : ctx_(ctx) {}
  boost::asio::awaitable<Outcome> Run(const Job& job) override;

 private:
  StageContext ctx_;
};

}  // namespace converza::pipeline
