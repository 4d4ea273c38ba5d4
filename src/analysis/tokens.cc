#include "analysis/tokens.h"

#include <cctype>

namespace converza::analysis {
namespace {

bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

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
      while (i < n && (IsAlpha(s[i]) || ((s[i] == '\'' || s[i] == '\xE2') && i + 1 < n))) {
        if (s[i] == '\'') {
          if (!IsAlpha(s[i + 1])) break;
          t.text += '\'';
          ++i;
        } else if (s[i] == '\xE2') {
          // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) used as an apostrophe.
          if (i + 3 < n && s[i + 1] == '\x80' && s[i + 2] == '\x99' && IsAlpha(s[i + 3])) {
            t.text += '\'';
            i += 3;
          } else {
            break;
          }
        } else {
          t.text += Lower(s[i]);
          ++i;
        }
      }
      t.end = i;
      out.push_back(std::move(t));
    } else if (IsDigit(c)) {
      Token t;
      t.kind = Token::Kind::kNumber;
      t.begin = i;
      while (i < n) {
        if (IsDigit(s[i])) {
          t.text += s[i++];
        } else if ((s[i] == ',' || s[i] == '.') && i + 1 < n && IsDigit(s[i + 1])) {
          t.text += s[i++];
        } else {
          break;
        }
      }
      // "2.4k" / "2k" (but not "2kg"): thousands suffix.
      if (i < n && (s[i] == 'k' || s[i] == 'K') && (i + 1 >= n || !IsAlpha(s[i + 1]))) {
        t.text += 'k';
        ++i;
      }
      t.end = i;
      out.push_back(std::move(t));
    } else if (c == '$' || c == '%' || c == '/' || c == '@' || c == '#') {
      out.push_back(Token{Token::Kind::kSymbol, std::string(1, c), i, i + 1});
      ++i;
    } else if (c == '.' || c == ',' || c == '?' || c == '!' || c == ';' || c == ':') {
      out.push_back(Token{Token::Kind::kPunct, std::string(1, c), i, i + 1});
      ++i;
    } else {
      ++i;
    }
  }
  return out;
}

bool MatchesAt(const std::vector<Token>& tokens, std::size_t i, std::string_view phrase) {
  std::size_t p = 0;
  while (p < phrase.size()) {
    std::size_t sp = phrase.find(' ', p);
    if (sp == std::string_view::npos) sp = phrase.size();
    std::string_view w = phrase.substr(p, sp - p);
    if (i >= tokens.size() || tokens[i].text != w) return false;
    ++i;
    p = sp + 1;
  }
  return true;
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

bool ContainsAny(const std::vector<Token>& tokens, std::initializer_list<std::string_view> phrases,
                 std::size_t* at) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    for (std::string_view p : phrases) {
      if (MatchesAt(tokens, i, p)) {
        if (at) *at = i;
        return true;
      }
    }
  }
  return false;
}

int CountWords(std::string_view text) {
  int n = 0;
  bool in = false;
  for (char c : text) {
    bool w = !std::isspace(static_cast<unsigned char>(c));
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
