#include "api/routes.h"

namespace converza::api {

void AddApiRoutes(http::Router& router, ApiContext& ctx) {
  AddMeRoutes(router, ctx);
  AddEventRoutes(router, ctx);
  AddRecordingRoutes(router, ctx);
  AddOnboardingRoutes(router, ctx);
  AddNumberRoutes(router, ctx);
  AddChecklistRoutes(router, ctx);
  AddKpiRoutes(router, ctx);
  AddAgentRoutes(router, ctx);
  AddAgentProfileRoutes(router, ctx);
  AddCallRoutes(router, ctx);
  AddCallExportRoutes(router, ctx);  // before /calls/{id}: the first matching route wins
  AddCallDetailRoutes(router, ctx);
  AddOverrideRoutes(router, ctx);
  AddCommentRoutes(router, ctx);
  AddTrackerRoutes(router, ctx);
  AddAlertRoutes(router, ctx);
  AddScriptRoutes(router, ctx);
  AddReanalysisRoutes(router, ctx);
  AddAdminRoutes(router, ctx);
  AddPlanRoutes(router, ctx);
  AddTeamRoutes(router, ctx);
  AddOpenApiRoutes(router);
}

}  // namespace converza::api
