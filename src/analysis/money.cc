#include "analysis/money.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "analysis/numbers.h"

namespace converza::analysis {
namespace {

bool IsRecurringUnit(std::string_view w) {
  return w == "month" || w == "mo" || w == "year" || w == "yr" || w == "week" || w == "annum" ||
         w == "quarter";
}
bool IsRecurringAdverb(std::string_view w) {
  return w == "monthly" || w == "annually" || w == "yearly" || w == "weekly" || w == "quarterly";
}
bool IsCurrencyWord(std::string_view w) {
  return w == "dollars" || w == "dollar" || w == "bucks" || w == "buck" || w == "usd";
}
// Words that can follow "per"/"a"/"each" as a pricing unit rather than a product name.
bool IsUnitWord(std::string_view w) {
  static constexpr std::string_view kUnits[] = {
      "night",    "day",    "person",   "guest",   "seat",   "user",    "license", "licence",
      "room",     "ticket", "tire",     "tyre",    "panel",  "unit",    "item",    "line",
      "device",   "phone",  "car",      "vehicle", "hour",   "session", "visit",   "pet",
      "child",    "kid",    "adult",    "window",  "door",   "bag",     "box",     "case",
      "location", "site",   "employee", "agent",   "member", "head",    "plate",   "piece",
      "gallon",   "tooth",  "implant",  "crown",   "class",  "lesson",  "way",     "trip",
      "ride",     "bottle", "month",    "mo",      "year",   "yr",      "week",    "quarter",
      "annum"};
  for (auto u : kUnits) {
    if (u == w) return true;
  }
  return false;
}
bool IsTimeWord(std::string_view w) {
  return w == "am" || w == "pm" || w == "o'clock" || w == "tomorrow" || w == "today" ||
         w == "tonight" || w == "morning" || w == "afternoon" || w == "evening" || w == "sharp" ||
         w == "on";
}
bool IsPriceCue(std::string_view w) {
  return w == "for" || w == "just" || w == "only" || w == "costs" || w == "cost" || w == "is" ||
         w == "it's" || w == "that's" || w == "runs" || w == "price" || w == "of" || w == "at" ||
         w == "pay" || w == "be" || w == "extra" || w == "additional" || w == "another" ||
         w == "was" || w == "around" || w == "about";
}
// "the mats are one eighty-nine", "tire rotation's twenty five": a copula names the price of what
// precedes it. Not "he's"/"she's" (ages) nor "there's"/"what's" (no item named before them).
bool IsCopulaCue(std::string_view w) {
  if (w == "is" || w == "are" || w == "it's" || w == "that's" || w == "its" || w == "thats" ||
      w == "runs" || w == "costs")
    return true;
  return w.size() > 3 && w.ends_with("'s") && w != "he's" && w != "she's" && w != "there's" &&
         w != "what's" && w != "who's" && w != "where's" && w != "here's" && w != "let's";
}
// Words that may follow a bare spoken price within its clause: "it's a hundred forty nine it
// covers", "four fifty installed", "it's twenty five and she does it". A noun there makes the
// figure a count or a measure ("twenty five minutes", "a hundred twenty hertz"), so only these
// closed-class words are taken.
bool EndsPricePhrase(const std::vector<Token>& t, std::size_t j) {
  static const PhraseSet kWords = {
      "and",      "but",       "so",    "it",   "it's", "that",    "which",  "plus",
      "with",     "if",        "or",    "then", "now",  "too",     "though", "including",
      "included", "installed", "total", "flat", "all",  "because", "you",    "we",
      "i",        "they",      "this",  "per",  "up",   "right",   "even",   "um",
      "uh",       "would",     "do",    "does", "will", "can",     "before", "after",
      "upfront",  "out",       "is",    "was",  "for"};
  return j >= t.size() || t[j].IsBoundary() || kWords.MatchAt(t, j);
}
bool IsDiscountWord(std::string_view w) {
  return w == "off" || w == "discount" || w == "discounted" || w == "save" || w == "saves" ||
         w == "saving" || w == "savings" || w == "credit" || w == "rebate" || w == "refund" ||
         w == "waive" || w == "waived" || w == "cheaper" || w == "less" || w == "coupon" ||
         w == "knock" || w == "deduct" || w == "deducted" || w == "reduce" || w == "reduced" ||
         w == "lower" || w == "back";
}

struct Amount {
  double dollars;
  std::size_t first, next;  // token range of the amount itself
  bool had_currency;        // "$" or "dollars" seen: money for sure
};

// Reads "N cents" / "and N cents" / bare 2-digit cents after "dollars" ("forty dollars fifty").
double ReadCents(const std::vector<Token>& t, std::size_t* j) {
  std::size_t k = *j;
  if (k < t.size() && t[k].Is("and")) ++k;
  std::size_t nx = 0;
  if (auto c = ParseUpTo99(t, k, &nx); c && nx < t.size() && t[nx].Is("cents")) {
    *j = nx + 1;
    return *c / 100.0;
  }
  if (k < t.size() && t[k].IsNumber() && k + 1 < t.size() && t[k + 1].Is("cents")) {
    if (auto v = NumberTokenValue(t[k].text)) {
      *j = k + 2;
      return *v / 100.0;
    }
  }
  return 0;
}

// An amount starting at tokens[i], or nullopt.
std::optional<Amount> ReadAmount(const std::vector<Token>& t, std::size_t i) {
  const Token& tok = t[i];
  if (tok.kind == Token::Kind::kSymbol && tok.Is("$")) {
    if (i + 1 < t.size() && t[i + 1].IsNumber()) {
      auto v = NumberTokenValue(t[i + 1].text);
      if (!v) return std::nullopt;
      std::size_t j = i + 2;
      double mult = 1;
      if (j < t.size() && (t[j].Is("thousand") || t[j].Is("grand"))) mult = 1000, ++j;
      if (j < t.size() && t[j].Is("million")) mult = 1e6, ++j;
      return Amount{*v * mult, i, j, true};
    }
    return std::nullopt;
  }
  if (tok.IsNumber()) {
    auto v = NumberTokenValue(tok.text);
    if (!v) return std::nullopt;
    std::size_t j = i + 1;
    double mult = 1;
    if (j < t.size() && (t[j].Is("thousand") || t[j].Is("grand"))) mult = 1000, ++j;
    bool cur = tok.text.back() == 'k';
    if (j < t.size() && IsCurrencyWord(t[j].text)) {
      cur = true;
      ++j;
      double cents = ReadCents(t, &j);
      return Amount{*v * mult + cents, i, j, true};
    }
    return Amount{*v * mult, i, j, cur || mult > 1};
  }
  if (!tok.IsWord()) return std::nullopt;
  // Cheap rejection: spoken amounts start with a number word or "a"/"an" ("a hundred").
  if (NumberWordValue(tok.text) < 0 && !((tok.Is("a") || tok.Is("an")) && i + 1 < t.size() &&
                                         (t[i + 1].Is("hundred") || t[i + 1].Is("thousand")))) {
    return std::nullopt;
  }
  // "twelve ninety-nine": X (1..99) followed by Y (10..99), no "hundred".
  std::size_t a_next = 0;
  auto x = ParseUpTo99(t, i, &a_next);
  if (x && *x >= 1) {
    std::size_t b_next = 0;
    auto y = ParseUpTo99(t, a_next, &b_next);
    if (y && *y >= 10 &&
        !(b_next < t.size() && (t[b_next].Is("hundred") || t[b_next].Is("thousand")))) {
      bool cur = b_next < t.size() && IsCurrencyWord(t[b_next].text);
      return Amount{*x + *y / 100.0, i, b_next + (cur ? 1 : 0), cur};
    }
  }
  std::size_t next = 0;
  auto v = ParseCardinal(t, i, &next);
  if (!v) return std::nullopt;
  if (next < t.size() && (t[next].Is("grand") || t[next].Is("k"))) {
    return Amount{*v * 1000, i, next + 1, true};
  }
  if (next < t.size() && IsCurrencyWord(t[next].text)) {
    std::size_t j = next + 1;
    double cents = ReadCents(t, &j);
    if (cents == 0) {
      // "forty nine dollars ninety-nine"
      std::size_t cn = 0;
      if (auto c = ParseUpTo99(t, j, &cn); c && *c >= 10) {
        cents = *c / 100.0;
        j = cn;
      }
    }
    return Amount{*v + cents, i, j, true};
  }
  return Amount{*v, i, next, false};
}

}  // namespace

std::vector<MoneyMention> FindMoney(const std::vector<Token>& t) {
  std::vector<MoneyMention> out;
  std::size_t i = 0;
  while (i < t.size()) {
    auto a = ReadAmount(t, i);
    if (!a || a->dollars <= 0) {
      ++i;
      continue;
    }
    MoneyMention m;
    m.first = a->first;
    std::size_t j = a->next;
    bool money = a->had_currency;
    bool spoken_pair = !t[i].IsNumber() && !t[i].Is("$") && !money &&
                       std::fabs(a->dollars - std::floor(a->dollars)) > 1e-9;
    // "more" / "extra" right after the amount: "$10 more", "50 more per night".
    if (j < t.size() && (t[j].Is("more") || t[j].Is("extra") || t[j].Is("additional"))) {
      m.more = true;
      ++j;
    }
    // Rate: "a month", "per night", "each", "/mo", "monthly".
    if (j + 1 < t.size() &&
        (t[j].Is("a") || t[j].Is("an") || t[j].Is("per") || t[j].Is("every") || t[j].Is("/")) &&
        IsUnitWord(t[j + 1].text)) {
      if (IsRecurringUnit(t[j + 1].text)) {
        m.recurring = true;
      } else {
        m.unit = t[j + 1].text;
      }
      j += 2;
      money = true;
    } else if (j + 1 < t.size() && t[j].Is("per") && t[j + 1].IsWord() && !t[j + 1].Is("cent") &&
               !t[j + 1].Is("percent")) {
      // "$4.25 per mat", "thirty five per lock": any noun after "per" is a pricing unit.
      m.unit = t[j + 1].text;
      j += 2;
      money = true;
    } else if (j < t.size() && IsRecurringAdverb(t[j].text)) {
      m.recurring = true;
      ++j;
      money = true;
    } else if (j < t.size() && t[j].Is("each")) {
      // "$25 each way" prices a way; a bare "each" prices the item itself.
      bool unit_word = j + 1 < t.size() && IsUnitWord(t[j + 1].text);
      m.unit = unit_word ? t[j + 1].text : "each";
      j += unit_word ? 2 : 1;
      money = true;
    }
    if (m.more && !money && !spoken_pair) money = true;  // "50 more": an amount, not a count
    if (!money) {
      // "twelve ninety-nine" (or bare digits) after a price cue, not a time.
      bool cue = i > 0 && IsPriceCue(t[i - 1].text);
      // "at nine thirty on Friday" is a time; "one forty nine on top" is a price.
      const bool on_top = j + 1 < t.size() && t[j].Is("on") && t[j + 1].Is("top");
      // A clock has no minute past 59: "at six ninety-five" is a price.
      const bool clock = a->dollars < 13 && std::llround(a->dollars * 100) % 100 < 60;
      bool time_like =
          (j < t.size() && IsTimeWord(t[j].text) && !on_top) ||
          (i > 0 && (t[i - 1].Is("at") || t[i - 1].Is("by") || t[i - 1].Is("until")) && clock);
      cue = cue || (i > 0 && IsCopulaCue(t[i - 1].text));
      const bool phrase_ends = on_top || EndsPricePhrase(t, j);
      if (spoken_pair && cue && !time_like) money = true;
      // "fourteen ninety-nine" needs no cue: no clock reads 14:99 (years, "twenty nineteen",
      // are left out).
      const double whole = std::floor(a->dollars);
      if (spoken_pair && whole >= 13 && whole != 19 && whole != 20) money = true;
      // "that's four hundred eighty." — a spoken figure of 100 or more after a price cue that
      // ends its clause.
      if (!spoken_pair && !t[i].IsNumber() && cue && !time_like && a->dollars >= 100 &&
          phrase_ends) {
        money = true;
      }
      // "it's twenty five and she does it right before the cut", "inside the oven for thirty
      // five": a spoken figure of 10 to 99 right after the copula or "for" that names its item.
      const bool names_item = i > 0 && (IsCopulaCue(t[i - 1].text) || t[i - 1].Is("for") ||
                                        t[i - 1].Is("just") || t[i - 1].Is("only"));
      if (!spoken_pair && !t[i].IsNumber() && names_item && !time_like && a->dollars >= 10 &&
          a->dollars < 100 && phrase_ends) {
        money = true;
      }
      if (t[i].IsNumber() && cue && !time_like && i > 0 &&
          (t[i - 1].Is("just") || t[i - 1].Is("only") || t[i - 1].Is("costs") ||
           t[i - 1].Is("price")) &&
          t[i].text.find('.') != std::string::npos) {
        money = true;  // "only 12.99"
      }
    }
    if (!money) {
      i = a->next > i ? a->next : i + 1;
      continue;
    }
    // "$15 off", "save $20", "a $10 credit", "discount of $5"
    std::size_t lo = m.first >= 3 ? m.first - 3 : 0;
    for (std::size_t k = m.first; k > lo; --k) {
      // "while the roof's off. It's $380 extra": the sentence before says nothing about it.
      if (t[k - 1].Is(".") || t[k - 1].Is("?") || t[k - 1].Is("!")) {
        lo = k;
        break;
      }
    }
    for (std::size_t k = lo; k < std::min(t.size(), j + 2); ++k) {
      if (k >= m.first && k < j) continue;
      if (t[k].IsBoundary() && k >= j) break;
      if (IsDiscountWord(t[k].text)) m.discount = true;
    }
    if (m.first > 0 && (t[m.first - 1].Is("extra") || t[m.first - 1].Is("additional") ||
                        t[m.first - 1].Is("another"))) {
      m.more = true;
    }
    m.last = j;
    // A figure no phone sale reaches is a reference number, not money (and past ~9e16 dollars
    // the cents would not fit a long long; found by fuzz/money_fuzz).
    constexpr double kMaxDollars = 1e9;
    if (!(a->dollars >= 0 && a->dollars <= kMaxDollars)) {
      i = j;
      continue;
    }
    m.cents = std::llround(a->dollars * 100.0);
    if (spoken_pair) {
      // "one forty nine", $1.49 as written, is $149 on a call ("three fifty installed", "two
      // forty a night"), but "nine ninety-nine a month" and "fourteen ninety-nine" are what they
      // say. The reading not taken is kept as the other.
      const long long hundreds = m.cents * 100;
      const long long whole = m.cents / 100, tens = m.cents % 100;
      const bool hundreds_first = whole <= 9 && !(whole >= 5 && tens >= 95);
      m.other_cents = hundreds_first ? std::exchange(m.cents, hundreds) : hundreds;
    }
    m.begin = t[m.first].begin;
    m.end = t[j - 1].end;
    out.push_back(std::move(m));
    i = j;
  }
  return out;
}

std::vector<MoneyMention> FindMoney(std::string_view text) { return FindMoney(Tokenize(text)); }

std::string FormatDollars(long long cents) {
  char buf[48];
  long long d = cents / 100, c = cents % 100;
  std::string digits = std::to_string(d);
  std::string grouped;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) grouped += ',';
    grouped += digits[k];
  }
  if (c == 0) {
    std::snprintf(buf, sizeof buf, "$%s", grouped.c_str());
  } else {
    std::snprintf(buf, sizeof buf, "$%s.%02lld", grouped.c_str(), c);
  }
  return buf;
}

}  // namespace converza::analysis
