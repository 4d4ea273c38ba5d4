// Confidence: how far each finding of an insight can be trusted, 0..1, judged from the evidence
// behind it in the call rather than from the analyzer's say-so (the rules analyzer has no sense
// of certainty and a language model's self-reported one is poorly calibrated). Run after
// grounding (analysis/grounding.h), whichever analyzer answered:
//   - converted: "yes" with a quote found in the call is strong, "yes" without one weak; "no" is
//     weaker when a price was quoted and the customer ended the call positive (a sale may have
//     been missed);
//   - upsell: a total whose every item was spoken is fair (which offers were accepted is the hard
//     part), one grounding had to cut is weak; zero is strong, fair when an add-on ("$10 more",
//     "an extra $5") was offered;
//   - sentiment: the distance of the score from the nearest label boundary (±0.2);
//   - each script item ("script.<key>"): met with a quote found in the call is strong, met
//     without one weak; missed is fairly strong (absence is easy to check, but phrasing varies).
// A field grounding noted for review is weak. A call with any field below kNeedsReview is marked
// "needs review" on the calls list, so a manager knows which scores to check.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/insight.h"
#include "analysis/transcript.h"

namespace converza::analysis {

inline constexpr double kNeedsReview = 0.5;

// Fills insight.confidence: "converted", "upsell", "sentiment" and "script.<key>" for each item.
void AssessConfidence(const std::vector<Turn>& turns, Insight& insight);

}  // namespace converza::analysis
