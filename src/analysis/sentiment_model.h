// Customer sentiment, learned (analysis/linear_model.h): a logistic regression over the
// customer's words — all of them, scaled by the number of customer turns, and the words and word
// pairs of the customer's last three turns at full weight, because how a call ends is what the
// customer remembers; plus the lexicon's score (sentiment.h) for words the training calls never
// used. Trained by `converza train` on the tuning calls only
// (eval/tuning/tuning.jsonl); eval/heldout is never trained on. The weights are
// models/sentiment_weights.inc, compiled in. Pure functions; thread-safe.
#pragma once

#include <vector>

#include "analysis/insight.h"
#include "analysis/linear_model.h"
#include "analysis/tokens.h"

namespace converza::analysis {

// The classes, in the model's order.
inline const std::vector<std::string> kSentimentClasses = {"negative", "neutral", "positive"};

std::vector<Feature> SentimentFeatures(const std::vector<TokenizedTurn>& turns);

// The label is the most probable class; the score (-1..1) is P(positive) - P(negative), kept
// inside the label's band of kPositiveThreshold / kNegativeThreshold so the two never disagree.
// `probability` (optional) receives the label's probability.
Sentiment LearnedSentiment(const std::vector<TokenizedTurn>& turns, double* probability = nullptr);

}  // namespace converza::analysis
