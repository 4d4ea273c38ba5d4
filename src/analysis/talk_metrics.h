// Talk metrics computed from turn timings alone (no words needed except for words per minute):
// how much each side talked, the longest monologue, silence, interruptions and speaking pace.
// Pure function; thread-safe.
#pragma once

#include <vector>

#include "analysis/transcript.h"

namespace converza::analysis {

// A turn that starts this long before the other speaker's turn ends, with at least
// kInterruptionMinWords words, is an interruption (short backchannels like "mm-hmm" are not).
inline constexpr int kInterruptionOverlapMs = 300;
inline constexpr int kInterruptionMinWords = 3;

struct TalkMetrics {
  long agent_ms = 0;  // total speaking time (overlapping turns of one speaker counted once)
  long customer_ms = 0;
  double talk_listen_ratio = 0;   // agent_ms / customer_ms; 0 when the customer never spoke
  long longest_monologue_ms = 0;  // longest run of one speaker's consecutive turns
  Speaker longest_monologue_speaker = Speaker::kAgent;
  long longest_monologue_start_ms = 0;
  double silence_share = 0;  // share of the call where nobody speaks, 0..1
  int interruptions = 0;
  double agent_wpm = 0, customer_wpm = 0;
  long duration_ms = 0;  // first turn start to last turn end
};

TalkMetrics ComputeTalkMetrics(const std::vector<Turn>& turns);

}  // namespace converza::analysis
