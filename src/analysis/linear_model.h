// LinearModel: multinomial logistic regression over sparse hashed features — the learned part
// of the rules analyzer. Rules are good at what has a fixed shape (money, redaction, talk time);
// how a customer feels is said in too many ways for hand-written lexicons, which fit the calls
// they were written against and miss most negative calls on anyone else's (docs/benchmarks.md).
//
// Features are (id, value) pairs, the id a 32-bit hash of the feature's name, so a model is a
// table of weight rows keyed by id (open addressing: a call's few thousand lookups stay cheap).
// Models are trained offline (`converza train`, SGD with L2, deterministic) and shipped as text
// compiled into the binary. Immutable after construction; thread-safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/tokens.h"
#include "common/status.h"

namespace converza::analysis {

struct Feature {
  std::uint32_t id = 0;
  float value = 0;
};

// Mixes two 32-bit hashes into one (MurmurHash3's 64-bit finalizer over the pair), so a
// feature named by a prefix and a token costs a few integer operations: the token's WordHash is
// computed once by Tokenize (Token::hash).
constexpr std::uint32_t CombineIds(std::uint32_t a, std::uint32_t b) {
  std::uint64_t x = (static_cast<std::uint64_t>(a) << 32) | b;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;  // the constants of MurmurHash3's fmix64
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return static_cast<std::uint32_t>(x);
}

// The id of a feature named by a prefix and one or two words ("e:", "refund"; "b:", "not",
// "happy"). The parts are hashed apart, so ("ab","c") and ("a","bc") differ, and
// FeatureId(p, w) == CombineIds(WordHash(p), WordHash(w)).
constexpr std::uint32_t FeatureId(std::string_view prefix, std::string_view word,
                                  std::string_view word2 = {}) {
  const std::uint32_t id = CombineIds(WordHash(prefix), WordHash(word));
  return word2.empty() ? id : CombineIds(id, WordHash(word2));
}

// The same features with repeated ids merged (values summed): the same score for a linear model,
// with one table lookup per distinct word instead of one per occurrence.
std::vector<Feature> Coalesced(std::vector<Feature> features);

struct TrainOptions {
  int epochs = 40;
  double learning_rate = 0.1;
  double l2 = 0.001;
  unsigned seed = 1;
  // Features seen in fewer examples than this get no weight: a word one call used says more
  // about that call than about the class, and dropping them keeps a shipped model small.
  int min_count = 1;
};

class LinearModel {
 public:
  // Parses Serialize()'s text; InvalidArgument naming the line when malformed.
  static Result<LinearModel> Parse(std::string_view text);
  // A model compiled into the binary (models/*.inc, written by `converza train`). A text that
  // does not parse or names other classes is a build that shipped a broken file: it aborts with
  // a message naming `name` rather than analysing calls with a wrong model.
  static LinearModel Shipped(std::string_view name, std::string_view text,
                             const std::vector<std::string>& classes);
  // Fits `classes` classes to (features, class) examples.
  static LinearModel Train(const std::vector<std::pair<std::vector<Feature>, int>>& examples,
                           const std::vector<std::string>& classes, const TrainOptions& options);

  // Text: a header naming the classes, then one line per feature id with its weights (weights
  // below 1e-4 in every class are dropped).
  [[nodiscard]] std::string Serialize() const;
  // Class probabilities (softmax of the scores), in the order of classes().
  [[nodiscard]] std::vector<double> Probabilities(const std::vector<Feature>& features) const;
  // The index of the most probable class in Probabilities(features) (the first on a tie).
  static std::size_t MostLikely(const std::vector<double>& probabilities);
  // The weight of one feature for one class (0 for features the model does not know), so a
  // caller can tell which part of the input drove a prediction.
  [[nodiscard]] double Weight(std::uint32_t id, std::size_t cls) const;
  // Which part of the input pushed toward class `toward` rather than `against`: per group (e.g.
  // a turn of the call), the sum of value * (weight toward - weight against) over the features
  // `group_of` assigns to it; features whose group is >= `groups` are left out.
  [[nodiscard]] std::vector<double> Push(const std::vector<Feature>& features,
                                         const std::vector<std::size_t>& group_of,
                                         std::size_t groups, std::size_t toward,
                                         std::size_t against) const;
  [[nodiscard]] const std::vector<std::string>& classes() const { return classes_; }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  using Rows = std::unordered_map<std::uint32_t, std::vector<float>>;
  static LinearModel FromRows(std::vector<std::string> classes, const Rows& rows);
  // The weights of `id` (classes_.size() of them), or nullptr.
  [[nodiscard]] const float* Find(std::uint32_t id) const;
  [[nodiscard]] std::vector<double> Scores(const std::vector<Feature>& features) const;

  std::vector<std::string> classes_;
  // Open addressing with linear probing, at most half full: slot i holds ids_[i] when used_[i],
  // its weights at weights_[i * classes_.size()].
  std::vector<std::uint32_t> ids_;
  std::vector<std::uint8_t> used_;
  std::vector<float> weights_;
  std::size_t size_ = 0;
};

// The verdict of a yes/no model (classes {no, yes}) that refines a rule: `features` start with
// the bias and the rules' verdict (+1 yes, -1 no). The model overturns the rules only when the
// call's own features (all after those two) push toward its answer — a learned prior alone
// ("most calls close politely") never turns a rule's "no" into a "yes" or back. `probability`
// (optional) receives the model's probability of the returned class.
bool RefinedVerdict(const LinearModel& model, const std::vector<Feature>& features,
                    double* probability = nullptr);

// The turn behind a RefinedVerdict that overturns the rules: among the turns `eligible` marks
// (features of turn i have turn_of == i), the one whose own push toward `toward` (1 = yes,
// 0 = no) is largest and positive — the finding's quote. With `alone`, the turn must also
// outweigh the bias and the rules' verdict by itself. npos when there is no such turn.
std::size_t CarryingTurn(const LinearModel& model, const std::vector<Feature>& features,
                         const std::vector<std::size_t>& turn_of, const std::vector<bool>& eligible,
                         std::size_t toward, bool alone);

}  // namespace converza::analysis
