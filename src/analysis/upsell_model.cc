#include "analysis/upsell_model.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/money.h"
#include "analysis/shipped_models.h"

namespace converza::analysis {
namespace {

const LinearModel& Model() { return Shipped(ShippedModel::kUpsell); }

const TokenizedTurn* TurnAt(const std::vector<TokenizedTurn>& turns, int start_ms,
                            Speaker speaker) {
  for (const auto& t : turns) {
    if (t.turn->start_ms == start_ms && t.turn->speaker == speaker) return &t;
  }
  return nullptr;
}

}  // namespace

std::vector<Feature> OfferFeatures(const std::vector<TokenizedTurn>& turns,
                                   const UpsellOffer& offer) {
  static constexpr std::uint32_t kOffer = WordHash("o:"), kReply = WordHash("r:"),
                                 kName = WordHash("n:");
  std::vector<Feature> out;
  out.push_back({FeatureId("bias", ""), 1.0f});
  out.push_back({FeatureId("rules", ""), offer.accepted ? 1.0f : offer.declined ? -1.0f : 0.0f});
  if (const TokenizedTurn* t = TurnAt(turns, offer.at_ms, Speaker::kAgent)) {
    for (const Token& tok : t->tokens) {
      if (tok.IsWord()) out.push_back({CombineIds(kOffer, tok.hash), 1.0f});
    }
    // The turn's first price is usually the base purchase, a later one the add-on.
    const auto money = FindMoney(t->tokens);
    const auto first =
        std::find_if(money.begin(), money.end(), [](const MoneyMention& m) { return !m.discount; });
    const bool base = first != money.end() && first->cents == offer.unit_cents;
    out.push_back({FeatureId(base ? "first-price" : "later-price", ""), 1.0f});
  }
  if (const TokenizedTurn* r = TurnAt(turns, offer.reply_at_ms, Speaker::kCustomer)) {
    for (const Token& tok : r->tokens) {
      if (tok.IsWord()) out.push_back({CombineIds(kReply, tok.hash), 1.0f});
    }
  } else {
    out.push_back({FeatureId("no-reply", ""), 1.0f});
  }
  for (const Token& tok : Tokenize(offer.name)) {
    if (tok.IsWord()) out.push_back({CombineIds(kName, tok.hash), 1.0f});
  }
  // The size of the amount in dollars, by order of magnitude ($5, $50, $500, $5,000...).
  const int digits =
      OfferCents(offer) < 100
          ? 0
          : static_cast<int>(std::log10(static_cast<double>(OfferCents(offer)) / 100.0)) + 1;
  out.push_back({FeatureId("dollars-digits", std::to_string(std::min(digits, 6))), 1.0f});
  return Coalesced(std::move(out));
}

std::vector<int> InferOfferLabels(const UpsellResult& rules, long long labelled_cents) {
  std::vector<long long> amounts;  // distinct: a repeated price counts once
  for (const auto& o : rules.offers) amounts.push_back(OfferCents(o));
  std::sort(amounts.begin(), amounts.end());
  amounts.erase(std::unique(amounts.begin(), amounts.end()), amounts.end());
  if (amounts.size() > 16) return {};
  int matches = 0;
  std::set<long long> bought;
  for (unsigned mask = 0; mask < (1u << amounts.size()); ++mask) {
    long long sum = 0;
    for (std::size_t i = 0; i < amounts.size(); ++i) sum += (mask >> i & 1) ? amounts[i] : 0;
    if (sum != labelled_cents) continue;
    if (++matches > 1) return {};
    bought.clear();
    for (std::size_t i = 0; i < amounts.size(); ++i) {
      if (mask >> i & 1) bought.insert(amounts[i]);
    }
  }
  if (matches != 1) return {};
  std::vector<int> labels;
  for (const auto& o : rules.offers) labels.push_back(bought.count(OfferCents(o)) ? 1 : 0);
  return labels;
}

UpsellResult LearnedUpsells(const std::vector<TokenizedTurn>& turns, UpsellResult rules) {
  for (UpsellOffer& o : rules.offers) {
    const bool bought = RefinedVerdict(Model(), OfferFeatures(turns, o));
    if (bought && !o.accepted) o.declined = false;
    o.accepted = bought;
  }
  RecountItems(rules);
  return rules;
}

}  // namespace converza::analysis
