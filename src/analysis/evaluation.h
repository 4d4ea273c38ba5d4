// Scoring an analyzer against labelled calls (`converza eval`): accuracy per field, and where
// accuracy hides the error that matters, the confusion behind it — a sentiment analyzer that
// calls every negative call "neutral" can still be 70% accurate, and a script item that is met
// on most calls can be "found" everywhere. One Evaluation per data set, so the tuning part and
// the held-out part of the labels are reported side by side, never pooled.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/call_input.h"
#include "analysis/insight.h"

namespace converza::analysis {

struct Accuracy {
  int right = 0, total = 0;
  void Add(bool ok) {
    right += ok ? 1 : 0;
    ++total;
  }
  [[nodiscard]] double Rate() const {
    return total == 0 ? 0.0 : static_cast<double>(right) / total;
  }
};

// A yes/no field: counts by (expected, answered).
struct BinaryConfusion {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  void Add(bool want, bool got);
  [[nodiscard]] Accuracy accuracy() const { return {tp + tn, tp + fp + fn + tn}; }
};

class Evaluation {
 public:
  // Scores one call's answer against its labels (fields without a label are not scored).
  void Add(const CallInput& call, const Insight& answer);

  [[nodiscard]] int calls() const { return calls_; }
  [[nodiscard]] const BinaryConfusion& converted() const { return converted_; }
  [[nodiscard]] const Accuracy& upsell_exact() const { return upsell_exact_; }
  [[nodiscard]] const Accuracy& upsell_within_5pct() const { return upsell_close_; }
  [[nodiscard]] Accuracy sentiment() const;
  // The recall of one sentiment label: of the calls labelled `label`, how many got it.
  [[nodiscard]] Accuracy SentimentRecall(const std::string& label) const;
  // expected label -> answered label -> calls
  [[nodiscard]] const std::map<std::string, std::map<std::string, int>>& sentiment_confusion()
      const {
    return sentiment_;
  }
  [[nodiscard]] const std::map<std::string, BinaryConfusion>& script_items() const {
    return items_;
  }
  [[nodiscard]] const Accuracy& overall() const { return overall_; }
  // Accuracy of a field group ("converted", "upsell", "sentiment", "script") over the answers
  // whose confidence is at least kNeedsReview (`confident`) or below it: confidence is only
  // worth showing if the second is clearly lower. Answers without a confidence are not counted.
  [[nodiscard]] Accuracy ByConfidence(const std::string& group, bool confident) const;
  // Calls with at least one field below kNeedsReview (what the calls list marks "needs review").
  [[nodiscard]] int flagged_calls() const { return flagged_; }
  // One line per wrong field: "<id> <field>: got <x> want <y>".
  [[nodiscard]] const std::vector<std::string>& misses() const { return misses_; }

 private:
  int calls_ = 0;
  BinaryConfusion converted_;
  Accuracy upsell_exact_, upsell_close_, overall_;
  std::map<std::string, std::map<std::string, int>> sentiment_;
  std::map<std::string, BinaryConfusion> items_;
  std::map<std::pair<std::string, bool>, Accuracy> by_confidence_;
  int flagged_ = 0;
  std::vector<std::string> misses_;
};

// The report `converza eval` prints: one column per named data set (e.g. "tuning",
// "held-out"), rows per field, then the sentiment confusion and each script item's
// confusion per set. `item_order` lists the script keys in the order to show them first.
std::string FormatEvaluations(const std::vector<std::pair<std::string, Evaluation>>& sets,
                              const std::vector<std::string>& item_order);

// The writer's batch of a labelled call: independent writers name their calls
// "<batch>-<industry>-<nn>" with a batch "t<n>" (eval/heldout/BRIEF.md); the team's own calls
// (eval/calls.txt) are one batch, "". `converza train` keeps a batch in one cross-validation
// fold, so the figure that chooses a model's L2 strength is one on writers the fold's model never
// read — the held-out parts' case — not on more calls of writers whose phrasing it learned.
std::string WriterBatch(std::string_view id);

}  // namespace converza::analysis
