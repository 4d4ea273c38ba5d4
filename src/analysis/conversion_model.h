// Conversion, learned (analysis/linear_model.h): did the customer commit to something paid?
// The hand rules (conversion.h) know the shapes of a commitment but take polite endings after a
// free visit, or "sounds great" before "I'll check other places", as a sale; a logistic
// regression over the call's words — the customer's and the agent's kept apart, the last turns
// (where a call is decided) at full weight with their word pairs — with the rules' verdict as one
// feature weighs both. Trained by `converza train --model converted` on the tuning calls only
// (eval/tuning/tuning.jsonl); the weights are models/converted_weights.inc, compiled in.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "analysis/conversion.h"
#include "analysis/linear_model.h"
#include "analysis/tokens.h"

namespace converza::analysis {

// The classes, in the model's order.
inline const std::vector<std::string> kConvertedClasses = {"no", "yes"};

// The call's features given the rules' verdict. `turn_of` (optional) receives, per feature, the
// index of the turn it came from, or npos for features of the whole call.
std::vector<Feature> ConversionFeatures(const std::vector<TokenizedTurn>& turns,
                                        const Conversion& rules,
                                        std::vector<std::size_t>* turn_of = nullptr);

// The model's verdict. Its evidence is the rules' committing turn when they agree, otherwise the
// customer turn whose words pushed hardest toward "yes". `probability` (optional) receives the
// verdict's probability.
Conversion LearnedConversion(const std::vector<TokenizedTurn>& turns, const Conversion& rules,
                             double* probability = nullptr);
// The same with a given model (the trainer's cross-validation scores fold models this way).
Conversion LearnedConversion(const LinearModel& model, const std::vector<TokenizedTurn>& turns,
                             const Conversion& rules, double* probability = nullptr);

}  // namespace converza::analysis
