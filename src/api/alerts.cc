// Alerts (public.alert_rules, public.alert_deliveries; docs/alerts.md):
//   GET    /api/v1/alerts/rules         the tenant's rules; owners and managers also get each
//                                       rule's webhook URL and signing secret
//   POST   /api/v1/alerts/rules         {name, kind, threshold?, tracker_id?, webhook_url?,
//                                       emails?, enabled?}: 201 with the rule
//   PATCH  /api/v1/alerts/rules/{id}    any of those fields: 200 with the rule
//   DELETE /api/v1/alerts/rules/{id}    204, its deliveries with it
//   GET    /api/v1/alerts/deliveries    the delivery log, newest first (?limit=, at most 200)
// Viewers read (without URLs and secrets); writes answer them 403 read_only. RLS decides the
// rest: another tenant's rule is a 404. A rule is checked whole (after a PATCH is merged into
// it) before anything is written, so a bad body changes nothing.
#include <boost/json.hpp>
#include <cmath>

#include "api/params.h"
#include "api/routes.h"
#include "common/email.h"
#include "common/strings.h"

namespace converza::api {
namespace {

namespace json = boost::json;

// What members read of a rule; the URL and secret come from alert_rule_secrets(), which answers
// owners and managers only.
constexpr std::string_view kRuleJson = R"sql(
  json_build_object('id', r.id, 'name', r.name, 'kind', r.kind, 'threshold', r.threshold,
                    'tracker_id', r.tracker_id, 'tracker_name', t.name,
                    'webhook_host', r.webhook_host, 'webhook_url', s.webhook_url,
                    'secret', s.secret, 'emails', to_json(r.emails), 'enabled', r.enabled,
                    'deliveries', (select count(*) from public.alert_deliveries d
                                    where d.tenant_id = r.tenant_id and d.rule_id = r.id),
                    'created_at', r.created_at, 'updated_at', r.updated_at))sql";

constexpr std::string_view kRuleJoins = R"sql(
  left join public.trackers t on t.tenant_id = r.tenant_id and t.id = r.tracker_id
  left join public.alert_rule_secrets($1::uuid) s on s.id = r.id)sql";

const std::string kList = "select coalesce((select json_agg(" + std::string(kRuleJson) +
                          " order by r.created_at, r.id) from public.alert_rules r " +
                          std::string(kRuleJoins) + " where r.tenant_id = $1::uuid), '[]')::text";

const std::string kOne = "select " + std::string(kRuleJson) + "::text from public.alert_rules r " +
                         std::string(kRuleJoins) +
                         " where r.tenant_id = $1::uuid and r.id = $2::uuid";

constexpr std::string_view kInsert = R"sql(
  insert into public.alert_rules (tenant_id, name, kind, threshold, tracker_id, webhook_url,
                                  emails, enabled)
  values ($1::uuid, $2, $3, $4::numeric, $5::uuid, $6,
          array(select jsonb_array_elements_text($7::jsonb)), $8::bool)
  returning id::text)sql";

constexpr std::string_view kUpdate = R"sql(
  update public.alert_rules
     set name = $3, kind = $4, threshold = $5::numeric, tracker_id = $6::uuid, webhook_url = $7,
         emails = array(select jsonb_array_elements_text($8::jsonb)), enabled = $9::bool,
         updated_at = now()
   where tenant_id = $1::uuid and id = $2::uuid)sql";

constexpr std::string_view kDelete =
    "delete from public.alert_rules where tenant_id = $1::uuid and id = $2::uuid";

constexpr std::string_view kTrackerExists =
    "select 1 from public.trackers where tenant_id = $1::uuid and id = $2::uuid";

constexpr std::string_view kDeliveries = R"sql(
  select coalesce(json_agg(x order by x.created_at desc, x.id desc), '[]')::text from (
    select d.id, d.rule_id, r.name as rule_name, r.kind, d.call_id, c.started_at as call_started_at,
           d.channel, d.target, d.status, d.attempts, d.next_attempt_at, d.last_error,
           d.response_status, d.created_at, d.sent_at
      from public.alert_deliveries d
      join public.alert_rules r on r.tenant_id = d.tenant_id and r.id = d.rule_id
      join public.calls c on c.tenant_id = d.tenant_id and c.id = d.call_id
     where d.tenant_id = $1::uuid
     order by d.created_at desc, d.id desc
     limit $2::int) x)sql";

constexpr std::size_t kMaxName = 60, kMaxUrl = 2000, kMaxEmails = 10;

http::Response BadBody(const std::string& message) {
  return http::Response::Error(400, "invalid_request", message);
}

http::Response NoRule() { return http::Response::Error(404, "not_found", "no such alert rule"); }

struct Rule {
  std::string name;
  std::string kind;
  std::optional<double> threshold;
  std::string tracker_id;   // "" = none
  std::string webhook_url;  // "" = none
  std::vector<std::string> emails;
  bool enabled = true;
};

bool IsKind(std::string_view k) {
  return k == "negative_long_call" || k == "tracker_hit" || k == "ai_score_below" ||
         k == "upsell_above";
}

// http(s)://host[:port][/...] without spaces or control characters.
std::optional<std::string> CheckUrl(std::string_view url) {
  if (url.size() > kMaxUrl) return "`webhook_url` must be at most 2000 characters";
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return "`webhook_url` must be an http:// or https:// URL";
  }
  for (unsigned char ch : url) {
    if (ch <= 0x20 || ch == 0x7f) return "`webhook_url` must not contain spaces";
  }
  if (rest.empty() || rest[0] == '/' || rest[0] == '?' || rest[0] == '#') {
    return "`webhook_url` needs a host";
  }
  return std::nullopt;
}

// Applies the fields of `text` to `rule` (all of them may be absent: PATCH), then checks the
// whole rule.
std::optional<http::Response> ParseRule(const std::string& text, Rule* rule) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return BadBody("the body must be a JSON object");
  for (const auto& [key, value] : v.as_object()) {
    if (key == "name") {
      if (!value.is_string()) return BadBody("`name` must be a string");
      rule->name = Trim(value.as_string());
      if (rule->name.empty() || rule->name.size() > kMaxName) {
        return BadBody("`name` must be between 1 and 60 characters");
      }
    } else if (key == "kind") {
      if (!value.is_string() || !IsKind(value.as_string())) {
        return BadBody(
            "`kind` must be one of negative_long_call, tracker_hit, ai_score_below, "
            "upsell_above");
      }
      rule->kind = value.as_string();
    } else if (key == "threshold") {
      if (value.is_null()) {
        rule->threshold.reset();
        continue;
      }
      if (!value.is_number()) return BadBody("`threshold` must be a number");
      const double t = value.to_number<double>();
      if (!std::isfinite(t) || t < 0 || t > 1e9) {
        return BadBody("`threshold` must be between 0 and 1000000000");
      }
      rule->threshold = std::round(t * 100) / 100;
    } else if (key == "tracker_id") {
      if (value.is_null()) {
        rule->tracker_id.clear();
        continue;
      }
      if (!value.is_string() || !IsUuid(value.as_string())) {
        return BadBody("`tracker_id` must be a tracker's id");
      }
      rule->tracker_id = value.as_string();
    } else if (key == "webhook_url") {
      if (value.is_null()) {
        rule->webhook_url.clear();
        continue;
      }
      if (!value.is_string()) return BadBody("`webhook_url` must be a string");
      std::string url(Trim(value.as_string()));
      if (!url.empty()) {
        if (auto bad = CheckUrl(url)) return BadBody(*bad);
      }
      rule->webhook_url = std::move(url);
    } else if (key == "emails") {
      if (!value.is_array()) return BadBody("`emails` must be an array of e-mail addresses");
      rule->emails.clear();
      for (const auto& e : value.as_array()) {
        if (!e.is_string()) return BadBody("`emails` must be an array of e-mail addresses");
        std::string email = AsciiLower(Trim(e.as_string()));
        if (!PlausibleEmail(email)) {
          return BadBody("\"" + email.substr(0, 60) + "\" is not an e-mail address");
        }
        if (std::find(rule->emails.begin(), rule->emails.end(), email) == rule->emails.end()) {
          rule->emails.push_back(std::move(email));
        }
      }
      if (rule->emails.size() > kMaxEmails) return BadBody("a rule has at most 10 e-mails");
    } else if (key == "enabled") {
      if (!value.is_bool()) return BadBody("`enabled` must be true or false");
      rule->enabled = value.as_bool();
    } else {
      return BadBody("unknown field `" + std::string(key) + "`");
    }
  }
  if (rule->name.empty()) return BadBody("`name` is required");
  if (rule->kind.empty()) return BadBody("`kind` is required");
  if (rule->kind == "tracker_hit") {
    if (rule->tracker_id.empty()) return BadBody("a tracker_hit rule needs `tracker_id`");
    rule->threshold.reset();
  } else {
    rule->tracker_id.clear();
    if (!rule->threshold) return BadBody("a " + rule->kind + " rule needs `threshold`");
    if (rule->kind == "ai_score_below" && *rule->threshold > 100) {
      return BadBody("an AI score threshold must be between 0 and 100");
    }
  }
  if (rule->webhook_url.empty() && rule->emails.empty()) {
    return BadBody("a rule needs a `webhook_url` or at least one of `emails` to send to");
  }
  return std::nullopt;
}

std::vector<db::Param> RuleParams(const Rule& r) {
  json::array emails;
  for (const auto& e : r.emails) emails.emplace_back(e);
  char threshold[64] = {0};
  if (r.threshold) std::snprintf(threshold, sizeof threshold, "%.2f", *r.threshold);
  return {r.name,
          r.kind,
          r.threshold ? db::Param(threshold) : db::Param(),
          r.tracker_id.empty() ? db::Param() : db::Param(r.tracker_id),
          r.webhook_url.empty() ? db::Param() : db::Param(r.webhook_url),
          json::serialize(emails),
          r.enabled ? "true" : "false"};
}

// The rule as the API shows it to the caller (`rows` of kOne), into `rule` for a PATCH.
Rule FromJson(const json::object& o) {
  Rule r;
  r.name = o.at("name").as_string();
  r.kind = o.at("kind").as_string();
  if (o.at("threshold").is_number()) r.threshold = o.at("threshold").to_number<double>();
  if (o.at("tracker_id").is_string()) r.tracker_id = o.at("tracker_id").as_string();
  if (o.at("webhook_url").is_string()) r.webhook_url = o.at("webhook_url").as_string();
  for (const auto& e : o.at("emails").as_array()) r.emails.emplace_back(e.as_string());
  r.enabled = o.at("enabled").as_bool();
  return r;
}

std::optional<http::Response> CheckTracker(db::Transaction& tx, const std::string& tenant,
                                           const Rule& r) {
  if (!r.tracker_id.empty() && tx.exec(kTrackerExists, {tenant, r.tracker_id}).empty()) {
    return BadBody("`tracker_id` is not one of your trackers");
  }
  return std::nullopt;
}

}  // namespace

void AddAlertRoutes(http::Router& router, ApiContext& ctx) {
  router.Get("/api/v1/alerts/rules", [&ctx](http::Request& req) {
    QueryParams q(req);
    if (auto bad = q.Finish()) return *bad;
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kList, {who.tenant_id});
      return http::Response::Json(200, "{\"rules\":" + std::string(rows.get(0, 0)) + "}");
    });
  });
  router.Post("/api/v1/alerts/rules", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          Rule r;
          if (auto bad = ParseRule(req.body, &r)) return *bad;
          if (auto bad = CheckTracker(tx, who.tenant_id, r)) return *bad;
          auto params = RuleParams(r);
          params.insert(params.begin(), who.tenant_id);
          const std::string id(tx.exec(kInsert, params).get(0, 0));
          return http::Response::Json(201,
                                      std::string(tx.exec(kOne, {who.tenant_id, id}).get(0, 0)));
        },
        kWriteRoute);
  });
  router.Add("PATCH", "/api/v1/alerts/rules/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id)) return NoRule();
          auto current = tx.exec(kOne, {who.tenant_id, id});
          if (current.empty()) return NoRule();
          Rule r = FromJson(json::parse(current.get(0, 0)).as_object());
          if (auto bad = ParseRule(req.body, &r)) return *bad;
          if (auto bad = CheckTracker(tx, who.tenant_id, r)) return *bad;
          auto params = RuleParams(r);
          params.insert(params.begin(), {who.tenant_id, id});
          if (tx.exec(kUpdate, params).affected() == 0) return NoRule();
          return http::Response::Json(200,
                                      std::string(tx.exec(kOne, {who.tenant_id, id}).get(0, 0)));
        },
        kWriteRoute);
  });
  router.Add("DELETE", "/api/v1/alerts/rules/{id}", [&ctx](http::Request& req) {
    return AsUser(
        ctx, req,
        [&](db::Transaction& tx, const auth::Principal& who) {
          const std::string& id = req.params["id"];
          if (!IsUuid(id) || tx.exec(kDelete, {who.tenant_id, id}).affected() == 0) {
            return NoRule();
          }
          http::Response r;
          r.status = 204;
          return r;
        },
        kWriteRoute);
  });
  router.Get("/api/v1/alerts/deliveries", [&ctx](http::Request& req) {
    QueryParams q(req);
    auto limit = q.Number("limit", 1, 200);
    if (auto bad = q.Finish()) return *bad;
    const std::string n = std::to_string(static_cast<int>(limit.value_or(100)));
    return AsUser(ctx, req, [&](db::Transaction& tx, const auth::Principal& who) {
      auto rows = tx.exec(kDeliveries, {who.tenant_id, n});
      return http::Response::Json(200, "{\"deliveries\":" + std::string(rows.get(0, 0)) + "}");
    });
  });
}

}  // namespace converza::api
