// What an alert says: the webhook's JSON body and the e-mail, built from the facts of one rule
// and one call (docs/alerts.md). The body's `text` is a one-line summary, so a Slack incoming
// webhook URL works as a target as it is; the rest is structured for other receivers. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>

namespace converza::alerts {

struct AlertFacts {
  long long delivery_id = 0;
  std::string rule_id, rule_name, kind;  // kind: negative_long_call | tracker_hit | ...
  std::optional<double> threshold;       // seconds, score or amount, as the kind says
  std::string tracker_name;              // tracker_hit only
  std::string call_id, started_at;       // started_at: ISO 8601
  int duration_s = 0;
  std::string from_number, agent_name;  // may be empty
  std::string sentiment;                // positive | neutral | negative | ""
  std::optional<int> ai_score;
  long long upsell_cents = 0;
  std::string currency = "USD";
  std::string call_url;  // the call in the dashboard
};

// "Negative call longer than 2m 0s", "Tracker \"Competitor\" was hit", ...: what the rule saw.
std::string Condition(const AlertFacts& f);
// The one-line summary (Slack's `text`, the e-mail's subject and first line).
std::string AlertText(const AlertFacts& f);
// The webhook's JSON body.
std::string WebhookBody(const AlertFacts& f);
// The e-mail's plain-text body.
std::string EmailText(const AlertFacts& f);

}  // namespace converza::alerts
