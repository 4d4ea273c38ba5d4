#include "analysis/tracker_matcher.h"

#include <algorithm>
#include <array>

#include "analysis/tokens.h"

namespace converza::analysis {
namespace {

// Hesitations transcription keeps ("uh", "um", "er"...): never part of a phrase.
constexpr std::array<std::string_view, 10> kFillers = {"uh",  "um", "uhm", "umm", "er",
                                                       "erm", "ah", "eh",  "hmm", "mm"};

bool IsFiller(std::string_view w) {
  return std::find(kFillers.begin(), kFillers.end(), w) != kFillers.end();
}

bool EndsWith(std::string_view w, std::string_view suffix) {
  return w.size() >= suffix.size() && w.substr(w.size() - suffix.size()) == suffix;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// "cancell" -> "cancel", "stopp" -> "stop": the consonant doubled before -ing/-ed. Short
// words really ending in -ll keep it ("call", "bill", "sell").
std::string Undouble(std::string w) {
  const std::size_t n = w.size();
  if (n >= 3 && w[n - 1] == w[n - 2] && !IsVowel(w[n - 1]) && w[n - 1] != 's' && w[n - 1] != 'z' &&
      !(w[n - 1] == 'l' && n <= 4)) {
    w.pop_back();
  }
  return w;
}

// A normalised word and where it starts in the turn's text.
struct Word {
  std::string stem;
  std::size_t begin = 0;  // byte offset in the turn's text
};

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> out;
  for (const Token& t : Tokenize(text)) {
    if (!(t.IsWord() || t.IsNumber()) || IsFiller(t.text)) continue;
    out.push_back({t.IsWord() ? StemWord(t.text) : t.text, t.begin});
  }
  return out;
}

}  // namespace

std::string StemWord(std::string_view word) {
  std::string w(word);
  if (EndsWith(w, "'s")) w.resize(w.size() - 2);
  if (w.size() > 4 && EndsWith(w, "ies")) {
    w.resize(w.size() - 3);
    w += 'y';
  } else if (w.size() > 4 && (EndsWith(w, "sses") || EndsWith(w, "shes") || EndsWith(w, "ches") ||
                              EndsWith(w, "xes") || EndsWith(w, "zes"))) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && w.back() == 's' && !EndsWith(w, "ss") && !EndsWith(w, "us") &&
             !EndsWith(w, "is")) {
    w.pop_back();
  } else if (w.size() > 5 && EndsWith(w, "ing")) {
    w = Undouble(w.substr(0, w.size() - 3));
  } else if (w.size() > 4 && EndsWith(w, "ed") && !EndsWith(w, "eed")) {
    w = Undouble(w.substr(0, w.size() - 2));
  }
  // "price", "prices", "priced", "pricing" all end as "pric".
  if (w.size() > 3 && w.back() == 'e' && !EndsWith(w, "ee")) w.pop_back();
  return w;
}

std::vector<std::string> TrackerWords(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : Words(text)) out.push_back(std::move(w.stem));
  return out;
}

TrackerMatcher::TrackerMatcher(const std::vector<TrackerDefinition>& trackers) {
  for (const auto& def : trackers) {
    Tracker t{def.id, {}};
    for (const auto& phrase : def.phrases) {
      auto words = TrackerWords(phrase);
      if (!words.empty()) t.phrases.push_back(std::move(words));
    }
    // Longer phrases first, so "cancel my account" counts once rather than also as "cancel".
    std::stable_sort(t.phrases.begin(), t.phrases.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    trackers_.push_back(std::move(t));
  }
}

std::vector<TrackerHit> TrackerMatcher::Match(const std::vector<Turn>& turns) const {
  std::vector<TrackerHit> hits(trackers_.size());
  for (std::size_t k = 0; k < trackers_.size(); ++k) hits[k].tracker_id = trackers_[k].id;
  for (const Turn& turn : turns) {
    const std::vector<Word> words = Words(turn.text);
    for (std::size_t k = 0; k < trackers_.size(); ++k) {
      for (std::size_t i = 0; i < words.size();) {
        std::size_t matched = 0;
        for (const auto& phrase : trackers_[k].phrases) {
          if (i + phrase.size() > words.size()) continue;
          bool all = true;
          for (std::size_t j = 0; j < phrase.size() && all; ++j) {
            all = words[i + j].stem == phrase[j];
          }
          if (all) {
            matched = phrase.size();
            break;
          }
        }
        if (matched == 0) {
          ++i;
          continue;
        }
        TrackerHit& hit = hits[k];
        if (hit.count++ == 0) {
          const long span = std::max(0, turn.end_ms - turn.start_ms);
          const auto len = static_cast<long>(std::max<std::size_t>(turn.text.size(), 1));
          hit.first_ms =
              turn.start_ms + static_cast<int>(span * static_cast<long>(words[i].begin) / len);
          hit.speaker = turn.speaker;
        }
        i += matched;
      }
    }
  }
  std::erase_if(hits, [](const TrackerHit& h) { return h.count == 0; });
  return hits;
}

}  // namespace converza::analysis
