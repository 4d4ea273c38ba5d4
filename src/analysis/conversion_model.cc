#include "analysis/conversion_model.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "analysis/reply.h"

namespace converza::analysis {
namespace {

// An array, not a string_view: a constexpr length of a text this long exceeds GCC's limit.
constexpr char kWeights[] =
#include "analysis/models/converted_weights.inc"
    ;

const LinearModel& Model() {
  static const LinearModel model =
      LinearModel::Shipped("converted", {kWeights, sizeof kWeights - 1}, kConvertedClasses);
  return model;
}

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
  const std::size_t n = turns.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool customer = turns[i].turn->speaker == Speaker::kCustomer;
    const bool ending = i + kEndingTurns >= n;
    const char* all = customer ? "ca:" : "aa:";
    const char* end = customer ? "ce:" : "ae:";
    const char* end2 = customer ? "ce2:" : "ae2:";
    std::string_view previous;
    for (const Token& tok : turns[i].tokens) {
      if (!tok.IsWord()) continue;
      add(FeatureId(all, tok.text), whole[customer], i);
      if (ending) {
        add(FeatureId(end, tok.text), 1.0f, i);
        if (!previous.empty()) add(FeatureId(end2, previous, tok.text), 1.0f, i);
      }
      previous = tok.text;
    }
    if (customer && ending && IsDeferral(turns[i].tokens)) add(FeatureId("defer", ""), 1.0f, i);
  }
  return out;
}

Conversion LearnedConversion(const std::vector<TokenizedTurn>& turns, const Conversion& rules,
                             double* probability) {
  std::vector<std::size_t> turn_of;
  const std::vector<Feature> features = ConversionFeatures(turns, rules, &turn_of);
  const std::vector<double> p = Model().Probabilities(features);
  const std::size_t best = LinearModel::MostLikely(p);
  if (probability) *probability = p[best];
  if (best == 0) return Conversion{};
  if (rules.converted) return rules;
  // The customer turn that contributed most toward "yes".
  std::vector<double> push(turns.size(), 0.0);
  for (std::size_t f = 0; f < features.size(); ++f) {
    if (turn_of[f] >= turns.size()) continue;
    push[turn_of[f]] +=
        features[f].value * (Model().Weight(features[f].id, 1) - Model().Weight(features[f].id, 0));
  }
  Conversion c;
  c.converted = true;
  double top = 0;
  for (std::size_t i = 0; i < turns.size(); ++i) {
    if (turns[i].turn->speaker != Speaker::kCustomer || push[i] <= top) continue;
    top = push[i];
    c.evidence = turns[i].turn->text;
    c.at_ms = turns[i].turn->start_ms;
  }
  return c;
}

}  // namespace converza::analysis
