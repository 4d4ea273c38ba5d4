// The agent filter shared by the KPI and calls endpoints (their date ranges: QueryParams::Range).
#pragma once

#include <string>

#include "db/connection.h"

namespace converza::api {

// True when `agent_id` is one of the caller's tenant's agents (RLS and tenant_id both decide).
// A filter naming an agent the caller cannot see answers 404, like any other foreign id.
bool AgentVisible(db::Transaction& tx, const std::string& tenant_id, const std::string& agent_id);

}  // namespace converza::api
