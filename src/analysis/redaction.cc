#include "analysis/redaction.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "analysis/numbers.h"
#include "analysis/tokens.h"

namespace converza::analysis {
namespace {

struct Span {
  std::size_t begin, end;  // bytes in the source text
  const char* kind;
};

const char* Placeholder(std::string_view kind) {
  if (kind == "card_number") return "[card number]";
  if (kind == "cvv") return "[cvv]";
  if (kind == "expiry") return "[expiry]";
  if (kind == "ssn") return "[ssn]";
  if (kind == "email") return "[email]";
  if (kind == "phone") return "[phone]";
  return "[address]";
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One unit of a digit run: a plain digit token, a digit word, or "double/triple <digit>".
struct DigitUnit {
  std::string digits;
  std::size_t first, next;  // token range
  bool spoken;
};

std::optional<DigitUnit> ReadDigitUnit(const std::vector<Token>& t, std::size_t i) {
  if (i >= t.size()) return std::nullopt;
  if (t[i].IsNumber() && AllDigits(t[i].text)) return DigitUnit{t[i].text, i, i + 1, false};
  if (!t[i].IsWord()) return std::nullopt;
  int repeat = t[i].Is("double") ? 2 : t[i].Is("triple") ? 3 : 1;
  std::size_t k = repeat > 1 ? i + 1 : i;
  if (k >= t.size() || !t[k].IsWord()) return std::nullopt;
  auto d = DigitWord(t[k].text);
  if (!d) return std::nullopt;
  // A lone "o"/"oh" is only a digit next to other digits; callers check run length.
  return DigitUnit{std::string(repeat, static_cast<char>('0' + *d)), i, k + 1, true};
}

struct DigitRun {
  std::vector<DigitUnit> units;
  std::string digits;
  std::size_t first = 0, next = 0;
  bool spoken = false;
};

// Units separated only by spaces, dashes, commas or periods.
DigitRun ReadRun(const std::vector<Token>& t, std::size_t i) {
  DigitRun run;
  run.first = i;
  std::size_t j = i;
  while (auto u = ReadDigitUnit(t, j)) {
    run.digits += u->digits;
    run.spoken |= u->spoken;
    j = u->next;
    run.units.push_back(std::move(*u));
    run.next = j;
    // Allow one ',' or '.' between units of a spoken or grouped number.
    if (j < t.size() && (t[j].Is(",") || t[j].Is(".")) && ReadDigitUnit(t, j + 1)) ++j;
  }
  return run;
}

bool HasCue(const std::vector<Token>& t, std::size_t lo, std::size_t hi, const PhraseSet& cues) {
  return cues.Find(t, lo, hi);
}

const PhraseSet kCardWords = {
    "card",   "visa",  "mastercard", "master card", "amex",         "american express",
    "credit", "debit", "cvv",        "cvc",         "discover card"};
const PhraseSet kCvvCues = {"cvv",
                            "cvc",
                            "cv2",
                            "security code",
                            "code on the back",
                            "back of the card",
                            "three digit",
                            "three digits",
                            "3 digit",
                            "four digit code",
                            "card code",
                            "verification code"};
const PhraseSet kExpiryCues = {"expiry",    "expiration",  "expires",    "expire",
                               "exp",       "expiring",    "valid thru", "valid through",
                               "good thru", "good through"};
const PhraseSet kSsnCues = {"social", "ssn", "social security"};
const PhraseSet kPhoneCues = {"phone",    "cell",           "mobile",   "call",
                              "reach",    "text",           "callback", "call back",
                              "landline", "contact number", "telephone"};
const PhraseSet kLastFour = {"last four", "last 4"};
const PhraseSet kIdCues = {
    "order",   "sku",      "part",     "model",   "item",        "confirmation", "reference",
    "ref",     "serial",   "tracking", "invoice", "ticket",      "case",         "account",
    "policy",  "member",   "claim",    "booking", "reservation", "vin",          "routing",
    "product", "customer", "id",       "pin",     "code",        "zip",          "unit"};

bool IsMonth(std::string_view w) {
  static constexpr std::string_view kMonths[] = {
      "january",   "february", "march",    "april",    "may",  "june", "july", "august",
      "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
      "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"};
  for (auto m : kMonths) {
    if (m == w) return true;
  }
  return false;
}

bool IsNumberWord(const Token& tok) {
  if (tok.IsNumber()) return AllDigits(tok.text);
  return tok.IsWord() && (NumberWordValue(tok.text) >= 0 || tok.Is("oh") || tok.Is("o"));
}

// The expiry date starting at tokens[i]: month names, digits, number words, '/', "of".
std::optional<std::pair<std::size_t, std::size_t>> ExpirySpan(const std::vector<Token>& t,
                                                              std::size_t i) {
  // Skip filler words between the cue and the date ("is", "date", "on", "it's").
  while (i < t.size() &&
         (t[i].Is("date") || t[i].Is("is") || t[i].Is("it's") || t[i].Is("on") || t[i].Is("in") ||
          t[i].Is("the") || t[i].Is(":") || t[i].Is("it") || t[i].Is("at"))) {
    ++i;
  }
  std::size_t j = i;
  int parts = 0;
  while (j < t.size() && j - i < 8) {
    if (IsNumberWord(t[j]) || IsMonth(t[j].text)) {
      ++parts;
    } else if (!(t[j].Is("/") || (t[j].Is("of") && parts > 0) || t[j].Is("thousand"))) {
      break;
    }
    ++j;
  }
  if (parts == 0) return std::nullopt;
  // A lone "four" is not a date; "04/26", "oh four twenty six", "april 2027" are.
  if (parts == 1 && !(t[i].IsNumber() && t[i].text.size() >= 3)) return std::nullopt;
  return std::make_pair(i, j);
}

void FindEmails(std::string_view s, std::vector<Span>& out) {
  auto local = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
  };
  auto domain = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
  };
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && local(s[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < s.size() && domain(s[e])) ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;  // sentence period
    std::string_view dom = s.substr(at + 1, e - at - 1);
    std::size_t dot = dom.rfind('.');
    if (b == at || dot == std::string_view::npos || dot == 0 || dom.size() - dot - 1 < 2) continue;
    out.push_back({b, e, "email"});
  }
}

bool IsTld(std::string_view w) {
  return w == "com" || w == "net" || w == "org" || w == "edu" || w == "gov" || w == "io" ||
         w == "co" || w == "us" || w == "ca" || w == "uk" || w == "info" || w == "biz" || w == "me";
}

void FindSpokenEmails(const std::vector<Token>& t, std::vector<Span>& out) {
  for (std::size_t k = 1; k + 3 < t.size(); ++k) {
    if (!t[k].Is("at") || t[k - 1].IsPunct() || !t[k + 2].Is("dot") || !IsTld(t[k + 3].text)) {
      continue;
    }
    std::size_t b = k - 1;
    while (b >= 2 && (t[b - 1].Is("dot") || t[b - 1].Is("underscore") || t[b - 1].Is("dash")) &&
           !t[b - 2].IsPunct()) {
      b -= 2;
    }
    std::size_t e = k + 4;
    while (e + 1 < t.size() && t[e].Is("dot") && IsTld(t[e + 1].text)) e += 2;
    out.push_back({t[b].begin, t[e - 1].end, "email"});
  }
}

bool IsStreetSuffix(std::string_view w) {
  static constexpr std::string_view kSuffixes[] = {
      "street", "st",      "avenue", "ave",     "road", "rd",    "boulevard", "blvd",     "lane",
      "ln",     "drive",   "dr",     "court",   "ct",   "way",   "place",     "pl",       "terrace",
      "circle", "parkway", "pkwy",   "highway", "hwy",  "trail", "plaza",     "crescent", "close"};
  for (auto s : kSuffixes) {
    if (s == w) return true;
  }
  return false;
}
bool IsAddressStopWord(std::string_view w) {
  static constexpr std::string_view kStop[] = {
      "the",     "a",     "an",   "per",    "for",  "and",    "of",    "in",      "on",
      "to",      "my",    "your", "by",     "at",   "is",     "it",    "that",    "this",
      "dollars", "bucks", "more", "nights", "days", "months", "years", "minutes", "hours",
      "times",   "i",     "you",  "we",     "was",  "are",    "be",    "with"};
  for (auto s : kStop) {
    if (s == w) return true;
  }
  return false;
}

void FindAddresses(const std::vector<Token>& t, std::vector<Span>& out) {
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (!t[i].IsNumber() || !AllDigits(t[i].text) || t[i].text.size() > 6) continue;
    if (i > 0 && t[i - 1].Is("$")) continue;
    std::size_t j = i + 1;
    int words = 0;
    while (j < t.size() && t[j].IsWord() && words < 4 && !IsStreetSuffix(t[j].text)) {
      if (IsAddressStopWord(t[j].text)) break;
      ++words;
      ++j;
    }
    if (words == 0 || j >= t.size() || !IsStreetSuffix(t[j].text)) continue;
    std::size_t e = j + 1;
    if (e < t.size() && t[e].Is(".")) {
      // "Main St." — keep the period out of the span.
    }
    // "apartment 4b", "apt 12", "suite 300", "unit 7", "# 5"
    if (e + 1 < t.size() && (t[e].Is("apartment") || t[e].Is("apt") || t[e].Is("suite") ||
                             t[e].Is("unit") || t[e].Is("#"))) {
      if (t[e + 1].IsNumber() || t[e + 1].IsWord()) e += 2;
    } else if (e + 2 < t.size() && t[e].Is(",") &&
               (t[e + 1].Is("apartment") || t[e + 1].Is("apt") || t[e + 1].Is("suite") ||
                t[e + 1].Is("unit")) &&
               t[e + 2].IsNumber()) {
      e += 3;
    }
    out.push_back({t[i].begin, t[e - 1].end, "address"});
    i = e - 1;
  }
}

// The (already redacted) turns before this one.
using Context = std::vector<const std::vector<Token>*>;

bool ContextHas(const Context& ctx, const PhraseSet& cues) {
  for (const auto* c : ctx) {
    if (cues.Find(*c, 0, c->size())) return true;
  }
  return false;
}

void FindNumbers(const std::vector<Token>& t, const Context& ctx, std::vector<Span>& out) {
  const bool card_ctx = HasCue(t, 0, t.size(), kCardWords) || ContextHas(ctx, kCardWords);
  const bool ctx_cvv = ContextHas(ctx, kCvvCues);
  const bool ctx_expiry = ContextHas(ctx, kExpiryCues);
  const bool ctx_ssn = ContextHas(ctx, kSsnCues);
  const bool ctx_phone = ContextHas(ctx, kPhoneCues) && !ContextHas(ctx, kIdCues);
  bool expiry_done = false;

  auto before = [&](std::size_t first, std::size_t window, const PhraseSet& cues) {
    return HasCue(t, first > window ? first - window : 0, first, cues);
  };

  for (std::size_t i = 0; i < t.size();) {
    // Expiry after its cue, in a card context.
    if (card_ctx && !expiry_done && HasCue(t, i, i + 1, kExpiryCues)) {
      std::size_t k = i + 1;
      if (k < t.size() && t[k].Is("date")) ++k;
      if (auto sp = ExpirySpan(t, k)) {
        out.push_back({t[sp->first].begin, t[sp->second - 1].end, "expiry"});
        expiry_done = true;
        i = sp->second;
        continue;
      }
    }
    // "04/26" style in a card context.
    if (card_ctx && !expiry_done && i + 2 < t.size() && t[i].IsNumber() && t[i].text.size() <= 2 &&
        t[i + 1].Is("/") && t[i + 2].IsNumber() &&
        (t[i + 2].text.size() == 2 || t[i + 2].text.size() == 4) &&
        (ctx_expiry || before(i, 8, kExpiryCues) || before(i, 12, kCardWords))) {
      out.push_back({t[i].begin, t[i + 2].end, "expiry"});
      expiry_done = true;
      i += 3;
      continue;
    }
    DigitRun run = ReadRun(t, i);
    if (run.units.empty()) {
      ++i;
      continue;
    }
    const std::size_t n = run.digits.size();
    const std::size_t b = t[run.first].begin, e = t[run.next - 1].end;
    const bool id_cue = before(run.first, 4, kIdCues);
    bool grouped_334 = !run.spoken && run.units.size() >= 3;
    std::vector<std::size_t> sizes;
    for (auto& u : run.units) sizes.push_back(u.digits.size());
    if (!run.spoken) {
      grouped_334 = (sizes == std::vector<std::size_t>{3, 3, 4}) ||
                    (sizes == std::vector<std::size_t>{1, 3, 3, 4});
    }

    // Card number (also a 13-19 digit window at the start of a longer spoken run).
    if (n >= 13) {
      std::size_t best_units = 0;
      std::size_t acc = 0;
      for (std::size_t u = 0; u < run.units.size(); ++u) {
        acc += run.units[u].digits.size();
        if (acc >= 13 && acc <= 19 && LuhnValid(run.digits.substr(0, acc))) best_units = u + 1;
        if (acc > 19) break;
      }
      if (best_units > 0) {
        std::size_t last = run.units[best_units - 1].next;
        out.push_back({b, t[last - 1].end, "card_number"});
        i = last;
        continue;
      }
    }
    // A whole SSN, or its last four when both an SSN cue and a "last four" cue are near.
    const bool whole_ssn = n == 9 && (before(run.first, 10, kSsnCues) || ctx_ssn ||
                                      (!run.spoken && sizes == std::vector<std::size_t>{3, 2, 4}));
    const bool ssn_last_four = n == 4 &&
                               (before(run.first, 6, kSsnCues) || (ctx_ssn && run.first < 4)) &&
                               (before(run.first, 8, kLastFour) || ContextHas(ctx, kLastFour));
    if (whole_ssn || ssn_last_four) {
      out.push_back({b, e, "ssn"});
    } else if ((n == 3 || n == 4) && card_ctx &&
               (before(run.first, 8, kCvvCues) || (ctx_cvv && run.first < 6))) {
      out.push_back({b, e, "cvv"});
    } else if (card_ctx && !expiry_done && ctx_expiry && run.first < 6 && n >= 2 && n <= 6) {
      auto sp = ExpirySpan(t, run.first);
      std::size_t last = sp ? sp->second : run.next;
      out.push_back({b, t[last - 1].end, "expiry"});
      expiry_done = true;
      i = last;
      continue;
    } else if ((n == 10 || (n == 11 && run.digits[0] == '1')) && !id_cue) {
      bool cue = before(run.first, 8, kPhoneCues) || (ctx_phone && run.first < 8);
      if (grouped_334 || cue) out.push_back({b, e, "phone"});
    } else if (n == 7 && !id_cue && !run.spoken && sizes == std::vector<std::size_t>{3, 4} &&
               before(run.first, 8, kPhoneCues)) {
      out.push_back({b, e, "phone"});
    }
    i = run.next;
  }
}

}  // namespace

bool LuhnValid(std::string_view digits) {
  if (digits.size() < 2) return false;
  int sum = 0;
  bool dbl = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

namespace {

RedactedText RedactTokenized(std::string_view text, const std::vector<Token>& t,
                             const Context& context) {
  std::vector<Span> spans;
  FindEmails(text, spans);
  FindSpokenEmails(t, spans);
  // Numbers (cards, CVV, expiry, SSN, phones) need digits or number words; most turns have none,
  // and only then is the context worth tokenizing.
  if (std::any_of(t.begin(), t.end(), [](const Token& k) { return IsNumberWord(k); })) {
    FindNumbers(t, context, spans);
  }
  FindAddresses(t, spans);

  RedactedText out;
  if (spans.empty()) {
    out.text.assign(text);
    return out;
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  out.text.reserve(text.size());
  std::size_t pos = 0;
  for (Span s : spans) {
    if (s.begin < pos) continue;  // overlaps an earlier (or longer) span
    // "(312) 555-0199": the opening parenthesis belongs to the phone number.
    if (std::string_view(s.kind) == "phone" && s.begin > pos && text[s.begin - 1] == '(') --s.begin;
    out.text.append(text.substr(pos, s.begin - pos));
    Redaction r;
    r.kind = s.kind;
    r.start = out.text.size();
    out.text += Placeholder(s.kind);
    r.end = out.text.size();
    out.redactions.push_back(std::move(r));
    pos = s.end;
  }
  out.text.append(text.substr(pos));
  return out;
}

}  // namespace

RedactedText RedactText(std::string_view text, std::string_view context) {
  std::vector<Token> ctx = Tokenize(context);
  return RedactTokenized(text, Tokenize(text), Context{&ctx});
}

void RedactTurns(std::vector<Turn>& turns, std::vector<std::vector<Token>>* tokens_out) {
  std::vector<std::vector<Token>> local;
  std::vector<std::vector<Token>>& tokens = tokens_out ? *tokens_out : local;
  tokens.clear();
  tokens.reserve(turns.size());
  for (std::size_t i = 0; i < turns.size(); ++i) {
    Context ctx;
    for (std::size_t k = i >= 2 ? i - 2 : 0; k < i; ++k) ctx.push_back(&tokens[k]);
    std::vector<Token> t = Tokenize(turns[i].text);
    RedactedText r = RedactTokenized(turns[i].text, t, ctx);
    if (!r.redactions.empty()) t = Tokenize(r.text);
    turns[i].text = std::move(r.text);
    turns[i].redactions = std::move(r.redactions);
    tokens.push_back(std::move(t));
  }
}

}  // namespace converza::analysis
