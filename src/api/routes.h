// AddApiRoutes: every /api/v1 route, one Add*Routes function per resource file in src/api/.
#pragma once

#include "api/context.h"
#include "http/router.h"

namespace converza::api {

void AddApiRoutes(http::Router& router, ApiContext& ctx);

// Per-resource registration, each defined in the file named after its resource.
void AddMeRoutes(http::Router& router, ApiContext& ctx);            // me.cc
void AddEventRoutes(http::Router& router, ApiContext& ctx);         // events.cc
void AddRecordingRoutes(http::Router& router, ApiContext& ctx);     // recording.cc
void AddOnboardingRoutes(http::Router& router, ApiContext& ctx);    // onboarding.cc
void AddNumberRoutes(http::Router& router, ApiContext& ctx);        // numbers.cc
void AddChecklistRoutes(http::Router& router, ApiContext& ctx);     // checklist.cc
void AddKpiRoutes(http::Router& router, ApiContext& ctx);           // kpis.cc
void AddAgentRoutes(http::Router& router, ApiContext& ctx);         // agents.cc
void AddAgentProfileRoutes(http::Router& router, ApiContext& ctx);  // agent_profile.cc
void AddCallRoutes(http::Router& router, ApiContext& ctx);          // calls.cc
void AddCallExportRoutes(http::Router& router, ApiContext& ctx);    // calls_export.cc
void AddCallDetailRoutes(http::Router& router, ApiContext& ctx);    // call_detail.cc
void AddOverrideRoutes(http::Router& router, ApiContext& ctx);      // overrides.cc
void AddCommentRoutes(http::Router& router, ApiContext& ctx);       // comments.cc
void AddScriptRoutes(http::Router& router, ApiContext& ctx);        // scripts.cc
void AddReanalysisRoutes(http::Router& router, ApiContext& ctx);    // reanalysis.cc
void AddTrackerRoutes(http::Router& router, ApiContext& ctx);       // trackers.cc
void AddAlertRoutes(http::Router& router, ApiContext& ctx);         // alerts.cc
void AddAdminRoutes(http::Router& router, ApiContext& ctx);         // admin.cc
void AddPlanRoutes(http::Router& router, ApiContext& ctx);          // plans.cc
void AddTeamRoutes(http::Router& router, ApiContext& ctx);          // team.cc
void AddOpenApiRoutes(http::Router& router);                        // openapi.cc
// The embedded OpenAPI document (src/api/openapi.json).
std::string_view OpenApiDocument();  // openapi.cc

}  // namespace converza::api
