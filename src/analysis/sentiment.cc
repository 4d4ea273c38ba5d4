#include "analysis/sentiment.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace converza::analysis {
namespace {

struct Entry {
  std::string_view phrase;
  double weight;
};

// Multi-word entries first: they are tried before single words at each position.
constexpr Entry kPhrases[] = {
    {"no problem", 0.5},
    {"no worries", 0.5},
    {"not a problem", 0.5},
    {"thank you", 1.0},
    {"sounds good", 1.5},
    {"sounds great", 2.5},
    {"that works", 1.0},
    {"makes sense", 0.5},
    {"fed up", -3},
    {"sick of", -3},
    {"sick and tired", -3},
    {"rip off", -3},
    {"ripped off", -3},
    {"on hold", -1.5},
    {"too expensive", -2},
    {"too much", -1},
    {"waste of", -2.5},
    {"third time", -2},
    {"second time", -1},
    {"over and over", -1.5},
    {"doesn't work", -2},
    {"does not work", -2},
    {"not working", -2},
    {"stopped working", -2},
    {"still broken", -2.5},
    {"no one", -1},
    {"nobody", -1},
    {"a joke", -2},
    {"you guys are great", 3},
    {"you've been great", 3},
    {"you've been so helpful", 3},
    {"made my day", 3},
    {"can't believe", -1.5},
    {"cannot believe", -1.5},
    {"what a relief", 2.5},
    {"good morning", 0},
    {"good afternoon", 0},
    {"good evening", 0},
    {"good bye", 0},
    {"goodbye", 0},
    {"thank god", 1.5},
    {"looking forward", 2},
    {"piece of junk", -3},
    {"out of my mind", -2},
    {"never again", -3},
    {"switch providers", -2},
    {"switching providers", -2},
    {"go elsewhere", -2},
    {"fine print", -1},
    {"hidden fee", -2},
    {"hidden fees", -2},
};

constexpr Entry kWords[] = {
    // positive
    {"great", 2},
    {"good", 1.5},
    {"excellent", 3},
    {"amazing", 3},
    {"awesome", 3},
    {"fantastic", 3},
    {"wonderful", 3},
    {"perfect", 2},
    {"love", 2.5},
    {"loved", 2.5},
    {"loving", 2.5},
    {"lovely", 2},
    {"happy", 2},
    {"glad", 2},
    {"pleased", 2},
    {"thanks", 1},
    {"appreciate", 2},
    {"appreciated", 2},
    {"helpful", 2},
    {"nice", 1.5},
    {"excited", 2},
    {"brilliant", 3},
    {"easy", 1},
    {"fair", 1},
    {"reasonable", 1},
    {"satisfied", 2},
    {"relieved", 2},
    {"impressed", 2},
    {"better", 1},
    {"best", 2},
    {"cool", 1},
    {"sweet", 1.5},
    {"terrific", 3},
    {"beautiful", 2},
    {"solved", 1.5},
    {"resolved", 1.5},
    {"fixed", 1},
    {"smooth", 1},
    {"friendly", 2},
    {"recommend", 1.5},
    {"wow", 1},
    {"thrilled", 3},
    {"delighted", 3},
    {"grateful", 2.5},
    {"lifesaver", 3},
    {"fabulous", 3},
    {"outstanding", 3},
    {"exciting", 2},
    {"enjoy", 1.5},
    {"enjoyed", 1.5},
    {"comfortable", 1},
    {"convenient", 1},
    {"glad", 2},
    {"super", 1},
    {"superb", 3},
    {"phenomenal", 3},
    {"pleasure", 2},
    {"fine", 0.3},
    {"okay", 0.1},
    {"quick", 0.5},
    {"patient", 1.5},
    {"relief", 2},
    {"kind", 1},
    {"generous", 2},
    {"worth", 1},
    // negative
    {"bad", -2},
    {"terrible", -3},
    {"awful", -3},
    {"horrible", -3},
    {"worst", -3},
    {"hate", -3},
    {"angry", -3},
    {"mad", -2},
    {"upset", -2.5},
    {"frustrated", -2.5},
    {"frustrating", -2.5},
    {"annoyed", -2},
    {"annoying", -2},
    {"disappointed", -2.5},
    {"disappointing", -2.5},
    {"unacceptable", -3},
    {"ridiculous", -3},
    {"useless", -3},
    {"waste", -2},
    {"problem", -1},
    {"problems", -1},
    {"issue", -0.5},
    {"broken", -1.5},
    {"wrong", -1.5},
    {"unhappy", -2.5},
    {"confused", -1},
    {"confusing", -1.5},
    {"expensive", -1},
    {"overcharged", -2.5},
    {"cancel", -1},
    {"cancelling", -1},
    {"canceling", -1},
    {"complaint", -2},
    {"complain", -2},
    {"late", -1},
    {"delayed", -1.5},
    {"waited", -1.5},
    {"rude", -3},
    {"slow", -1.5},
    {"lied", -3},
    {"scam", -3},
    {"ripoff", -3},
    {"garbage", -3},
    {"nightmare", -3},
    {"sucks", -3},
    {"worse", -2.5},
    {"failed", -2},
    {"failure", -2},
    {"impossible", -2},
    {"stupid", -2.5},
    {"damn", -2},
    {"hassle", -2},
    {"concerned", -1},
    {"worried", -1.5},
    {"unfortunately", -1},
    {"disaster", -3},
    {"furious", -3},
    {"livid", -3},
    {"outrageous", -3},
    {"incompetent", -3},
    {"pathetic", -3},
    {"unbelievable", -2},
    {"shocked", -1.5},
    {"stressed", -1.5},
    {"stressful", -1.5},
    {"annoyance", -2},
    {"joke", -1.5},
    {"headache", -2},
    {"mess", -2},
    {"error", -1},
    {"mistake", -1.5},
    {"disgusted", -3},
    {"hopeless", -2.5},
    {"terribly", -2},
    {"sad", -2},
    {"unreliable", -2.5},
    {"dropped", -1},
    {"dropping", -1},
    {"leaking", -1},
    {"ignored", -2},
    {"insane", -2},
    {"crazy", -1},
    {"disgrace", -3},
    {"irritated", -2},
    {"irritating", -2},
    {"awkward", -1},
    {"poor", -2},
    {"scared", -1.5},
    {"nervous", -1},
    {"pissed", -3},
    {"charged", -0.3},
};

bool IsNegator(std::string_view w) {
  return w == "not" || w == "no" || w == "never" || w == "don't" || w == "doesn't" ||
         w == "didn't" || w == "isn't" || w == "wasn't" || w == "aren't" || w == "weren't" ||
         w == "won't" || w == "can't" || w == "cannot" || w == "couldn't" || w == "wouldn't" ||
         w == "shouldn't" || w == "hardly" || w == "barely" || w == "without" || w == "ain't" ||
         w == "haven't" || w == "hasn't" || w == "nothing" || w == "nor" || w == "neither";
}
double Intensity(std::string_view w) {
  if (w == "really" || w == "very" || w == "so" || w == "extremely" || w == "super" ||
      w == "totally" || w == "absolutely" || w == "incredibly" || w == "truly" ||
      w == "completely" || w == "seriously" || w == "utterly" || w == "beyond" || w == "highly" ||
      w == "deeply" || w == "insanely" || w == "ridiculously") {
    return 1.5;
  }
  if (w == "quite" || w == "pretty" || w == "especially") return 1.2;
  if (w == "slightly" || w == "somewhat" || w == "little" || w == "fairly" || w == "kinda" ||
      w == "bit") {
    return 0.6;
  }
  return 1.0;
}

// Index of the lexicon by (first) word, built once.
struct Lexicon {
  std::unordered_map<std::string_view, double> words;
  std::unordered_map<std::string_view, std::vector<const Entry*>> phrases_by_first;
  Lexicon() {
    for (const Entry& e : kWords) words.emplace(e.phrase, e.weight);
    for (const Entry& e : kPhrases) {
      phrases_by_first[e.phrase.substr(0, e.phrase.find(' '))].push_back(&e);
    }
  }
};
const Lexicon& GetLexicon() {
  static const Lexicon kLexicon;
  return kLexicon;
}

}  // namespace

LexiconScore ScoreSentiment(const std::vector<Token>& t) {
  LexiconScore s;
  std::size_t i = 0;
  while (i < t.size()) {
    if (!t[i].IsWord()) {
      ++i;
      continue;
    }
    double w = 0;
    std::size_t len = 0;
    const Lexicon& lex = GetLexicon();
    if (auto it = lex.phrases_by_first.find(t[i].text); it != lex.phrases_by_first.end()) {
      for (const Entry* e : it->second) {
        if (MatchesAt(t, i, e->phrase)) {
          w = e->weight;
          len = static_cast<std::size_t>(std::count(e->phrase.begin(), e->phrase.end(), ' ')) + 1;
          break;
        }
      }
    }
    if (len == 0) {
      if (auto it = lex.words.find(t[i].text); it != lex.words.end()) {
        w = it->second;
        len = 1;
      }
    }
    if (len == 0 || w == 0) {
      i += len == 0 ? 1 : len;
      continue;
    }
    // Look back up to three words (within the clause) for negators and intensifiers;
    // "not a problem"-style phrases already carry their polarity.
    double mult = 1.0;
    bool negated = false;
    const bool phrase = len > 1;
    for (std::size_t k = 1; k <= 3 && k <= i; ++k) {
      const Token& p = t[i - k];
      if (p.IsBoundary()) break;
      if (!phrase && IsNegator(p.text)) negated = !negated;
      double f = Intensity(p.text);
      if (f != 1.0 && k <= 2) mult *= f;
    }
    if (negated) w = w > 0 ? -0.8 * w : -0.4 * w;
    s.sum += w * mult;
    ++s.hits;
    i += len;
  }
  return s;
}

Sentiment CustomerSentiment(const std::vector<TokenizedTurn>& turns) {
  Sentiment out;
  long first = 0, last = 0;
  bool any = false;
  for (const auto& tt : turns) {
    if (!any) first = tt.turn->start_ms, last = tt.turn->end_ms, any = true;
    first = std::min<long>(first, tt.turn->start_ms);
    last = std::max<long>(last, tt.turn->end_ms);
  }
  double span = std::max<long>(1, last - first);
  double num = 0, den = 0;
  for (const auto& tt : turns) {
    if (tt.turn->speaker != Speaker::kCustomer) continue;
    double p = ((tt.turn->start_ms + tt.turn->end_ms) / 2.0 - first) / span;
    p = std::clamp(p, 0.0, 1.0);
    double w = 0.5 + 1.5 * p * p;
    LexiconScore ls = ScoreSentiment(tt.tokens);
    if (ls.hits == 0) {
      den += 0.5 * w;
      continue;
    }
    // Exclamation marks amplify whatever the turn already says.
    double amp = 1.0;
    for (const Token& k : tt.tokens) {
      if (k.Is("!")) amp = 1.2;
    }
    num += w * std::tanh(amp * ls.sum / 3.0);
    den += w;
  }
  out.score = den > 0 ? std::clamp(num / den, -1.0, 1.0) : 0.0;
  out.label = SentimentLabel(out.score);
  return out;
}

}  // namespace converza::analysis
