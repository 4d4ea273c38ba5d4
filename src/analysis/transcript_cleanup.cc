#include "analysis/transcript_cleanup.h"

#include <algorithm>
#include <cctype>

#include "common/strings.h"

namespace converza::analysis {
namespace {

// ASCII classification without locale calls (this runs over every character of every call).
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsClosingPunct(char c) {
  return c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':';
}
bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Splits on whitespace, keeping punctuation attached to its word. The words point into `s`.
std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

// The word without surrounding punctuation (case kept: compare with SameLower).
std::string_view Core(std::string_view w) {
  std::size_t b = 0, e = w.size();
  while (b < e && !IsAlnum(w[b])) ++b;
  while (e > b && !IsAlnum(w[e - 1])) --e;
  return w.substr(b, e - b);
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Whether `a` and `b` are the same ignoring ASCII case; with `prefix`, whether `a` starts so.
bool SameLower(std::string_view a, std::string_view b, bool prefix = false) {
  if (prefix ? a.size() < b.size() : a.size() != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string NormalizeText(std::string_view in) {
  std::string s;
  s.reserve(in.size() + 1);
  // Collapse whitespace and remove spaces before closing punctuation.
  bool pending_space = false;
  for (char c : in) {
    if (IsSpace(c)) {
      pending_space = !s.empty();
      continue;
    }
    if (pending_space && !IsClosingPunct(c)) s += ' ';
    // "here ,ok" -> "here, ok" (but "1,299" keeps its thousands separator).
    if (!pending_space && IsAlnum(c) && s.size() >= 2 && s.back() == ',' &&
        !std::isdigit(static_cast<unsigned char>(s[s.size() - 2]))) {
      s += ' ';
    }
    pending_space = false;
    // "Hello,, uh" (a disfluency spliced after a comma) -> "Hello, uh": one comma is enough.
    if (c == ',' && !s.empty() && s.back() == ',') continue;
    s += c;
  }
  // Capitalise sentence starts and the pronoun "i" ("i", "i'm", "i'll", "i've", "i'd").
  bool sentence_start = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      bool word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '"' || s[i - 1] == '(';
      if (sentence_start) {
        s[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      } else if (c == 'i' && word_start &&
                 (i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\'' ||
                  IsClosingPunct(s[i + 1]))) {
        s[i] = 'I';
      }
      sentence_start = false;
    } else if (c == '.' || c == '?' || c == '!') {
      // "3.5" and "e.g." do not start a sentence; ". " does.
      sentence_start = i + 1 == s.size() || s[i + 1] == ' ';
    } else if (c >= '0' && c <= '9') {
      sentence_start = false;
    }
  }
  if (!s.empty() && IsAlnum(s.back())) s += '.';
  return s;
}

std::vector<Turn> CleanTranscript(const std::vector<Segment>& segments) {
  std::vector<const Segment*> order;
  order.reserve(segments.size());
  for (const Segment& s : segments) {
    if (std::any_of(s.text.begin(), s.text.end(), [](char c) { return IsAlnum(c); })) {
      order.push_back(&s);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Segment* a, const Segment* b) { return a->start_ms < b->start_ms; });
  std::vector<Turn> turns;
  bool added_period = false;  // the last turn's final '.' came from NormalizeText, not the speaker
  for (const Segment* s : order) {
    std::string text = NormalizeText(s->text);
    std::size_t first = s->text.find_first_not_of(" \t\r\n");
    bool continues =
        first != std::string::npos && std::islower(static_cast<unsigned char>(s->text[first]));
    if (!turns.empty() && turns.back().speaker == s->speaker &&
        s->start_ms - turns.back().end_ms <= kMergeGapMs) {
      Turn& t = turns.back();
      // A fragment cut mid-sentence ("I was calling about" + "my bill") joins without the period
      // NormalizeText added, and the continuation keeps its lowercase start.
      if (added_period && continues) {
        t.text.pop_back();
        if (!(text.size() > 1 && text[0] == 'I' && (text[1] == ' ' || text[1] == '\''))) {
          text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
        }
      }
      t.text += ' ';
      t.text += text;
      t.end_ms = std::max(t.end_ms, s->end_ms);
      t.confidence = std::min(t.confidence, s->confidence);
    } else {
      Turn t;
      t.speaker = s->speaker;
      t.start_ms = s->start_ms;
      t.end_ms = std::max(s->start_ms, s->end_ms);
      t.text = std::move(text);
      t.confidence = s->confidence;
      turns.push_back(std::move(t));
    }
    std::size_t last = s->text.find_last_not_of(" \t\r\n");
    added_period = last != std::string::npos && IsAlnum(s->text[last]);
  }
  return turns;
}

std::string StripFillers(std::string_view text) {
  // Runs over every turn of every call (grounding's quote index): words are views into `text`,
  // compared without allocating.
  struct Kept {
    std::string_view word;
    char trail = '\0';  // sentence-final punctuation taken from a removed filler
    [[nodiscard]] char Last() const { return trail != '\0' ? trail : word.back(); }
  };
  static constexpr std::string_view kFillers[] = {"um", "uh", "umm", "uhh", "erm",
                                                  "er", "ah", "hmm", "mm",  "uhm"};
  const std::vector<std::string_view> words = SplitWords(text);
  std::vector<Kept> kept;
  kept.reserve(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    const std::string_view core = Core(w);
    const char trail = w.back();
    if (core.size() <= 3 && std::any_of(std::begin(kFillers), std::end(kFillers),
                                        [&](std::string_view f) { return SameLower(core, f); })) {
      // Keep sentence-final punctuation the filler carried ("... uh.").
      if (!kept.empty() && (trail == '.' || trail == '?' || trail == '!') &&
          IsAlnum(kept.back().Last())) {
        kept.back().trail = trail;
      }
      continue;
    }
    // "like," / ", like" used as a filler.
    if (SameLower(core, "like") && (trail == ',' || (!kept.empty() && kept.back().Last() == ','))) {
      continue;
    }
    // "you know," and "I mean," as fillers (with the comma).
    if (i + 1 < words.size() && trail != ',' && words[i + 1].back() == ',' &&
        ((SameLower(core, "you") && SameLower(Core(words[i + 1]), "know")) ||
         (SameLower(core, "i") && SameLower(Core(words[i + 1]), "mean")))) {
      ++i;
      continue;
    }
    // Stutters: "w-" before "what"; a word repeated ("I I", "the the,").
    if (w.size() >= 2 && w.back() == '-' && i + 1 < words.size() &&
        SameLower(Core(words[i + 1]), w.substr(0, w.size() - 1), /*prefix=*/true)) {
      continue;
    }
    if (!kept.empty() && !core.empty() && SameLower(Core(kept.back().word), core) &&
        !std::isdigit(static_cast<unsigned char>(core[0]))) {
      kept.back() = {w};  // keep the later copy (it carries the punctuation)
      continue;
    }
    kept.push_back({w});
  }
  std::string out;
  out.reserve(text.size());
  for (const Kept& k : kept) {
    if (!out.empty()) out += ' ';
    out += k.word;
    if (k.trail != '\0') out += k.trail;
  }
  // A filler removed at a sentence start leaves a lowercase word; capitalise it again.
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace converza::analysis
