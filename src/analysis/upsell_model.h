// Upsell, learned: which amounts an agent stated were really bought as an add-on or upgrade.
// The rules find priced offers and read the customer's reply well, but on calls nobody here
// wrote they count the base purchase, a deposit or a declined add-on, and they pass over add-ons
// priced without an add-on word in the same sentence. Every distinct amount an agent stated is a
// candidate (upsell.h FindUpsellCandidates); a logistic regression (linear_model.h) over each —
// the words of the agent's turn, the two words either side of the amount, the customer's reply,
// the amount's size, and the rules' flags (add-on cue, "more", rate, first price of the turn or
// the call, a second price of its sentence, restated, a total or a deposit), each alone and with
// how the customer answered — with the rules' accepted/declined reading as one feature decides
// each; the rules' arithmetic (units agreed, repeated prices) stays. Trained by `converza train
// --model upsell` on the tuning calls, with each candidate's label inferred from the call's
// labelled total (calls whose total no one smallest set of amounts explains are skipped); the
// weights are models/upsell_weights.inc. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analysis/linear_model.h"
#include "analysis/tokens.h"
#include "analysis/upsell.h"

namespace converza::analysis {

// The classes, in the model's order.
inline const std::vector<std::string> kUpsellClasses = {"not_bought", "bought"};

// The features of one candidate amount of the call (bias and the rules' reading first, as
// RefinedVerdict expects).
std::vector<Feature> CandidateFeatures(const std::vector<TokenizedTurn>& turns,
                                       const UpsellCandidate& candidate);

// For training: per candidate, whether it was bought, inferred from the call's labelled total —
// the smallest set of candidate amounts that adds up to it (all "no" for a total of 0). Empty
// when no set, or more than one of that size, explains the total.
std::vector<int> InferCandidateLabels(const std::vector<UpsellCandidate>& candidates,
                                      long long labelled_cents);

// Below this probability of its verdict the model's call on an amount is the manager's to check:
// the rules analyzer notes the amount for review. Chosen on 220 calls no model had seen
// (t32-t35): a tenth of calls flagged, right 43% of the time against 82% for the rest.
inline constexpr double kUpsellSure = 0.8;

// The upsell finder's answer with each candidate amount decided by the model: `offers` are the
// candidates' offers, `accepted` set on the bought ones (others cleared) and `certainty` on each,
// items and cents recomputed.
UpsellResult LearnedUpsells(const std::vector<TokenizedTurn>& turns, UpsellResult rules);
// The same with a given model (the trainer's cross-validation scores fold models this way).
UpsellResult LearnedUpsells(const LinearModel& model, const std::vector<TokenizedTurn>& turns,
                            UpsellResult rules);

}  // namespace converza::analysis
