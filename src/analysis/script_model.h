// Script adherence, learned, for the default checklist (analysis/script.h): one logistic
// regression (analysis/linear_model.h) over all six items, each item's features named with its
// key. The phrase rules (script_matcher.h) miss greetings that name the company without
// "thanks for calling", needs questions asked indirectly, recaps phrased "so the plan is…"; the
// model weighs the agent's words — anywhere, in the first two and in the last three agent turns,
// names in the opening — and the customer's, with the rules' verdict as one feature. Trained by
// `converza train --model script` on the tuning calls only; the weights are
// models/script_weights.inc, compiled in. Items a tenant wrote or reworded stay with the rules.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/insight.h"
#include "analysis/linear_model.h"
#include "analysis/script.h"
#include "analysis/tokens.h"

namespace converza::analysis {

// The classes, in the model's order.
inline const std::vector<std::string> kScriptClasses = {"missed", "met"};

// True when `item` is one of DefaultScript()'s items as shipped (same key and description),
// i.e. what the model was trained for.
bool HasLearnedModel(const ScriptItem& item);

// How the agent's first turn names the business, the one thing a greeting must do, as the
// feature the model reads: "<Business:capital>" ("Redline Freight, this is Jason"),
// "<Business:after-lead-in>" ("thanks for calling redline"), "<Business:words-before>" ("comfort
// pro heating this is vince"), "<Business:after-intro>" ("it's derek with sunward energy") or
// "<Business:none>" ("Reservations, this is Kim", "hi rachel it's ben").
std::string_view BusinessNamed(const TokenizedTurn& first);

// The features of one item for a call given the rules' verdict. `turn_of` (optional) receives,
// per feature, the index of its turn, or npos for features of the whole call.
std::vector<Feature> ScriptItemFeatures(const std::vector<TokenizedTurn>& turns,
                                        const std::string& key, const ScriptResult& rules,
                                        std::vector<std::size_t>* turn_of = nullptr);

// Replaces the rules' verdict on each item of `script` that HasLearnedModel with the model's
// (the call's words are read once for all of them). A "met" keeps the rules' quote when they
// agree, otherwise quotes the agent turn whose words pushed hardest toward "met". `probability`
// (optional) receives each replaced item's verdict probability.
void ApplyLearnedScript(const std::vector<TokenizedTurn>& turns,
                        const std::vector<ScriptItem>& script,
                        std::map<std::string, ScriptResult>& results,
                        std::map<std::string, double>* probability = nullptr);

}  // namespace converza::analysis
