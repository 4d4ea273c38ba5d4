// Upsell detection for the rules analyzer (the "upsell" definition in
// docs/architecture.md#what-the-insights-mean): an agent sentence that prices an
// add-on or upgrade ("add the warranty for $30", "$15 more a month", "50 more per night") is an
// offer; the customer's next decisive reply accepts or declines it. Only accepted offers count:
// a recurring price once, a per-unit price times the units agreed ("two nights"), discounts
// never, a price repeated later (recap) once. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analysis/insight.h"
#include "analysis/tokens.h"

namespace converza::analysis {

struct UpsellOffer {
  std::string name;
  long long unit_cents = 0;  // the price as stated
  long long units = 1;       // units agreed for a per-unit price
  int at_ms = 0;             // start of the agent's offer turn
  bool accepted = false;
  bool declined = false;  // explicitly; neither flag = left open
  int reply_at_ms = -1;   // start of the deciding customer turn
  std::string reply;      // the deciding customer turn's text
};

struct UpsellResult {
  long long cents = 0;
  std::vector<UpsellItem> items;    // accepted only
  std::vector<UpsellOffer> offers;  // every offer found, for coaching and evidence

  // The first accepted offer (its reply is a commitment), or nullptr.
  [[nodiscard]] const UpsellOffer* FirstAccepted() const {
    for (const auto& o : offers) {
      if (o.accepted) return &o;
    }
    return nullptr;
  }
};

UpsellResult FindUpsells(const std::vector<TokenizedTurn>& turns);

// Sets items and cents from the accepted offers: each at its unit price times its units, a
// price (or a named item) repeated later — a recap — once.
void RecountItems(UpsellResult& result);

}  // namespace converza::analysis
