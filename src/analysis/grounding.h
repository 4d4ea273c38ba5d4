// Grounding: every finding an analyzer reports is checked against the call it describes. A
// language model can quote words nobody said, or total prices nobody named; a finding whose
// evidence is not in the transcript must not be shown to a manager as fact. So:
//   - converted_evidence, the objection's quote and each script item's evidence must appear
//   verbatim in the transcript
//     after normalisation (case, punctuation, spacing and filler words ignored; words not),
//     within one turn or across consecutive turns. A found quote gives the finding its true
//     moment (converted_at_ms, or a script item's at_ms = the start of the turn where the quote
//     begins); a quote not found is dropped, the finding keeps its value and is noted in
//     `review` ("needs review");
//   - each upsell item's amount must be an amount spoken in the call, or a whole number of a
//     spoken per-unit price ("$50 more per night" for two nights); other items are dropped,
//     the total becomes the sum of the items left, and each drop is noted in `review`.
// Runs on every analyzer's answer (the rules analyzer's evidence is grounded by construction).
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/insight.h"
#include "analysis/transcript.h"

namespace converza::analysis {

// Lower-case ASCII letters and digits, every other run of characters (punctuation, spaces,
// non-ASCII) one space, filler words removed: the form in which quotes are compared.
std::string NormalizeForQuote(std::string_view text);

// `text` as a finding's quote: at most 200 bytes, a longer text cut at the last word boundary
// that fits, with "..." after it, so the quote stays verbatim (quotes match whole words only; a
// cut inside a word made the rules analyzer's own long recaps fail grounding).
std::string ShortQuote(std::string_view text);

// Checks `insight` against `turns` as above; returns how many findings were dropped.
int GroundInsight(const std::vector<Turn>& turns, Insight& insight);

}  // namespace converza::analysis
