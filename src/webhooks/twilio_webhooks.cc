#include "webhooks/twilio_webhooks.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>

#include "common/log.h"
#include "common/strings.h"
#include "http/form.h"
#include "http/reply.h"
#include "twilio/signature.h"
#include "twilio/timestamps.h"
#include "twilio/twiml.h"

namespace converza::webhooks {
namespace {

// Inbound call: the tenant and agent(s) behind the dialled number, and what the dial policy and
// the daily budget need: the tenant's plan, its active numbers (its own country) and the seconds
// of its calls that ended today (UTC), counted per tenant and day by a trigger on calls.duration_s
// (db/migrations/20261204000100; a counter per writing connection, 20261214200100), so this stays
// one indexed lookup per table however busy the day.
constexpr std::string_view kRouteCall = R"sql(
  select p.tenant_id,
         coalesce(p.agent_id::text, ''),
         array_to_string(array(
           select a.phone from agents a
            where a.tenant_id = p.tenant_id and a.active
              and (p.agent_id is null or a.id = p.agent_id)
            order by a.created_at, a.id), ','),
         t.plan,
         t.plan_price_cents,
         array_to_string(array(
           select n.e164 from phone_numbers n
            where n.tenant_id = p.tenant_id and n.status = 'active'), ','),
         coalesce((select sum(d.seconds) from private.dial_seconds_daily d
                    where d.tenant_id = p.tenant_id
                      and d.day = (now() at time zone 'UTC')::date), 0)
    from phone_numbers p join tenants t on t.id = p.tenant_id
   where p.e164 = $1 and p.status = 'active')sql";

// Twilio's own limit on a call's length (<Dial timeLimit> default, 4 hours).
constexpr long long kTwilioMaxCallSeconds = 14400;

constexpr std::string_view kUpsertRingingCall = R"sql(
  insert into calls (tenant_id, call_sid, account_sid, agent_id, from_number, to_number,
                     direction, call_status, started_at)
  values ($1, $2, $3, nullif($4, '')::uuid, $5, $6, $7, $8, now())
  on conflict (call_sid) do update
    set call_status = excluded.call_status, updated_at = now()
  returning id, (xmax = 0) as created)sql";

// Status callback: the call row may not exist yet (callbacks can overtake each other), so the
// tenant comes from the call, else the dialled number, else the subaccount's tenant. A callback
// signed by a tenant's subaccount ($3) touches only that tenant's calls. A call nobody answered
// (Twilio's CallStatus no-answer, busy, failed or canceled) and that has no recording is marked
// not to be analysed, reason no_answer (analysis/unscorable.h has the others).
constexpr std::string_view kUpsertCallStatus = R"sql(
  with t as (
    select coalesce((select tenant_id from calls where call_sid = $1),
                    (select tenant_id from phone_numbers where e164 = $2 and status = 'active'),
                    nullif($3, '')::uuid) as tenant_id)
  insert into calls (tenant_id, call_sid, account_sid, from_number, to_number, direction,
                     call_status, duration_s, started_at, pipeline_status, not_analysed_reason)
  select tenant_id, $1, $4, nullif($5, ''), nullif($2, ''), nullif($6, ''), $7, $8::int,
         now() - make_interval(secs => coalesce($8::int, 0)),
         case when unanswered then 'not_analysed' else 'received' end,
         case when unanswered then 'no_answer' end
    from t, (select $7 in ('no-answer', 'busy', 'failed', 'canceled') as unanswered) u
   where tenant_id is not null
     and (nullif($3, '') is null or tenant_id = nullif($3, '')::uuid)
  on conflict (call_sid) do update
    set call_status = excluded.call_status,
        -- Nobody answered and nothing was recorded: a call with nothing to score.
        (pipeline_status, not_analysed_reason) =
          (select case when n then 'not_analysed' else calls.pipeline_status end,
                  case when n then 'no_answer' else calls.not_analysed_reason end
             from (select excluded.pipeline_status = 'not_analysed'
                          and calls.pipeline_status = 'received'
                          and calls.recording_sid is null as n) x),
        duration_s = coalesce(excluded.duration_s, calls.duration_s),
        from_number = coalesce(calls.from_number, excluded.from_number),
        to_number = coalesce(calls.to_number, excluded.to_number),
        updated_at = now()
  returning id, tenant_id, (xmax = 0) as created)sql";

// The answered child leg of the <Dial> (TwiML <Number> statusCallbackEvent="answered"): the
// parent call gets the tenant's active agent whose phone was dialled, unless it already has one.
// First answer wins, so a retry or a second answer changes nothing; the agent is looked up only
// within the call's own tenant. One row (0 or 1 calls updated) when the parent call is known.
//
// No KPI day is marked stale here: kpi_daily is refreshed only when an insight is written (the
// analyze stage marks the call's day in private.kpi_dirty), and the answered callback comes when
// the call is picked up, before it ends, so long before its recording and insight. A day rolled
// up in between counts the call without an agent only until the call's own insight refreshes
// it (for a call whose pipeline fails, until the next insight of that day). Marking the day here
// could even leave a stale count behind: the recording callback may still move the call to the
// day its RecordingStartTime names, and nothing would refresh the day it left.
constexpr std::string_view kAgentAnswered = R"sql(
  with parent as (
    select tenant_id, id from calls
     where call_sid = $1 and tenant_id = coalesce(nullif($3, '')::uuid, tenant_id)),
  agent as (
    select a.id from agents a join parent p on a.tenant_id = p.tenant_id
     where a.active and a.phone = $2
     order by a.created_at, a.id limit 1),
  answered as (
    update calls c set agent_id = agent.id, updated_at = now()
      from parent p, agent
     where c.tenant_id = p.tenant_id and c.id = p.id and c.agent_id is null
    returning c.id)
  select (select count(*) from answered) from parent)sql";

using http::Form;
using http::FormValue;

// RecordingStartTime as a Unix time; a malformed value, or one more than a day in the future
// (a skewed clock), is ignored rather than refused: the recording itself is what matters.
std::optional<long long> RecordingStart(std::string_view value) {
  auto t = twilio::ParseRfc2822(value);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (!t || *t > now + 86400) return std::nullopt;
  return *t;
}

// "a,b" -> {"a", "b"}; "" -> {}.
std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    auto comma = list.find(',');
    items.emplace_back(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return items;
}

// Optional non-negative integer field; false when present but not a number.
bool OptionalInt(const Form& form, std::string_view name, db::Param* out) {
  std::string v = FormValue(form, name);
  if (v.empty()) {
    *out = std::nullopt;
    return true;
  }
  long n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 0 || n > INT32_MAX) return false;
  *out = v;
  return true;
}

http::Response Xml(std::string body) {
  return http::Response::Text(200, std::move(body), "text/xml; charset=utf-8");
}

struct Verified {
  Form form;
  twilio::Account account;
};

// Parses the form and proves the request came from Twilio. On failure `error` is the answer.
std::optional<Verified> Verify(WebhookContext& ctx, const http::Request& req,
                               http::Response* error) {
  if (req.header("content-type").rfind("application/x-www-form-urlencoded", 0) != 0) {
    *error = http::Response::Error(415, "unsupported_media_type",
                                   "expected application/x-www-form-urlencoded");
    return std::nullopt;
  }
  Verified v;
  if (!http::ParseForm(req.body, &v.form)) {
    *error = http::Response::Error(400, "bad_form", "malformed form body");
    return std::nullopt;
  }
  const std::string account_sid = FormValue(v.form, "AccountSid");
  auto account = account_sid.empty() ? std::nullopt : ctx.accounts.Find(account_sid);
  if (!account) {
    log::Warn("webhook from unknown account", {{"path", req.path}});
    *error = http::Response::Error(403, "unknown_account", "unknown Twilio account");
    return std::nullopt;
  }
  const std::string url = ctx.public_url + req.target;
  if (!twilio::ValidateSignature(account->auth_token, url, req.header("x-twilio-signature"),
                                 v.form)) {
    log::Warn("webhook signature invalid", {{"path", req.path}, {"account", account_sid}});
    *error = http::Response::Error(403, "invalid_signature", "X-Twilio-Signature does not match");
    return std::nullopt;
  }
  v.account = std::move(*account);
  return v;
}

// A webhook signed by a tenant's own (sub)account may only touch that tenant: its auth token
// proves who sent it, not which tenant's data it names. The platform account may touch any.
bool SignerOwns(const Verified& v, std::string_view tenant) {
  return v.account.tenant_id.empty() || v.account.tenant_id == tenant;
}

http::Response NotYours() {
  return http::Response::Error(403, "account_mismatch",
                               "the signing Twilio account does not belong to this call's tenant");
}

http::Response MissingFields(std::initializer_list<std::string_view> names) {
  std::string list;
  for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return http::Response::Error(400, "missing_fields", "required: " + list);
}

http::Response Voice(WebhookContext& ctx, http::Request& req) {
  http::Response error;
  auto v = Verify(ctx, req, &error);
  if (!v) return error;
  const std::string call_sid = FormValue(v->form, "CallSid"), to = FormValue(v->form, "To"),
                    from = FormValue(v->form, "From");
  if (call_sid.empty() || to.empty()) return MissingFields({"CallSid", "To"});

  auto c = ctx.pool.acquire();
  auto route = c->exec(kRouteCall, {to});
  if (route.empty()) {
    return Xml(
        twilio::SayAndHangup("Sorry, the number you have called is not in service. Goodbye."));
  }
  const std::string tenant(route.get(0, 0));
  if (!SignerOwns(*v, tenant)) {
    log::Warn("voice webhook for another tenant's number",
              {{"account", FormValue(v->form, "AccountSid")}});
    return NotYours();
  }
  // Only phones the dial policy allows, whenever and however the agent rows were written.
  const std::vector<std::string> own_numbers = SplitList(route.get(0, 5));
  std::vector<std::string> phones;
  for (auto& phone : SplitList(route.get(0, 2))) {
    if (Status st = ctx.dial_policy.Check(phone, own_numbers); !st.ok()) {
      log::Warn("agent phone not dialled", {{"tenant", tenant}, {"reason", st.message()}});
      continue;
    }
    phones.push_back(std::move(phone));
  }
  const long long budget_s =
      ctx.dial_minutes_per_day.For(route.get(0, 3), route.get_int(0, 4)) * 60 - route.get_int(0, 6);
  std::string direction = FormValue(v->form, "Direction");
  std::string status = FormValue(v->form, "CallStatus");
  auto call = c->exec(
      kUpsertRingingCall,
      {tenant, call_sid, FormValue(v->form, "AccountSid"), std::string(route.get(0, 1)), from, to,
       direction.empty() ? "inbound" : direction, status.empty() ? "ringing" : status});
  if (call.get_bool(0, 1) && ctx.on_call_created) {
    ctx.on_call_created(tenant, std::string(call.get(0, 0)));
  }
  if (budget_s <= 0) {
    log::Info("daily dialling budget spent: call not forwarded", {{"tenant", tenant}});
    return Xml(twilio::SayAndHangup(
        "Sorry, this line cannot take calls right now. Please try again later. Goodbye."));
  }
  if (phones.empty()) {
    return Xml(twilio::SayAndHangup(
        "Sorry, nobody is available to take your call right now. Please try again later."));
  }
  // No single call outlasts what is left of the day's budget.
  twilio::DialOptions options;
  options.time_limit_seconds = static_cast<int>(std::min(budget_s, kTwilioMaxCallSeconds));
  // The callback URLs name the tenant; Twilio signs them, so they cannot be forged.
  return Xml(twilio::DialAgents(phones, ctx.public_url + "/webhooks/twilio/recording?t=" + tenant,
                                ctx.public_url + "/webhooks/twilio/agent-answered?t=" + tenant,
                                options));
}

// The tenant named by the signed `t` query parameter, else the account's (empty for the
// platform account); nullopt when `t` is not a tenant id.
std::optional<std::string> TenantHint(const Verified& v, const http::Request& req) {
  std::string hint = req.query_param("t");
  if (!hint.empty() && !IsUuid(hint)) return std::nullopt;
  return hint.empty() ? v.account.tenant_id : hint;
}

// Which agent picked up a ring-all call. The parent call row always exists by now: the voice
// webhook inserts it before answering the TwiML that dials the agents, and Twilio calls this only
// once a dialled leg answers. So an unknown parent is not one of our calls (or it was deleted):
// 404 like the other callbacks, which Twilio reports in its debugger.
http::Response AgentAnswered(WebhookContext& ctx, http::Request& req) {
  http::Response error;
  auto v = Verify(ctx, req, &error);
  if (!v) return error;
  const std::string parent = FormValue(v->form, "ParentCallSid"), to = FormValue(v->form, "To");
  if (parent.empty() || to.empty()) return MissingFields({"ParentCallSid", "To"});
  auto tenant = TenantHint(*v, req);
  if (!tenant) return http::Response::Error(400, "bad_field", "t must be a tenant id");
  if (!SignerOwns(*v, *tenant)) return NotYours();
  // Only a leg that connected names the agent (a canceled or busy leg of the same ring-all
  // must not, should the TwiML ever subscribe to more events).
  const std::string status = FormValue(v->form, "CallStatus");
  if (!status.empty() && status != "in-progress") return Xml(twilio::EmptyResponse());

  auto c = ctx.pool.acquire();
  auto rows = c->exec(kAgentAnswered, {parent, to, *tenant});
  if (rows.empty()) return http::Response::Error(404, "unknown_call", "no such parent call");
  if (rows.get_int(0, 0) == 0) {
    log::Debug("answered leg left the call's agent unchanged",
               {{"parent_call_sid", parent}, {"to", to}});
  }
  return Xml(twilio::EmptyResponse());
}

http::Response CallStatus(WebhookContext& ctx, http::Request& req) {
  http::Response error;
  auto v = Verify(ctx, req, &error);
  if (!v) return error;
  const std::string call_sid = FormValue(v->form, "CallSid"),
                    status = FormValue(v->form, "CallStatus");
  if (call_sid.empty() || status.empty()) return MissingFields({"CallSid", "CallStatus"});
  db::Param duration;
  if (!OptionalInt(v->form, "CallDuration", &duration)) {
    return http::Response::Error(400, "bad_field", "CallDuration must be a whole number");
  }
  auto c = ctx.pool.acquire();
  auto rows =
      c->exec(kUpsertCallStatus, {call_sid, FormValue(v->form, "To"), v->account.tenant_id,
                                  FormValue(v->form, "AccountSid"), FormValue(v->form, "From"),
                                  FormValue(v->form, "Direction"), status, duration});
  if (rows.empty()) return http::Response::Error(404, "unknown_call", "no tenant owns this call");
  if (rows.get_bool(0, 2) && ctx.on_call_created) {
    ctx.on_call_created(std::string(rows.get(0, 1)), std::string(rows.get(0, 0)));
  }
  return Xml(twilio::EmptyResponse());
}

http::Response Recording(WebhookContext& ctx, http::Request& req) {
  http::Response error;
  auto v = Verify(ctx, req, &error);
  if (!v) return error;
  const std::string call_sid = FormValue(v->form, "CallSid"),
                    recording_sid = FormValue(v->form, "RecordingSid"),
                    status = FormValue(v->form, "RecordingStatus");
  if (call_sid.empty() || recording_sid.empty() || status.empty()) {
    return MissingFields({"CallSid", "RecordingSid", "RecordingStatus"});
  }
  db::Param duration, channels;
  if (!OptionalInt(v->form, "RecordingDuration", &duration) ||
      !OptionalInt(v->form, "RecordingChannels", &channels) ||
      (channels && *channels != "1" && *channels != "2")) {
    return http::Response::Error(
        400, "bad_field", "RecordingDuration must be a whole number and RecordingChannels 1 or 2");
  }
  auto tenant_hint = TenantHint(*v, req);
  if (!tenant_hint) return http::Response::Error(400, "bad_field", "t must be a tenant id");
  if (!SignerOwns(*v, *tenant_hint)) return NotYours();

  RecordingItem item{call_sid,
                     *tenant_hint,
                     FormValue(v->form, "AccountSid"),
                     recording_sid,
                     FormValue(v->form, "RecordingUrl"),
                     duration ? std::optional<int>(std::stoi(*duration)) : std::nullopt,
                     channels ? std::optional<int>(std::stoi(*channels)) : std::nullopt,
                     status,
                     RecordingStart(FormValue(v->form, "RecordingStartTime")),
                     !v->account.tenant_id.empty()};
  // Answered from the flusher thread once the batch holding this webhook committed, so no
  // handler thread waits for the commit.
  auto [response, reply] = http::ReplyLater();
  ctx.recordings.Submit(std::move(item), [&ctx, reply = reply](const RecordingResult& result,
                                                               std::exception_ptr error) {
    if (error) {
      try {
        std::rethrow_exception(error);
      } catch (const db::Error& e) {
        if (e.sqlstate() != "23503") return reply.Fail(error);
        return reply.Send(http::Response::Error(400, "bad_request", "unknown tenant"));
      } catch (...) {
        return reply.Fail(error);
      }
    }
    if (!result.stored) {
      return reply.Send(http::Response::Error(404, "unknown_call", "no tenant owns this call"));
    }
    if (result.enqueued && ctx.on_enqueued) ctx.on_enqueued();
    if (result.created && ctx.on_call_created)
      ctx.on_call_created(result.tenant_id, result.call_id);
    reply.Send(Xml(twilio::EmptyResponse()));
  });
  return response;
}

}  // namespace

void AddTwilioWebhooks(http::Router& router, WebhookContext& ctx) {
  auto with_context = [&ctx](http::Response (*handler)(WebhookContext&, http::Request&)) {
    return [&ctx, handler](http::Request& req) { return handler(ctx, req); };
  };
  router.Post("/webhooks/twilio/voice", with_context(Voice));
  router.Post("/webhooks/twilio/call-status", with_context(CallStatus));
  router.Post("/webhooks/twilio/recording", with_context(Recording));
  router.Post("/webhooks/twilio/agent-answered", with_context(AgentAnswered));
}

}  // namespace converza::webhooks
