// Date ranges and agent filters shared by the KPI, leaderboard, calls and admin endpoints.
// `from`/`to` are inclusive UTC days; when both are absent, the 30 days ending today (UTC).
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "db/connection.h"

namespace converza::api {

struct DateRange {
  std::string from;           // YYYY-MM-DD
  std::string to;             // YYYY-MM-DD, >= from
  int days = 0;               // to - from + 1
  std::string previous_from;  // the equally long period just before `from`
  std::string previous_to;
};

// The range from already validated (QueryParams::Date) `from`/`to`: a missing `to` is today, a
// missing `from` is 29 days before `to`. InvalidArgument naming the parameter when from > to or
// the range is longer than `max_days`.
Result<DateRange> MakeDateRange(const std::optional<std::string>& from,
                                const std::optional<std::string>& to, int max_days);

// True when `agent_id` is one of the caller's tenant's agents (RLS and tenant_id both decide).
// A filter naming an agent the caller cannot see answers 404, like any other foreign id.
bool AgentVisible(db::Transaction& tx, const std::string& tenant_id, const std::string& agent_id);

}  // namespace converza::api
