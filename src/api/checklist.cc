// GET /api/v1/onboarding/checklist: how far the organisation is from its first analysed call,
// computed from what is in the database (never from the browser), so a manager who signs out
// half-way through setup is brought back to the step they left, on any device. The steps, in
// order: a phone number, agents, a reviewed call script (a version saved after the default one
// the organisation was created with) and a first call analysed. The dashboard shows the list
// until the last step is done; onboarding resumes at the first step not done.
//
//   {"steps":[{"id":"number","done":true},{"id":"agents",...},{"id":"script",...},
//             {"id":"first_call",...}],
//    "complete":false, "next":"script", "number":"+14155550100" | null, "calls":0}
//
// `number` is the active number a test call should dial; `calls` how many calls arrived (one may
// be on its way through the pipeline). Runs as the caller, so RLS limits every count to the
// caller's tenant.
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

constexpr std::string_view kChecklist = R"sql(
with s as (
  select exists (select 1 from public.phone_numbers
                  where tenant_id = $1::uuid and status = 'active') as number,
         exists (select 1 from public.agents where tenant_id = $1::uuid and active) as agents,
         coalesce((select max(version) from public.scripts where tenant_id = $1::uuid), 0) > 1
           as script,
         exists (select 1 from public.insights where tenant_id = $1::uuid) as first_call)
select json_build_object(
  'steps', json_build_array(json_build_object('id', 'number', 'done', s.number),
                            json_build_object('id', 'agents', 'done', s.agents),
                            json_build_object('id', 'script', 'done', s.script),
                            json_build_object('id', 'first_call', 'done', s.first_call)),
  'complete', s.number and s.agents and s.script and s.first_call,
  'next', case when not s.number then 'number' when not s.agents then 'agents'
               when not s.script then 'script' when not s.first_call then 'first_call' end,
  'number', (select e164 from public.phone_numbers where tenant_id = $1::uuid
              and status = 'active' order by created_at, id limit 1),
  'calls', (select count(*) from public.calls where tenant_id = $1::uuid))::text
  from s)sql";

}  // namespace

void AddChecklistRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/onboarding/checklist", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [](db::Transaction& tx, const auth::Principal& who) {
      return http::Response::Json(200, std::string(tx.exec(kChecklist, {who.tenant_id}).get(0, 0)));
    });
  });
}

}  // namespace converza::api
