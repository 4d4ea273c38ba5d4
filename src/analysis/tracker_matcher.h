// TrackerMatcher: a tenant's keyword trackers spotted in a transcript. A tracker is a name and
// a list of phrases; a phrase hits where its words appear in one turn in order, compared after
// the same normalisation on both sides, so transcription quirks do not hide a hit:
//   - case and punctuation are ignored ("Cancel." = "cancel"),
//   - fillers between words are skipped ("cancel, uh, my account" = "cancel my account"),
//   - words are reduced to a simple stem, so plurals and -ing/-ed forms match
//     ("competitors", "cancelling", "cancelled" = "competitor", "cancel").
// Hits of one tracker are counted over all its phrases (occurrences do not overlap); the first
// hit gives the moment (interpolated within its turn by position) and the speaker.
// Immutable after construction; thread-safe to share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/transcript.h"

namespace converza::analysis {

struct TrackerDefinition {
  std::string id;
  std::vector<std::string> phrases;
};

struct TrackerHit {
  std::string tracker_id;
  int count = 0;
  int first_ms = 0;
  Speaker speaker = Speaker::kAgent;
};

// The normalised word sequence of `text`: lowercased words and numbers, fillers dropped, each
// word stemmed. Exposed for tests and for validating phrases (an empty result never hits).
std::vector<std::string> TrackerWords(std::string_view text);

// The simple stem of one lowercased word: -'s, plural -s/-es/-ies, -ing and -ed (with a doubled
// final consonant undone), and a final silent -e are removed.
std::string StemWord(std::string_view word);

class TrackerMatcher {
 public:
  explicit TrackerMatcher(const std::vector<TrackerDefinition>& trackers);

  // One hit per tracker that hit, in the order the trackers were given.
  [[nodiscard]] std::vector<TrackerHit> Match(const std::vector<Turn>& turns) const;

 private:
  struct Tracker {
    std::string id;
    std::vector<std::vector<std::string>> phrases;  // normalised, none empty
  };
  std::vector<Tracker> trackers_;
};

}  // namespace converza::analysis
