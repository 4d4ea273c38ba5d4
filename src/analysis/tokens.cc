#include "analysis/tokens.h"

#include <algorithm>
#include <cctype>

namespace converza::analysis {
namespace {

// ASCII only (locale-independent and fast): transcripts' other bytes are not word characters.
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 5 + 4);
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    char c = s[i];
    if (IsAlpha(c)) {
      Token t;
      t.kind = Token::Kind::kWord;
      t.begin = i;
      // Fast path: letters and ASCII apostrophes, copied at once and lowercased in place.
      std::size_t j = i;
      while (j < n && (IsAlpha(s[j]) || (s[j] == '\'' && j + 1 < n && IsAlpha(s[j + 1])))) ++j;
      t.text.assign(s.data() + i, j - i);
      for (char& ch : t.text) ch = Lower(ch);
      i = j;
      // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) used as an apostrophe: "don’t".
      while (i + 3 < n && s[i] == '\xE2' && s[i + 1] == '\x80' && s[i + 2] == '\x99' &&
             IsAlpha(s[i + 3])) {
        t.text += '\'';
        i += 3;
        while (i < n && IsAlpha(s[i])) t.text += Lower(s[i++]);
      }
      t.end = i;
      t.hash = WordHash(t.text);
      out.push_back(std::move(t));
    } else if (IsDigit(c)) {
      Token t;
      t.kind = Token::Kind::kNumber;
      t.begin = i;
      // Digits, and the separators between them ("1,200", "2.5").
      while (i < n &&
             (IsDigit(s[i]) || ((s[i] == ',' || s[i] == '.') && i + 1 < n && IsDigit(s[i + 1])))) {
        t.text += s[i++];
      }
      // "2.4k" / "2k" (but not "2kg"): thousands suffix.
      if (i < n && (s[i] == 'k' || s[i] == 'K') && (i + 1 >= n || !IsAlpha(s[i + 1]))) {
        t.text += 'k';
        ++i;
      }
      t.end = i;
      t.hash = WordHash(t.text);
      out.push_back(std::move(t));
    } else if (c == '$' || c == '%' || c == '/' || c == '@' || c == '#') {
      out.push_back(Token{Token::Kind::kSymbol, std::string(1, c), i, i + 1, WordHash({&c, 1})});
      ++i;
    } else if (c == '.' || c == ',' || c == '?' || c == '!' || c == ';' || c == ':') {
      out.push_back(Token{Token::Kind::kPunct, std::string(1, c), i, i + 1, WordHash({&c, 1})});
      ++i;
    } else {
      ++i;
    }
  }
  return out;
}

bool MatchesAt(const std::vector<Token>& tokens, std::size_t i, std::string_view phrase) {
  // Hot path of every phrase lookup: compare word by word without splitting the phrase, and
  // reject on the first character before touching the rest.
  std::size_t p = 0;
  const std::size_t n = phrase.size();
  while (i < tokens.size()) {
    const std::string& w = tokens[i].text;
    const std::size_t len = w.size();
    if (len == 0 || p + len > n) return false;
    for (std::size_t k = 0; k < len; ++k) {
      if (w[k] != phrase[p + k]) return false;
    }
    p += len;
    if (p == n) return true;
    if (phrase[p] != ' ') return false;
    ++p;
    ++i;
  }
  return false;
}

bool ContainsPhrase(const std::vector<Token>& tokens, std::string_view phrase, std::size_t* at) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (MatchesAt(tokens, i, phrase)) {
      if (at) *at = i;
      return true;
    }
  }
  return false;
}

bool ContainsAny(const std::vector<Token>& tokens, const PhraseSet& phrases, std::size_t* at) {
  return phrases.Find(tokens, 0, tokens.size(), at);
}

PhraseSet::PhraseSet(std::initializer_list<std::string_view> phrases) {
  for (std::string_view p : phrases) {
    if (p.empty()) continue;
    std::uint32_t h = WordHash(p.substr(0, p.find(' ')));
    phrases_.emplace_back(h, p);
    const std::uint32_t bit = h % kMaskBits;
    mask_[bit / 64] |= std::uint64_t{1} << (bit % 64);
  }
  std::stable_sort(phrases_.begin(), phrases_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

bool PhraseSet::MatchAt(const std::vector<Token>& tokens, std::size_t i) const {
  if (i >= tokens.size()) return false;
  const std::uint32_t h = tokens[i].hash;
  const std::uint32_t bit = h % kMaskBits;
  if (!((mask_[bit / 64] >> (bit % 64)) & 1)) return false;
  auto it = std::lower_bound(phrases_.begin(), phrases_.end(), h,
                             [](const auto& e, std::uint32_t v) { return e.first < v; });
  for (; it != phrases_.end() && it->first == h; ++it) {
    if (MatchesAt(tokens, i, it->second)) return true;
  }
  return false;
}

bool PhraseSet::Find(const std::vector<Token>& tokens, std::size_t lo, std::size_t hi,
                     std::size_t* at) const {
  hi = std::min(hi, tokens.size());
  for (std::size_t i = lo; i < hi; ++i) {
    if (MatchAt(tokens, i)) {
      if (at) *at = i;
      return true;
    }
  }
  return false;
}

int CountWords(std::string_view text) {
  int n = 0;
  bool in = false;
  for (char c : text) {
    bool w = !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v');
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

std::vector<TokenizedTurn> TokenizeTurns(const std::vector<Turn>& turns) {
  std::vector<TokenizedTurn> out;
  out.reserve(turns.size());
  for (const Turn& t : turns) out.push_back({&t, Tokenize(t.text)});
  return out;
}

}  // namespace converza::analysis
