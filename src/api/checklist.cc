// GET /api/v1/onboarding/checklist: how far the organisation is from its first analysed call,
// computed from what is in the database (never from the browser), so a manager who signs out
// half-way through setup is brought back to the step they left, on any device. The steps, in
// order: a phone number, agents, a reviewed call script (a version saved after the default one
// the organisation was created with) and a first call analysed. Setup is complete once a call
// has been analysed (the list has done its job then, whatever was skipped): the dashboard shows
// it until then. Onboarding resumes at the first step not done.
//
//   {"steps":[{"id":"number","done":true},{"id":"agents",...},{"id":"script",...},
//             {"id":"first_call",...}],
//    "complete":false, "next":"script", "number":"+14155550100" | null, "calls":0}
//
// `number` is the active number a test call should dial; `calls` how many calls arrived (one may
// be on its way through the pipeline). Runs as the caller, so RLS limits every count to the
// caller's tenant.
//
// POST /api/v1/onboarding/test-call: the checklist's "make a test call". With the Twilio sandbox
// it starts one simulated call to the organisation's number — through the sandbox and our own
// signed webhooks, so it is recorded, transcribed and analysed like any call — and answers 202
// {"simulated":true,"number"}; with real Twilio it answers 200 {"simulated":false,"number"}: the
// manager dials the number. 409 no_number without an active number, 409 no_agents without an
// active agent to ring, 429 busy while another simulated call runs on this server.
#include <boost/json.hpp>

#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

namespace json = boost::json;

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
  'complete', s.first_call,
  'next', case when not s.number then 'number' when not s.agents then 'agents'
               when not s.script then 'script' when not s.first_call then 'first_call' end,
  'number', (select e164 from public.phone_numbers where tenant_id = $1::uuid
              and status = 'active' order by created_at, id limit 1),
  'calls', (select count(*) from public.calls where tenant_id = $1::uuid))::text
  from s)sql";

constexpr std::string_view kTestCallTarget =
    "select (select e164 from public.phone_numbers where tenant_id = $1::uuid and status = 'active'"
    "         order by created_at, id limit 1),"
    "       exists (select 1 from public.agents where tenant_id = $1::uuid and active)";

http::Response TestCall(ApiContext& ctx, http::Request& req) {
  QueryParams q(req);
  if (auto bad = q.Finish()) return *bad;
  std::string number;
  http::Response checked = AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
    auto row = tx.exec(kTestCallTarget, {who.tenant_id});
    if (row.is_null(0, 0)) {
      return http::Response::Error(409, "no_number",
                                   "choose a phone number first (GET /api/v1/onboarding/numbers)");
    }
    if (!row.get_bool(0, 1)) {
      return http::Response::Error(409, "no_agents",
                                   "add an agent first (POST /api/v1/agents): a call rings them");
    }
    number = row.get(0, 0);
    return http::Response::Json(200, "{}");
  });
  if (checked.status != 200) return checked;
  json::object body{{"number", number}};
  if (!ctx.simulate_test_call) {
    body["simulated"] = false;
    return http::Response::Json(200, json::serialize(body));
  }
  if (!ctx.simulate_test_call(number)) {
    return http::Response::Error(429, "busy", "a test call is already under way; try again soon");
  }
  body["simulated"] = true;
  return http::Response::Json(202, json::serialize(body));
}

}  // namespace

void AddChecklistRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/onboarding/checklist", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [](db::Transaction& tx, const auth::Principal& who) {
      return http::Response::Json(200, std::string(tx.exec(kChecklist, {who.tenant_id}).get(0, 0)));
    });
  });
  router.Post("/api/v1/onboarding/test-call",
              [&ctx](http::Request& req) { return TestCall(ctx, req); });
}

}  // namespace converza::api
