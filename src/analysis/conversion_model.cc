#include "analysis/conversion_model.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "analysis/objection.h"
#include "analysis/reply.h"
#include "analysis/shipped_models.h"

namespace converza::analysis {
namespace {

const LinearModel& Model() { return Shipped(ShippedModel::kConverted); }

// How many turns at the end of a call count as its ending.
constexpr std::size_t kEndingTurns = 6;

}  // namespace

std::vector<Feature> ConversionFeatures(const std::vector<TokenizedTurn>& turns,
                                        const Conversion& rules,
                                        std::vector<std::size_t>* turn_of) {
  constexpr std::size_t kWholeCall = static_cast<std::size_t>(-1);
  std::vector<Feature> out;
  auto add = [&](std::uint32_t id, float value, std::size_t turn) {
    out.push_back({id, value});
    if (turn_of) turn_of->push_back(turn);
  };
  add(FeatureId("bias", ""), 1.0f, kWholeCall);
  add(FeatureId("rules", ""), rules.converted ? 1.0f : -1.0f, kWholeCall);

  std::size_t per_speaker[2] = {0, 0};
  for (const auto& t : turns) ++per_speaker[t.turn->speaker == Speaker::kCustomer];
  const float whole[2] = {
      1.0f / std::sqrt(static_cast<float>(std::max<std::size_t>(1, per_speaker[0]))),
      1.0f / std::sqrt(static_cast<float>(std::max<std::size_t>(1, per_speaker[1])))};
  static constexpr std::uint32_t kAll[2] = {WordHash("aa:"), WordHash("ca:")};
  static constexpr std::uint32_t kEnd[2] = {WordHash("ae:"), WordHash("ce:")};
  static constexpr std::uint32_t kEndPair[2] = {WordHash("ae2:"), WordHash("ce2:")};
  const std::size_t n = turns.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool customer = turns[i].turn->speaker == Speaker::kCustomer;
    const bool ending = i + kEndingTurns >= n;
    const Token* previous = nullptr;
    for (const Token& tok : turns[i].tokens) {
      if (!tok.IsWord()) continue;
      add(CombineIds(kAll[customer], tok.hash), whole[customer], i);
      if (ending) {
        add(CombineIds(kEnd[customer], tok.hash), 1.0f, i);
        if (previous) {
          add(CombineIds(CombineIds(kEndPair[customer], previous->hash), tok.hash), 1.0f, i);
        }
      }
      previous = &tok;
    }
    if (customer && ending && IsDeferral(turns[i].tokens)) add(FeatureId("defer", ""), 1.0f, i);
  }
  return out;
}

Conversion LearnedConversion(const std::vector<TokenizedTurn>& turns, const Conversion& rules,
                             double* probability) {
  return LearnedConversion(Model(), turns, rules, probability);
}

Conversion LearnedConversion(const LinearModel& model, const std::vector<TokenizedTurn>& turns,
                             const Conversion& rules, double* probability) {
  const bool yes = RefinedVerdict(model, ConversionFeatures(turns, rules), probability);
  if (yes == rules.converted) return rules;
  // Overturning the rules takes a customer turn behind the new verdict: the "let's do it" the
  // rules missed is the quote of a "yes"; a "no" that discards the rules' quoted commitment
  // needs a turn that decides it on its own (the "I'll think about it" that withdraws it).
  std::vector<std::size_t> turn_of;
  const std::vector<Feature> features = ConversionFeatures(turns, rules, &turn_of);
  // A commitment that answers a priced offer is withdrawn only by that turn itself or a later
  // one ("okay, send me a proposal first"): what the customer said before committing, the
  // commitment already answered.
  const bool answers_price = !yes && rules.answers_price;
  std::vector<bool> customer(turns.size());
  for (std::size_t i = 0; i < turns.size(); ++i) {
    // A turn that raises an objection ("X would do it for less, can you match that?") is not
    // the one that made the sale, whatever words it shares with commitments.
    customer[i] = turns[i].turn->speaker == Speaker::kCustomer &&
                  (!answers_price || turns[i].turn->start_ms >= rules.at_ms) &&
                  (!yes || ObjectionKindIn(turns[i].tokens).empty());
  }
  const std::size_t at =
      CarryingTurn(model, features, turn_of, customer, yes ? 1 : 0, /*alone=*/!yes);
  if (at >= turns.size()) return rules;
  if (!yes) return Conversion{};
  Conversion c;
  c.converted = true;
  c.evidence = turns[at].turn->text;
  c.at_ms = turns[at].turn->start_ms;
  return c;
}

}  // namespace converza::analysis
