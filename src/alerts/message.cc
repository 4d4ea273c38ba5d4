#include "alerts/message.h"

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

namespace converza::alerts {
namespace {

namespace json = boost::json;

std::string Duration(int seconds) {
  return std::to_string(seconds / 60) + "m " + std::to_string(seconds % 60) + "s";
}

std::string Money(long long cents, const std::string& currency) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld.%02lld %s", cents / 100, cents % 100, currency.c_str());
  return buf;
}

std::string Number(double v) {
  char buf[64];
  if (v == std::floor(v)) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

}  // namespace

std::string Condition(const AlertFacts& f) {
  const double t = f.threshold.value_or(0);
  if (f.kind == "negative_long_call") {
    return "Negative call longer than " + Duration(static_cast<int>(t));
  }
  if (f.kind == "tracker_hit") return "Tracker \"" + f.tracker_name + "\" was hit";
  if (f.kind == "ai_score_below") return "AI score below " + Number(t);
  if (f.kind == "upsell_above") return "Upsell above " + Number(t) + " " + f.currency;
  return f.kind;
}

std::string AlertText(const AlertFacts& f) {
  std::string text = "Converza alert \"" + f.rule_name + "\": " + Condition(f) + " — call of " +
                     Duration(f.duration_s);
  if (!f.agent_name.empty()) text += " with " + f.agent_name;
  if (f.ai_score) text += ", AI score " + std::to_string(*f.ai_score);
  if (!f.sentiment.empty()) text += ", " + f.sentiment;
  if (f.upsell_cents > 0) text += ", upsell " + Money(f.upsell_cents, f.currency);
  if (!f.call_url.empty()) text += ". " + f.call_url;
  return text;
}

std::string WebhookBody(const AlertFacts& f) {
  json::object rule{{"id", f.rule_id}, {"name", f.rule_name}, {"kind", f.kind}};
  rule["threshold"] = f.threshold ? json::value(*f.threshold) : json::value(nullptr);
  if (f.kind == "tracker_hit") rule["tracker"] = f.tracker_name;
  json::object call{{"id", f.call_id},
                    {"started_at", f.started_at},
                    {"duration_s", f.duration_s},
                    {"from", f.from_number},
                    {"agent", f.agent_name},
                    {"sentiment", f.sentiment},
                    {"upsell_cents", f.upsell_cents},
                    {"currency", f.currency},
                    {"url", f.call_url}};
  call["ai_score"] = f.ai_score ? json::value(*f.ai_score) : json::value(nullptr);
  return json::serialize(json::object{{"type", "converza.alert"},
                                      {"delivery_id", f.delivery_id},
                                      {"text", AlertText(f)},
                                      {"rule", std::move(rule)},
                                      {"call", std::move(call)}});
}

std::string EmailText(const AlertFacts& f) {
  std::string text = AlertText(f) + "\n\n";
  text += "Rule: " + f.rule_name + " (" + Condition(f) + ")\n";
  text += "Call started: " + f.started_at + "\n";
  text += "Duration: " + Duration(f.duration_s) + "\n";
  if (!f.agent_name.empty()) text += "Agent: " + f.agent_name + "\n";
  if (!f.from_number.empty()) text += "From: " + f.from_number + "\n";
  if (!f.sentiment.empty()) text += "Sentiment: " + f.sentiment + "\n";
  if (f.ai_score) text += "AI score: " + std::to_string(*f.ai_score) + "\n";
  if (f.upsell_cents > 0) text += "Upsell: " + Money(f.upsell_cents, f.currency) + "\n";
  if (!f.call_url.empty()) text += "\nOpen the call: " + f.call_url + "\n";
  text += "\nYou receive this because an alert rule in Converza lists your address.\n";
  return text;
}

}  // namespace converza::alerts
