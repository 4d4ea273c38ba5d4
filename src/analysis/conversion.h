// Conversion detection for the rules analyzer (the "converted" definition in
// docs/architecture.md#what-the-insights-mean): the customer commits to a
// purchase, a paid booking, a sign-up, an upgrade, or to keep a paid plan. Evidence comes from
// the customer's own words ("I'll take it", "sign me up"), from a "yes" to the agent's closing
// question ("shall I go ahead and book it?"), or from the agent confirming a completed order.
// Deferrals ("I'll think about it", "send me a proposal", "ask my boss"), cancellations and free
// service visits are not conversions; a later deferral withdraws an earlier commitment.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analysis/tokens.h"
#include "analysis/upsell.h"

namespace converza::analysis {

struct Conversion {
  bool converted = false;
  std::string evidence;  // the committing turn's text
  int at_ms = -1;
  // The commitment is the customer's answer to an agent turn that named an amount ("$179 ...
  // this afternoon." "Okay, let's book it."): what the customer said before it, it answered.
  bool answers_price = false;
};

// `upsell`: the upsell finder's answer for the call; an accepted upgrade or add-on is a
// commitment too.
Conversion DetectConversion(const std::vector<TokenizedTurn>& turns, const UpsellResult& upsell);

}  // namespace converza::analysis
