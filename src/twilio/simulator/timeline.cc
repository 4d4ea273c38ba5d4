#include "twilio/simulator/timeline.h"

#include <algorithm>
#include <cassert>

namespace converza::twilio::simulator {

double EstimateSpeechSeconds(std::string_view text) {
  int words = 0, pauses = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
    if (c == ',' || c == '.' || c == '?' || c == '!') ++pauses;
  }
  return std::max(0.6, words / 2.6 + pauses * 0.15);
}

std::vector<TimedTurn> Layout(const std::vector<Turn>& turns, const std::vector<double>& durations,
                              double lead_in) {
  assert(turns.size() == durations.size());
  std::vector<TimedTurn> out;
  out.reserve(turns.size());
  double prev_start = 0, prev_end = lead_in;
  for (std::size_t i = 0; i < turns.size(); ++i) {
    double start = i == 0 ? lead_in : prev_end + turns[i].gap_before;
    if (i > 0) start = std::max(start, prev_start + 0.4 * (prev_end - prev_start));
    TimedTurn t{turns[i].speaker, turns[i].text, start, start + durations[i]};
    prev_start = t.start;
    // The next turn follows whoever finishes last (an interrupted speaker may still be talking).
    prev_end = std::max(prev_end, t.end);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace converza::twilio::simulator
