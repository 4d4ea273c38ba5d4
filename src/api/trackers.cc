// Trackers (public.trackers, analysis/tracker_matcher.h): GET /api/v1/trackers lists the
// tenant's trackers with how many calls each hit and the latest re-run's progress; POST creates
// one ({"name": "Cancel", "phrases": ["cancel my account", "close my account"]}), PUT
// /api/v1/trackers/{id} replaces its name and phrases, DELETE removes it with its hits.
// POST /api/v1/trackers/rerun queues every analysed call to be matched again (a `trackers` job
// per call, public.rerun_trackers()); GET /api/v1/trackers/timeseries counts calls hit per day
// for the dashboard. Viewers read; writes answer them 403 read_only. RLS decides the rest:
// another tenant's tracker is a 404.
#include <algorithm>
#include <boost/json.hpp>

#include "analysis/tracker_matcher.h"
#include "api/params.h"
#include "api/routes.h"

namespace converza::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kTrackerJson = R"sql(
  json_build_object('id', t.id, 'name', t.name, 'phrases', to_json(t.phrases),
                    'calls', (select count(*) from public.tracker_hits h
                               where h.tenant_id = t.tenant_id and h.tracker_id = t.id),
                    'created_at', t.created_at, 'updated_at', t.updated_at))sql";

const std::string kList = R"sql(
  select coalesce((select json_agg()sql" +
                          std::string(kTrackerJson) +
                          R"sql( order by t.name)
                     from public.trackers t where t.tenant_id = $1::uuid), '[]')::text,
         (select json_build_object('requested_at', r.requested_at, 'total', r.total,
                                   'done', r.done, 'finished_at', r.finished_at)
            from public.tracker_runs r where r.tenant_id = $1::uuid)::text)sql";

const std::string kInsert = R"sql(
  with t as (insert into public.trackers (tenant_id, name, phrases)
             values ($1::uuid, $2, array(select jsonb_array_elements_text($3::jsonb))) returning *)
  select )sql" + std::string(kTrackerJson) +
                            "::text from t";

const std::string kUpdate = R"sql(
  with t as (update public.trackers set name = $3, phrases = array(select jsonb_array_elements_text($4::jsonb)),
                                      updated_at = now()
              where tenant_id = $1::uuid and id = $2::uuid returning *)
  select )sql" + std::string(kTrackerJson) +
                            "::text from t";

constexpr std::string_view kDelete = R"sql(
  delete from public.trackers where tenant_id = $1::uuid and id = $2::uuid)sql";

constexpr std::string_view kRunning = R"sql(
  select 1 from public.tracker_runs
   where tenant_id = $1::uuid and finished_at is null
     and requested_at > now() - interval '1 day')sql";

constexpr std::string_view kRerun = R"sql(select public.rerun_trackers($1::uuid))sql";

// A statement of its own: a subquery beside the call above would see the run before it.
constexpr std::string_view kRun = R"sql(
  select json_build_object('requested_at', r.requested_at, 'total', r.total, 'done', r.done,
                           'finished_at', r.finished_at)::text
    from public.tracker_runs r where r.tenant_id = $1::uuid)sql";

// Calls hit per tracker and UTC day (by when the call started).
constexpr std::string_view kTimeseries = R"sql(
  select coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name)
                     from public.trackers t where t.tenant_id = $1::uuid), '[]')::text,
         coalesce((select json_agg(json_build_object('day', d.day, 'tracker_id', d.tracker_id,
                                                     'calls', d.calls) order by d.day, d.tracker_id)
                     from (select (c.started_at at time zone 'UTC')::date as day, h.tracker_id,
                                  count(*) as calls
                             from public.tracker_hits h
                             join public.calls c on c.tenant_id = h.tenant_id and c.id = h.call_id
                            where h.tenant_id = $1::uuid
                              and c.started_at >= ($2::date::timestamp at time zone 'UTC')
                              and c.started_at < (($3::date + 1)::timestamp at time zone 'UTC')
                            group by 1, 2) d), '[]')::text)sql";

constexpr std::size_t kMaxName = 60, kMaxPhrase = 100, kMaxPhrases = 50;

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

http::Response NoTracker() { return http::Response::Error(404, "not_found", "no such tracker"); }

struct TrackerBody {
  std::string name;
  std::string phrases;  // a JSON array of strings
};

std::optional<http::Response> ParseTracker(const std::string& text, TrackerBody* out) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  std::vector<std::string> phrases;
  bool have_phrases = false;
  for (const auto& [key, value] : v.as_object()) {
    if (key == "name") {
      if (!value.is_string()) return BadBody("`name` must be a string");
      out->name = Trim(value.as_string());
      if (out->name.empty() || out->name.size() > kMaxName) {
        return BadBody("`name` must be between 1 and 60 characters");
      }
    } else if (key == "phrases") {
      if (!value.is_array()) return BadBody("`phrases` must be an array of strings");
      have_phrases = true;
      for (const auto& p : value.as_array()) {
        if (!p.is_string()) return BadBody("`phrases` must be an array of strings");
        std::string phrase(Trim(p.as_string()));
        if (phrase.size() > kMaxPhrase) {
          return BadBody("each phrase must be at most 100 characters");
        }
        if (analysis::TrackerWords(phrase).empty()) {
          return BadBody("the phrase \"" + phrase.substr(0, 40) +
                         "\" has no words to listen for (fillers and punctuation are ignored)");
        }
        if (std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) {
          phrases.push_back(std::move(phrase));
        }
      }
    } else {
      return BadBody("unknown field `" + std::string(key) + "`");
    }
  }
  if (out->name.empty()) return BadBody("`name` is required");
  if (!have_phrases || phrases.empty()) return BadBody("`phrases` needs at least one phrase");
  if (phrases.size() > kMaxPhrases) return BadBody("a tracker has at most 50 phrases");
  json::array list;
  for (auto& p : phrases) list.emplace_back(p);
  out->phrases = json::serialize(list);
  return std::nullopt;
}

}  // namespace

void AddTrackerRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/trackers", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kList, {who.tenant_id});
      std::string run = rows.is_null(0, 1) ? "null" : std::string(rows.get(0, 1));
      return http::Response::Json(
          200, "{\"trackers\":" + std::string(rows.get(0, 0)) + ",\"run\":" + run + "}");
    });
  });
  router.Post("/api/v1/trackers", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          TrackerBody t;
          if (auto bad = ParseTracker(req.body, &t)) return *bad;
          auto rows = tx.exec(kInsert, {who.tenant_id, t.name, t.phrases});
          return http::Response::Json(201, std::string(rows.get(0, 0)));
        },
        kWriteRoute);
  });
  router.Post("/api/v1/trackers/rerun", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          if (!tx.exec(kRunning, {who.tenant_id}).empty()) {
            return http::Response::Error(409, "already_running",
                                         "trackers are already being re-run over past calls");
          }
          if (tx.exec(kRerun, {who.tenant_id}).is_null(0, 0)) {
            return http::Response::Error(403, "read_only", "viewers cannot re-run trackers");
          }
          auto run = tx.exec(kRun, {who.tenant_id});
          return http::Response::Json(202, "{\"run\":" + std::string(run.get(0, 0)) + "}");
        },
        kWriteRoute);
  });
  router.Get("/api/v1/trackers/timeseries", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto range = q.Range(366);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kTimeseries, {who.tenant_id, range->from, range->to});
      return http::Response::Json(200, "{\"from\":\"" + range->from + "\",\"to\":\"" + range->to +
                                           "\",\"trackers\":" + std::string(rows.get(0, 0)) +
                                           ",\"days\":" + std::string(rows.get(0, 1)) + "}");
    });
  });
  router.Add("PUT", "/api/v1/trackers/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id)) return NoTracker();
          TrackerBody t;
          if (auto bad = ParseTracker(req.body, &t)) return *bad;
          auto rows = tx.exec(kUpdate, {who.tenant_id, id, t.name, t.phrases});
          if (rows.empty()) return NoTracker();
          return http::Response::Json(200, std::string(rows.get(0, 0)));
        },
        kWriteRoute);
  });
  router.Add("DELETE", "/api/v1/trackers/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id) || tx.exec(kDelete, {who.tenant_id, id}).affected() == 0) {
            return NoTracker();
          }
          http::Response r;
          r.status = 204;
          return r;
        },
        kWriteRoute);
  });
}

}  // namespace converza::api
