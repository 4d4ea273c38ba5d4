#include "analysis/confidence.h"

#include <algorithm>
#include <cmath>

#include "analysis/money.h"

namespace converza::analysis {

namespace {

// Levels, from strong to weak. Round numbers on purpose: they rank findings, they are not
// probabilities (docs/benchmarks.md shows accuracy above and below kNeedsReview).
constexpr double kStrong = 0.9, kFair = 0.75, kUnsure = 0.45, kWeak = 0.35;

bool NotedForReview(const Insight& in, const std::string& field) {
  return std::any_of(in.review.begin(), in.review.end(), [&](const ReviewNote& n) {
    return n.field == field || n.field.rfind(field + "_", 0) == 0 ||
           n.field.rfind(field + "[", 0) == 0 || n.field.rfind(field + ".", 0) == 0;
  });
}

}  // namespace

void AssessConfidence(const std::vector<Turn>& turns, Insight& in) {
  bool price_quoted = false, addon_offered = false;
  for (const Turn& t : turns) {
    if (price_quoted && addon_offered) break;  // nothing more to learn: read no further turns
    if (t.speaker != Speaker::kAgent) continue;
    for (const MoneyMention& m : FindMoney(t.text)) {
      if (m.discount) continue;
      price_quoted = true;
      addon_offered |= m.more;
    }
  }
  auto& c = in.confidence;
  c.clear();

  if (in.converted) {
    c["converted"] = in.converted_evidence.empty() ? kWeak : kStrong;
  } else {
    c["converted"] = price_quoted && in.sentiment.label == "positive" ? kUnsure : kFair;
  }
  if (NotedForReview(in, "converted")) c["converted"] = kWeak;

  if (NotedForReview(in, "upsell")) {
    c["upsell"] = kWeak;
  } else if (in.upsell_cents > 0) {
    c["upsell"] = kFair;
  } else {
    c["upsell"] = addon_offered ? kFair : kStrong;  // declined offers are usually read right
  }

  // 0 at a boundary (±0.2), 1 at 0.4 or more from it.
  const double s = in.sentiment.score;
  const double margin = std::min(std::fabs(s - 0.2), std::fabs(s + 0.2));
  c["sentiment"] = std::round((0.3 + 0.65 * std::min(1.0, margin / 0.4)) * 100) / 100;
  if (NotedForReview(in, "sentiment")) c["sentiment"] = kWeak;

  for (const auto& [key, r] : in.script) {
    double v = r.met ? (r.evidence.empty() ? kWeak : kStrong) : kFair;
    if (NotedForReview(in, "script." + key)) v = kWeak;
    c["script." + key] = v;
  }
}

}  // namespace converza::analysis
