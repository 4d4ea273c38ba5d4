// A hand-written sentiment lexicon, now one feature of the learned model (sentiment_model.h),
// which carries it for words the training calls never used: a lexicon (words and short phrases
// weighted -3..+3) with negation ("not happy", "never helpful" flip), intensifiers ("really",
// "extremely" x1.5) and downtoners ("a bit" x0.6), scored per customer turn and averaged with
// weights that grow toward the end of the call, because how a call ends is what the customer
// remembers. Labels use kPositiveThreshold / kNegativeThreshold (insight.h): >= 0.2 positive,
// <= -0.2 negative, neutral between. Pure functions; thread-safe.
#pragma once

#include <vector>

#include "analysis/insight.h"
#include "analysis/tokens.h"

namespace converza::analysis {

struct LexiconScore {
  double sum = 0;  // signed sum of weighted hits
  int hits = 0;
};

// Lexicon hits in one piece of text.
LexiconScore ScoreSentiment(const std::vector<Token>& tokens);

// The customer's sentiment over the call (customer turns only). A turn's score is
// tanh(sum / 3); the call's score is the position-weighted mean (weight 0.5 + 1.5 * p^2 for a turn
// at relative position p), where turns without any hit count half, so that a lone closing
// "thanks" in an otherwise flat call stays neutral.
Sentiment CustomerSentiment(const std::vector<TokenizedTurn>& turns);

}  // namespace converza::analysis
