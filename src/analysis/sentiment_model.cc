#include "analysis/sentiment_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "analysis/sentiment.h"

namespace converza::analysis {
namespace {

constexpr std::string_view kWeights =
#include "analysis/models/sentiment_weights.inc"
    ;

const LinearModel& Model() {
  static const LinearModel kModel = [] {
    auto m = LinearModel::Parse(kWeights);
    if (!m.ok()) {  // a build that shipped a broken model file: a programming error
      std::fprintf(stderr, "sentiment model: %s\n", m.status().message().c_str());
      std::abort();
    }
    if (m->classes() != kSentimentClasses) {
      std::fprintf(stderr, "sentiment model: classes are not negative, neutral, positive\n");
      std::abort();
    }
    return std::move(*m);
  }();
  return kModel;
}

}  // namespace

std::vector<Feature> SentimentFeatures(const std::vector<TokenizedTurn>& turns) {
  std::vector<const TokenizedTurn*> customer;
  for (const auto& t : turns) {
    if (t.turn->speaker == Speaker::kCustomer) customer.push_back(&t);
  }
  const std::size_t n = customer.size();
  const float whole = 1.0f / std::sqrt(static_cast<float>(std::max<std::size_t>(1, n)));
  std::vector<Feature> out;
  out.push_back({FeatureId("bias", ""), 1.0f});
  // The hand-written lexicon's verdict (analysis/sentiment.h) carries words the training calls
  // never used ("outrageous") and negation the word features cannot see.
  const double lexicon = CustomerSentiment(turns).score;
  out.push_back({FeatureId("lexicon", ""), static_cast<float>(3 * lexicon)});
  for (std::size_t i = 0; i < n; ++i) {
    const bool last = i + 3 >= n;
    std::string_view previous;
    for (const Token& tok : customer[i]->tokens) {
      if (!tok.IsWord()) continue;
      out.push_back({FeatureId("a:", tok.text), whole});
      if (last) {
        out.push_back({FeatureId("e:", tok.text), 1.0f});
        if (!previous.empty()) out.push_back({FeatureId("e2:", previous, tok.text), 1.0f});
      }
      previous = tok.text;
    }
  }
  return out;
}

Sentiment LearnedSentiment(const std::vector<TokenizedTurn>& turns, double* probability) {
  const std::vector<double> p = Model().Probabilities(SentimentFeatures(turns));
  const std::size_t best = LinearModel::MostLikely(p);
  Sentiment s;
  s.label = kSentimentClasses[best];
  const double score = p[2] - p[0];
  if (s.label == "positive") {
    s.score = std::max(score, kPositiveThreshold);
  } else if (s.label == "negative") {
    s.score = std::min(score, kNegativeThreshold);
  } else {
    s.score = std::clamp(score, kNegativeThreshold + 0.01, kPositiveThreshold - 0.01);
  }
  s.score = std::round(s.score * 100) / 100;
  if (probability) *probability = p[best];
  return s;
}

}  // namespace converza::analysis
