#include "analysis/upsell_model.h"

#include <algorithm>
#include <cmath>

#include "analysis/money.h"
#include "analysis/reply.h"
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

std::vector<Feature> CandidateFeatures(const std::vector<TokenizedTurn>& turns,
                                       const UpsellCandidate& c) {
  static constexpr std::uint32_t kReply = WordHash("r:"), kName = WordHash("n:"),
                                 kBefore = WordHash("b:"), kAfter = WordHash("a:"),
                                 kFlag = WordHash("f:");
  const UpsellOffer& offer = c.offer;
  std::vector<Feature> out;
  out.push_back({FeatureId("bias", ""), 1.0f});
  out.push_back({FeatureId("rules", ""), offer.accepted ? 1.0f : offer.declined ? -1.0f : 0.0f});
  Reply reply = Reply::kUndecided;
  const TokenizedTurn* r = TurnAt(turns, offer.reply_at_ms, Speaker::kCustomer);
  if (r) reply = ClassifyReply(r->tokens);
  // Each flag alone and with the reply's reading ("yes" to an "extra $10" is an add-on bought,
  // "yes" to the first price of the call is usually the base purchase).
  const char* said = offer.accepted             ? "acc&"
                     : offer.declined           ? "dec&"
                     : reply == Reply::kAccept  ? "yes&"
                     : reply == Reply::kDecline ? "no&"
                                                : "open&";
  static constexpr std::uint32_t kSaid = WordHash("s:");
  auto flag = [&](const char* name, bool on) {
    if (!on) return;
    out.push_back({CombineIds(kFlag, WordHash(name)), 1.0f});
    out.push_back({CombineIds(CombineIds(kSaid, WordHash(said)), WordHash(name)), 1.0f});
  };
  flag("any", true);
  flag("rules-offer", c.rules_offer);
  flag("cue", c.cue);
  flag("more", c.more);
  flag("recurring", c.recurring);
  flag("per-unit", c.per_unit);
  flag("units", offer.units > 1);
  flag("not-offer", c.not_offer);
  flag("first-price", c.first_price);
  flag("largest", c.largest && !c.only);
  flag("only", c.only);
  flag("call-first", c.call_first && !c.only);
  flag("restated", c.agent_mentions > 1);
  flag("customer-said", c.customer_mentions > 0);
  flag("after-yes", c.after_yes);
  flag("joined", c.joined);
  flag("joined-no-cue", c.joined && !c.cue);
  if (r) {
    static constexpr std::uint32_t kPair = WordHash("r2:");
    const Token* previous = nullptr;
    for (const Token& tok : r->tokens) {
      if (!tok.IsWord()) continue;
      if (previous) out.push_back({CombineIds(CombineIds(kPair, previous->hash), tok.hash), 1.0f});
      previous = &tok;
    }
    for (const Token& tok : r->tokens) {
      if (tok.IsWord()) out.push_back({CombineIds(kReply, tok.hash), 1.0f});
    }
  } else {
    out.push_back({FeatureId("no-reply", ""), 1.0f});
  }
  for (const Token& tok : Tokenize(offer.name)) {
    if (tok.IsWord()) out.push_back({CombineIds(kName, tok.hash), 1.0f});
  }
  static constexpr std::uint32_t kSentence = WordHash("c:");
  for (const std::uint32_t h : c.sentence) out.push_back({CombineIds(kSentence, h), 1.0f});
  for (const auto& w : c.before) out.push_back({CombineIds(kBefore, WordHash(w)), 1.0f});
  for (const auto& w : c.after) out.push_back({CombineIds(kAfter, WordHash(w)), 1.0f});
  // The size of the amount in dollars, by order of magnitude ($5, $50, $500, $5,000...).
  const int digits =
      OfferCents(offer) < 100
          ? 0
          : static_cast<int>(std::log10(static_cast<double>(OfferCents(offer)) / 100.0)) + 1;
  out.push_back({FeatureId("dollars-digits", std::to_string(std::min(digits, 6))), 1.0f});
  return Coalesced(std::move(out));
}

std::vector<int> InferCandidateLabels(const std::vector<UpsellCandidate>& candidates,
                                      long long labelled_cents) {
  const std::size_t n = candidates.size();
  if (labelled_cents == 0) return std::vector<int>(n, 0);
  if (n > 20) return {};
  int best_size = 99, matches = 0;
  unsigned best = 0;
  for (unsigned mask = 1; mask < (1u << n); ++mask) {
    const int size = __builtin_popcount(mask);
    if (size > best_size) continue;
    long long sum = 0;
    for (std::size_t i = 0; i < n; ++i)
      sum += (mask >> i & 1) ? OfferCents(candidates[i].offer) : 0;
    if (sum != labelled_cents) continue;
    if (size < best_size) best_size = size, matches = 0, best = mask;
    ++matches;
  }
  if (matches != 1) return {};
  std::vector<int> labels;
  for (std::size_t i = 0; i < n; ++i) labels.push_back(best >> i & 1 ? 1 : 0);
  return labels;
}

UpsellResult LearnedUpsells(const std::vector<TokenizedTurn>& turns, UpsellResult rules) {
  return LearnedUpsells(Model(), turns, std::move(rules));
}

UpsellResult LearnedUpsells(const LinearModel& model, const std::vector<TokenizedTurn>& turns,
                            UpsellResult rules) {
  std::vector<UpsellCandidate> candidates = FindUpsellCandidates(turns, rules);
  rules.offers.clear();
  for (UpsellCandidate& c : candidates) {
    UpsellOffer& o = c.offer;
    const bool bought = RefinedVerdict(model, CandidateFeatures(turns, c), &o.certainty);
    o.rules_accepted = o.accepted;
    if (bought && !o.accepted) o.declined = false;
    o.accepted = bought;
    rules.offers.push_back(std::move(o));
  }
  RecountItems(rules);
  return rules;
}

}  // namespace converza::analysis
