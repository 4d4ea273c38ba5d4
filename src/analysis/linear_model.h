// LinearModel: multinomial logistic regression over sparse hashed features — the learned part
// of the rules analyzer. Rules are good at what has a fixed shape (money, redaction, talk time);
// how a customer feels is said in too many ways for hand-written lexicons, which fit the calls
// they were written against and miss most negative calls on anyone else's (docs/benchmarks.md).
//
// Features are (id, value) pairs, the id a 32-bit FNV-1a hash of the feature's name, so a model
// is a table of weight rows keyed by id. Models are trained offline (`converza train`, SGD with
// L2, deterministic) and shipped as text compiled into the binary. Immutable after construction;
// thread-safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace converza::analysis {

struct Feature {
  std::uint32_t id = 0;
  float value = 0;
};

// The id of a feature named by a prefix and one or two words ("e:", "refund"; "b:", "not",
// "happy"): FNV-1a over the parts with a separator, so ("ab","c") and ("a","bc") differ.
std::uint32_t FeatureId(std::string_view prefix, std::string_view word,
                        std::string_view word2 = {});

struct TrainOptions {
  int epochs = 40;
  double learning_rate = 0.1;
  double l2 = 0.001;
  unsigned seed = 1;
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
  std::string Serialize() const;
  // Class probabilities (softmax of the scores), in the order of classes().
  std::vector<double> Probabilities(const std::vector<Feature>& features) const;
  // The index of the most probable class in Probabilities(features) (the first on a tie).
  static std::size_t MostLikely(const std::vector<double>& probabilities);
  // The weight of one feature for one class (0 for features the model does not know), so a
  // caller can tell which part of the input drove a prediction.
  double Weight(std::uint32_t id, std::size_t cls) const;
  const std::vector<std::string>& classes() const { return classes_; }
  std::size_t size() const { return rows_.size(); }

 private:
  std::vector<double> Scores(const std::vector<Feature>& features) const;

  std::vector<std::string> classes_;
  std::unordered_map<std::uint32_t, std::vector<float>> rows_;
};

}  // namespace converza::analysis
