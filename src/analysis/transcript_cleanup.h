// Transcript cleanup, the first step of analysis: raw transcription segments become speaker turns
// with tidy text and their original timings, ready for redaction, metrics and the analyzers.
// StripFillers is a separate, lossy step used only for LLM prompts (the display keeps the words).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/transcript.h"

namespace converza::analysis {

// Consecutive segments of the same speaker whose gap is at most this are one turn.
inline constexpr int kMergeGapMs = 1500;

// Sorts segments by start, drops empty ones, merges same-speaker fragments separated by at most
// kMergeGapMs (and not by the other speaker), and normalises text: collapsed whitespace, no space
// before punctuation, capitalised sentence starts and "I", a final period when none is present.
std::vector<Turn> CleanTranscript(const std::vector<Segment>& segments);

// Normalises one piece of text as CleanTranscript does.
std::string NormalizeText(std::string_view text);

// Removes fillers ("um", "uh", "erm", "you know," "I mean,", "like" used as a filler) and
// stutters ("I I", "the the", "w- what") for the prompt only.
std::string StripFillers(std::string_view text);

}  // namespace converza::analysis
