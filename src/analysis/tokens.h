// Tokenizer shared by the rules analyzer, money extraction and redaction: splits text into
// lowercased words, numbers, symbols and punctuation while remembering byte offsets, so callers
// can match phrases on normalised words and still point back into the original text.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/transcript.h"

namespace converza::analysis {

struct Token {
  enum class Kind { kWord, kNumber, kSymbol, kPunct };
  Kind kind = Kind::kWord;
  std::string text;  // words lowercased ("don't" kept whole); numbers as written ("2,400", "2.4k")
  std::size_t begin = 0, end = 0;  // byte offsets in the source text

  bool Is(std::string_view s) const { return text == s; }
  bool IsWord() const { return kind == Kind::kWord; }
  bool IsNumber() const { return kind == Kind::kNumber; }
  bool IsPunct() const { return kind == Kind::kPunct; }
  // A clause boundary: . ? ! ; : or , (negation scope and reply classification stop here).
  bool IsBoundary() const { return kind == Kind::kPunct; }
};

// Words are letters with inner apostrophes; '-' and whitespace separate. Numbers are digits with
// inner ',' or '.' followed by a digit, plus an optional 'k' suffix. '$', '%', '/', '@' and '#'
// are symbols; . , ? ! ; : are punctuation.
std::vector<Token> Tokenize(std::string_view text);

// True when tokens[i..] spell `phrase` word by word (phrase words separated by single spaces).
bool MatchesAt(const std::vector<Token>& tokens, std::size_t i, std::string_view phrase);

// True when any phrase occurs anywhere in tokens; `at` (optional) receives the first index.
bool ContainsPhrase(const std::vector<Token>& tokens, std::string_view phrase,
                    std::size_t* at = nullptr);
bool ContainsAny(const std::vector<Token>& tokens, std::initializer_list<std::string_view> phrases,
                 std::size_t* at = nullptr);

// Whitespace-separated words (for words per minute).
int CountWords(std::string_view text);

// A turn with its tokens, so the analyzers tokenize each turn once. `turn` points into the
// vector given to TokenizeTurns, which must outlive the result.
struct TokenizedTurn {
  const Turn* turn = nullptr;
  std::vector<Token> tokens;
};
std::vector<TokenizedTurn> TokenizeTurns(const std::vector<Turn>& turns);

}  // namespace converza::analysis
