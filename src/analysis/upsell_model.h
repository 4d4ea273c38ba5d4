// Upsell, learned: which of the offers the upsell finder (upsell.h) saw were really bought as an
// add-on or upgrade. The rules find priced offers and read the customer's reply well, but on
// calls nobody here wrote they count the base purchase, a deposit or a declined add-on, and a
// call with several prices comes out 10-100x too high. A logistic regression
// (linear_model.h) over each offer — the words of the agent's offer turn and of the customer's
// reply, the size of the amount, whether it was the turn's first price — with the rules'
// accepted/declined reading as one feature decides each offer; the rules' arithmetic (units,
// repeated prices) stays. Trained by `converza train --model upsell` on the tuning calls, with
// each offer's label inferred from the call's labelled total (calls whose total no single set of
// offers explains are skipped); the weights are models/upsell_weights.inc. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "analysis/linear_model.h"
#include "analysis/tokens.h"
#include "analysis/upsell.h"

namespace converza::analysis {

// The classes, in the model's order.
inline const std::vector<std::string> kUpsellClasses = {"not_bought", "bought"};

// The features of one offer of the call (bias and the rules' reading first, as RefinedVerdict
// expects).
std::vector<Feature> OfferFeatures(const std::vector<TokenizedTurn>& turns,
                                   const UpsellOffer& offer);

// The offer's amount as it would count: unit price times the units agreed.
inline long long OfferCents(const UpsellOffer& o) { return o.unit_cents * o.units; }

// For training: per offer, whether it was bought, inferred from the call's labelled total —
// the one subset of offers whose amounts add up to it (all "no" for a total of 0). Empty when
// no subset, or more than one, explains the total.
std::vector<int> InferOfferLabels(const UpsellResult& rules, long long labelled_cents);

// The upsell finder's answer with each offer decided by the model: `accepted` set on the
// bought ones (others cleared), items and cents recomputed (a repeated price counts once).
UpsellResult LearnedUpsells(const std::vector<TokenizedTurn>& turns, UpsellResult rules);

}  // namespace converza::analysis
