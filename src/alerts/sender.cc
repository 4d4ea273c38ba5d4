#include "alerts/sender.h"

#include <algorithm>
#include <ctime>
#include <optional>
#include <vector>

#include "alerts/message.h"
#include "alerts/signature.h"
#include "alerts/target.h"
#include "common/log.h"
#include "http/client.h"

namespace converza::alerts {
namespace {

// Due deliveries, oldest due first; their next attempt is pushed past this send (the lease).
constexpr std::string_view kClaim = R"sql(
  with due as (
    select tenant_id, id from public.alert_deliveries
     where status = 'pending' and next_attempt_at <= now()
     order by next_attempt_at limit $1
       for update skip locked)
  update public.alert_deliveries d
     set attempts = d.attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
    from due
   where d.tenant_id = due.tenant_id and d.id = due.id
  returning d.tenant_id::text, d.id, d.channel, d.target, d.attempts)sql";

constexpr std::string_view kFacts = R"sql(
  select r.id::text, r.name, r.kind, r.threshold::float8, coalesce(t.name, ''),
         coalesce(r.webhook_url, ''), r.secret, c.id::text,
         coalesce(to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''),
         coalesce(c.duration_s, 0), coalesce(c.from_number, ''), coalesce(a.name, ''),
         coalesce(i.sentiment_label, ''), i.ai_score, coalesce(i.upsell_cents, 0),
         coalesce(i.currency, 'USD')
    from public.alert_deliveries d
    join public.alert_rules r on r.tenant_id = d.tenant_id and r.id = d.rule_id
    join public.calls c on c.tenant_id = d.tenant_id and c.id = d.call_id
    left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
    left join public.agents a on a.tenant_id = c.tenant_id and a.id = c.agent_id
    left join public.trackers t on t.tenant_id = r.tenant_id and t.id = r.tracker_id
   where d.tenant_id = $1::uuid and d.id = $2)sql";

constexpr std::string_view kSent = R"sql(
  update public.alert_deliveries
     set status = 'sent', sent_at = now(), last_error = null, response_status = $3::int
   where tenant_id = $1::uuid and id = $2)sql";

constexpr std::string_view kFailed = R"sql(
  update public.alert_deliveries
     set status = case when $4::bool then 'failed' else 'pending' end,
         next_attempt_at = now() + $5 * interval '1 millisecond',
         last_error = $3, response_status = $6::int
   where tenant_id = $1::uuid and id = $2)sql";

struct Attempt {
  bool ok = false;
  bool permanent = false;
  std::optional<int> status;  // the HTTP status or SMTP outcome code
  std::string error;
};

Attempt PostWebhook(const AlertFacts& facts, const std::string& url, const std::string& secret,
                    const SenderOptions& options) {
  if (!options.allow_private_targets) {
    Status target = CheckPublicTarget(url);
    if (!target.ok()) {
      Attempt refused;
      refused.permanent = target.code() == Status::Code::kInvalidArgument;
      refused.error = target.message();
      return refused;
    }
  }
  const std::string body = WebhookBody(facts);
  const long long now = static_cast<long long>(std::time(nullptr));
  http::ClientRequest req;
  req.method = "POST";
  req.url = url;
  req.timeout = options.timeout;
  req.max_body = 64u << 10;
  req.headers = {{"Content-Type", "application/json"},
                 {"User-Agent", "Converza-Alerts/1"},
                 {std::string(kTimestampHeader), std::to_string(now)},
                 {std::string(kSignatureHeader), WebhookSignature(secret, now, body)}};
  req.body = body;
  auto res = http::Fetch(req);
  Attempt a;
  if (!res.ok()) {
    // InvalidArgument names the URL; the URL is not for the log.
    a.error = res.status().code() == Status::Code::kInvalidArgument ? "invalid webhook URL"
                                                                    : res.status().message();
    a.permanent = res.status().code() == Status::Code::kInvalidArgument;
    return a;
  }
  a.status = res->status;
  if (res->status >= 200 && res->status < 300) {
    a.ok = true;
  } else {
    a.error = "the webhook answered HTTP " + std::to_string(res->status);
    if (res->status >= 300 && res->status < 400) a.error += " (redirects are not followed)";
    a.permanent = !(res->status == 408 || res->status == 429 || res->status >= 500);
  }
  return a;
}

Attempt SendEmail(const AlertFacts& facts, const std::string& to, const mail::SmtpClient* mailer) {
  Attempt a;
  if (mailer == nullptr || !mailer->configured()) {
    a.error = "e-mail is not configured (SMTP_HOST)";
    return a;
  }
  const std::string subject = "Converza alert: " + facts.rule_name;
  Status s = mailer->Send({.to = to, .subject = subject, .text = EmailText(facts)});
  if (s.ok()) {
    a.ok = true;
    return a;
  }
  a.error = s.message();
  a.permanent = s.code() == Status::Code::kInvalidArgument;  // a 5xx reply: the relay refused
  return a;
}

}  // namespace

std::chrono::seconds RetryDelay(int attempts) {
  constexpr long long kFirst = 30, kCap = 3600;
  const int n = std::clamp(attempts - 1, 0, 10);
  return std::chrono::seconds(std::min(kCap, kFirst << (2 * n)));
}

AlertSender::AlertSender(db::Pool& pool, SenderOptions options)
    : pool_(pool), options_(std::move(options)) {}

int AlertSender::SendDue() {
  struct Claimed {
    std::string tenant_id;
    std::string id;
    std::string channel, target;
    int attempts = 0;
  };
  std::vector<Claimed> claimed;
  // The lease: longer than one send can take (the webhook's deadline, SMTP's own).
  const auto lease = options_.timeout + std::chrono::seconds(60);
  {
    auto c = pool_.acquire();
    auto rows = c->exec(kClaim, {std::to_string(options_.batch), std::to_string(lease.count())});
    for (int i = 0; i < rows.size(); ++i) {
      claimed.push_back({std::string(rows.get(i, 0)), std::string(rows.get(i, 1)),
                         std::string(rows.get(i, 2)), std::string(rows.get(i, 3)),
                         static_cast<int>(rows.get_int(i, 4))});
    }
  }
  for (const auto& d : claimed) {
    AlertFacts f;
    std::string url, secret;
    {
      auto c = pool_.acquire();
      auto r = c->exec(kFacts, {d.tenant_id, d.id});
      if (r.empty()) continue;  // the rule or the call was deleted meanwhile (cascade)
      f.delivery_id = std::stoll(d.id);
      f.rule_id = r.get(0, 0);
      f.rule_name = r.get(0, 1);
      f.kind = r.get(0, 2);
      if (!r.is_null(0, 3)) f.threshold = std::stod(std::string(r.get(0, 3)));
      f.tracker_name = r.get(0, 4);
      url = r.get(0, 5);
      secret = r.get(0, 6);
      f.call_id = r.get(0, 7);
      f.started_at = r.get(0, 8);
      f.duration_s = static_cast<int>(r.get_int(0, 9));
      f.from_number = r.get(0, 10);
      f.agent_name = r.get(0, 11);
      f.sentiment = r.get(0, 12);
      if (!r.is_null(0, 13)) f.ai_score = static_cast<int>(r.get_int(0, 13));
      f.upsell_cents = r.get_int(0, 14);
      f.currency = r.get(0, 15);
      if (!options_.public_url.empty()) {
        f.call_url = options_.public_url + "/calls/view?id=" + f.call_id;
      }
    }
    Attempt a;
    if (d.channel == "webhook") {
      if (url.empty()) {
        a.error = "the rule no longer has a webhook";
        a.permanent = true;
      } else {
        a = PostWebhook(f, url, secret, options_);
      }
    } else {
      a = SendEmail(f, d.target, options_.mailer);
    }
    auto c = pool_.acquire();
    const std::string status = a.status ? std::to_string(*a.status) : std::string();
    if (a.ok) {
      c->exec(kSent, {d.tenant_id, d.id, a.status ? db::Param(status) : db::Param()});
      log::Info("alert sent", {{"delivery", d.id}, {"channel", d.channel}});
      continue;
    }
    const bool give_up = a.permanent || d.attempts >= options_.max_attempts;
    const std::chrono::milliseconds delay =
        give_up ? std::chrono::milliseconds(0) : std::chrono::milliseconds(RetryDelay(d.attempts));
    c->exec(kFailed, {d.tenant_id, d.id, a.error.substr(0, 500), give_up ? "true" : "false",
                      std::to_string(delay.count()), a.status ? db::Param(status) : db::Param()});
    log::Warn(
        give_up ? "alert failed" : "alert will be retried",
        {{"delivery", d.id}, {"channel", d.channel}, {"attempt", d.attempts}, {"error", a.error}});
  }
  return static_cast<int>(claimed.size());
}

}  // namespace converza::alerts
