#include "analysis/numbers.h"

#include <array>
#include <cstdlib>

namespace converza::analysis {
namespace {

// Number words are looked up for nearly every token: dispatch on the first letter and compare
// only with the few number words sharing it.
struct NumberWord {
  std::string_view word;
  int value;
};
int Lookup(std::string_view w, std::initializer_list<NumberWord> candidates) {
  for (const NumberWord& c : candidates) {
    if (c.word.size() == w.size() && c.word == w) return c.value;
  }
  return -1;
}
int WordValue(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return -1;
  switch (w[0]) {
    case 'z':
      return Lookup(w, {{"zero", 0}});
    case 'o':
      return Lookup(w, {{"one", 1}});
    case 't':
      return Lookup(w, {{"two", 2},
                        {"three", 3},
                        {"ten", 10},
                        {"twelve", 12},
                        {"thirteen", 13},
                        {"twenty", 20},
                        {"thirty", 30}});
    case 'f':
      return Lookup(w, {{"four", 4},
                        {"five", 5},
                        {"fourteen", 14},
                        {"fifteen", 15},
                        {"forty", 40},
                        {"fifty", 50},
                        {"fourty", 40}});  // misspelling seen in ASR
    case 's':
      return Lookup(w, {{"six", 6},
                        {"seven", 7},
                        {"sixteen", 16},
                        {"seventeen", 17},
                        {"sixty", 60},
                        {"seventy", 70}});
    case 'e':
      return Lookup(w, {{"eight", 8}, {"eleven", 11}, {"eighteen", 18}, {"eighty", 80}});
    case 'n':
      return Lookup(w, {{"nine", 9}, {"nineteen", 19}, {"ninety", 90}});
    default:
      return -1;
  }
}
int SmallValue(std::string_view w) {
  int v = WordValue(w);
  return v < 20 ? v : -1;
}
int TensValue(std::string_view w) {
  int v = WordValue(w);
  return v >= 20 ? v : -1;
}

}  // namespace

int NumberWordValue(std::string_view word) { return WordValue(word); }

std::optional<int> DigitWord(std::string_view w) {
  if (w == "oh" || w == "o") return 0;
  int v = SmallValue(w);
  if (v >= 0 && v <= 9) return v;
  return std::nullopt;
}

std::optional<double> NumberTokenValue(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool thousands = text.back() == 'k';
  if (thousands) text.remove_suffix(1);
  std::string digits;
  // A ',' followed by exactly three digits is a thousands separator; otherwise it is a decimal
  // comma only when it is the last separator with 1-2 digits after it.
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ',') {
      std::size_t rest = text.size() - i - 1;
      std::size_t run = 0;
      while (run < rest && text[i + 1 + run] >= '0' && text[i + 1 + run] <= '9') ++run;
      if (run == 3) continue;
      digits += '.';
    } else {
      digits += c;
    }
  }
  char* end = nullptr;
  double v = std::strtod(digits.c_str(), &end);
  if (end == digits.c_str()) return std::nullopt;
  return thousands ? v * 1000.0 : v;
}

std::optional<int> ParseUpTo99(const std::vector<Token>& t, std::size_t i, std::size_t* next) {
  if (i >= t.size() || !t[i].IsWord()) return std::nullopt;
  int s = SmallValue(t[i].text);
  if (s >= 0) {
    *next = i + 1;
    return s;
  }
  int tens = TensValue(t[i].text);
  if (tens < 0) return std::nullopt;
  if (i + 1 < t.size() && t[i + 1].IsWord()) {
    int u = SmallValue(t[i + 1].text);
    if (u >= 1 && u <= 9) {
      *next = i + 2;
      return tens + u;
    }
  }
  *next = i + 1;
  return tens;
}

std::optional<double> ParseCardinal(const std::vector<Token>& t, std::size_t i, std::size_t* next) {
  double total = 0, current = 0;
  bool any = false;
  std::size_t j = i;
  // "a hundred", "a thousand"
  if (j + 1 < t.size() && (t[j].Is("a") || t[j].Is("one")) &&
      (t[j + 1].Is("hundred") || t[j + 1].Is("thousand"))) {
    current = 1;
    any = true;
    ++j;
  }
  enum { kNone, kUnit, kTeen, kTen, kHundred, kThousand } last = any ? kUnit : kNone;
  while (j < t.size() && t[j].IsWord()) {
    const std::string& w = t[j].text;
    int s = SmallValue(w);
    int tn = TensValue(w);
    if (s >= 0) {
      if (last == kUnit || last == kTeen || (last == kTen && s >= 10)) break;
      if (last == kTen && s == 0) break;
      current += s;
      last = s < 10 ? kUnit : kTeen;
    } else if (tn >= 0) {
      if (last == kUnit || last == kTeen || last == kTen) break;
      current += tn;
      last = kTen;
    } else if (w == "hundred" && any && (last == kUnit || last == kTeen)) {
      current *= 100;
      last = kHundred;
    } else if (w == "thousand" && any && last != kThousand) {
      total += current * 1000;
      current = 0;
      last = kThousand;
    } else if (w == "and" && (last == kHundred || last == kThousand) && j + 1 < t.size() &&
               (SmallValue(t[j + 1].text) > 0 || TensValue(t[j + 1].text) > 0)) {
      // "two hundred and fifty"
    } else {
      break;
    }
    any = true;
    ++j;
  }
  if (!any) return std::nullopt;
  *next = j;
  return total + current;
}

std::optional<double> ParseQuantity(const std::vector<Token>& t, std::size_t i, std::size_t* next) {
  if (i >= t.size()) return std::nullopt;
  if (t[i].IsNumber()) {
    *next = i + 1;
    return NumberTokenValue(t[i].text);
  }
  if (t[i].Is("both")) {
    *next = i + 1;
    return 2;
  }
  if (t[i].Is("couple")) {
    *next = i + 1;
    if (*next < t.size() && t[*next].Is("of")) ++*next;
    return 2;
  }
  if ((t[i].Is("a") || t[i].Is("an")) && i + 1 < t.size() && t[i + 1].Is("couple")) {
    *next = i + 2;
    if (*next < t.size() && t[*next].Is("of")) ++*next;
    return 2;
  }
  if (t[i].Is("a") || t[i].Is("an") || t[i].Is("single")) {
    *next = i + 1;
    return 1;
  }
  return ParseCardinal(t, i, next);
}

}  // namespace converza::analysis
