// Upsell detection for the rules analyzer (the "upsell" definition in
// docs/architecture.md#what-the-insights-mean): an agent sentence that prices an
// add-on or upgrade ("add the warranty for $30", "$15 more a month", "50 more per night") is an
// offer; the customer's next decisive reply accepts or declines it. Only accepted offers count:
// a recurring price once, a per-unit price times the units agreed ("two nights"), discounts
// never, a price repeated later (recap) once. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/insight.h"
#include "analysis/money.h"
#include "analysis/tokens.h"

namespace converza::analysis {

struct UpsellOffer {
  std::string name;
  long long unit_cents = 0;  // the price as stated
  long long units = 1;       // units agreed for a per-unit price
  int at_ms = 0;             // start of the agent's offer turn
  bool accepted = false;
  bool declined = false;        // explicitly; neither flag = left open
  int reply_at_ms = -1;         // start of the deciding customer turn
  std::string reply;            // the deciding customer turn's text
  double certainty = 1;         // the learned model's probability of its verdict (upsell_model.h)
  bool rules_accepted = false;  // LearnedUpsells: the rules read the reply as a yes (`accepted`
                                // before the model's verdict replaced it)
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

// The name of the thing the price `m` offers in the sentence t[sent_lo, sent_hi), or "add-on".
// Managers read it (insight upsell items), ReplyAbout matches replies against it ("just the
// mats") and the upsell model takes its words as features.
std::string OfferName(const std::vector<Token>& t, std::size_t sent_lo, std::size_t sent_hi,
                      const MoneyMention& m);

// The offer's amount as it would count: unit price times the units agreed.
inline long long OfferCents(const UpsellOffer& o) { return o.unit_cents * o.units; }

// An amount the learned model (upsell_model.h) decides: each distinct amount an agent stated as
// a price — the offers FindUpsells took plus the prices it passed over (an add-on priced in the
// sentence after the one naming it, "It's $15 a month."; "the forty dollar one"; "$4.25 per mat"
// for the three mats agreed) — with what the rules know about it as features, not filters.
struct UpsellCandidate {
  UpsellOffer offer;  // the amount (unit price x units agreed), where it was stated, the reply;
                      // accepted/declined as the rules read it (never, when not their offer)
  bool rules_offer = false;  // FindUpsells took it for an add-on offer
  bool cue = false;          // an add-on word in its sentence or the sentence before
  bool more = false;         // "$10 more", "an extra $10"
  bool recurring = false;    // "a month"
  bool per_unit = false;     // "per night", "each"
  bool not_offer = false;    // its sentence states a total, balance, deposit, current price
  bool first_price = false;  // the first price of its turn
  bool joined = false;       // its sentence priced something before it ("$89 and the repair $245")
  bool largest = false;      // the call's largest amount
  bool call_first = false;   // the call's first amount (often the base purchase)
  bool only = false;         // the call's one amount
  bool after_yes = false;    // the customer had already said yes to something
  int agent_mentions = 0;    // sentences of the agent's stating it (a recap repeats it)
  int customer_mentions = 0;
  std::vector<std::string> before, after;  // up to two words either side of the amount
  std::vector<std::uint32_t> sentence;     // word hashes of its sentence and the one before
};

// One candidate per distinct amount, in order of first mention. `rules` is FindUpsells(turns).
std::vector<UpsellCandidate> FindUpsellCandidates(const std::vector<TokenizedTurn>& turns,
                                                  const UpsellResult& rules);

// Sets items and cents from the accepted offers: each at its unit price times its units, a
// price (or a named item) repeated later — a recap — once, and one unit price once, at the
// larger number of units ("$24.99 a day" and "three days" are one item).
void RecountItems(UpsellResult& result);

}  // namespace converza::analysis
