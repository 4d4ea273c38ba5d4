// Timeline: places a scenario's turns on the recording's clock once each turn's spoken length is
// known (from synthesized speech, or estimated when there is no speech), so the transcript's
// sentence times and the audio agree exactly.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "twilio/simulator/scenarios.h"

namespace converza::twilio::simulator {

struct TimedTurn {
  Speaker speaker = Speaker::kAgent;
  std::string text;
  double start = 0, end = 0;  // seconds from the start of the recording
};

// Seconds a person takes to say `text` (about 2.6 words per second, plus pauses at commas).
double EstimateSpeechSeconds(std::string_view text);

// `durations[i]` is how long turn i lasts. Turns start `gap_before` after the previous turn
// ended; an interruption (negative gap) never starts before the previous turn's first 40%.
// The first turn starts at `lead_in` seconds.
std::vector<TimedTurn> Layout(const std::vector<Turn>& turns, const std::vector<double>& durations,
                              double lead_in = 0.4);

}  // namespace converza::twilio::simulator
