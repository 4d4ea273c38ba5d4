// The rules analyzer: Converza's embedded default analyzer (no network, no cost). It combines
// lexicon sentiment (sentiment.h), offer/acceptance linking (upsell.h), commitment detection
// (conversion.h) and phrase-based script matching (script_matcher.h) into an Insight, with an
// AI score, a template summary and 1-3 timestamped coaching notes.
//
// AI score (0..100) = round(100 * (0.45 * script + 0.25 * outcome + 0.20 * sentiment
//                                  + 0.10 * balance))
//   script    = share of script items met
//   outcome   = 1 if converted, else 0.4 (support calls are not failures, but a sale is better)
//   sentiment = (score + 1) / 2
//   balance   = 1 when the agent's share of talk time is 35-65 %, falling linearly to 0 at
//               10 % / 90 %; minus 0.5 when the longest agent monologue exceeds 90 s.
// Pure functions; thread-safe.
#pragma once

#include <vector>

#include "analysis/insight.h"
#include "analysis/script.h"
#include "analysis/tokens.h"
#include "analysis/transcript.h"

namespace converza::analysis {

// Analyzes turns that are already cleaned and redacted (talk metrics and the redaction summary
// are computed from them too).
Insight AnalyzeWithRules(const std::vector<Turn>& redacted_turns,
                         const std::vector<ScriptItem>& script);

// The whole offline pipeline for one call: CleanTranscript, RedactTurns, AnalyzeWithRules.
// `turns_out` (optional) receives the cleaned, redacted turns.
Insight AnalyzeCallWithRules(const std::vector<Segment>& segments,
                             const std::vector<ScriptItem>& script,
                             std::vector<Turn>* turns_out = nullptr);

// The turns the rules read, as AnalyzeCallWithRules prepares them: cleaned, redacted and
// tokenized. The result points into `*turns`, which must outlive it (and not be resized).
std::vector<TokenizedTurn> PrepareTurns(const std::vector<Segment>& segments,
                                        std::vector<Turn>* turns);

// The score formula above, exposed for tests and for the LLM path's sanity checks.
int ComputeAiScore(double script_share, bool converted, double sentiment_score,
                   const TalkMetrics& talk);

}  // namespace converza::analysis
