// Tokenizer shared by the rules analyzer, money extraction and redaction: splits text into
// lowercased words, numbers, symbols and punctuation while remembering byte offsets, so callers
// can match phrases on normalised words and still point back into the original text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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
  std::uint32_t hash = 0;          // WordHash(text), set by Tokenize; PhraseSet looks it up

  [[nodiscard]] bool Is(std::string_view s) const { return text == s; }
  [[nodiscard]] bool IsWord() const { return kind == Kind::kWord; }
  [[nodiscard]] bool IsNumber() const { return kind == Kind::kNumber; }
  [[nodiscard]] bool IsPunct() const { return kind == Kind::kPunct; }
  // A clause boundary: . ? ! ; : or , (negation scope and reply classification stop here).
  [[nodiscard]] bool IsBoundary() const { return kind == Kind::kPunct; }
};

// FNV-1a hash of a word, as stored in Token::hash.
constexpr std::uint32_t WordHash(std::string_view w) {
  std::uint32_t h = 2166136261u;
  for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// Words are letters with inner apostrophes; '-' and whitespace separate. Numbers are digits with
// inner ',' or '.' followed by a digit, plus an optional 'k' suffix. '$', '%', '/', '@' and '#'
// are symbols; . , ? ! ; : are punctuation.
std::vector<Token> Tokenize(std::string_view text);

// True when tokens[i..] spell `phrase` word by word (phrase words separated by single spaces).
bool MatchesAt(const std::vector<Token>& tokens, std::size_t i, std::string_view phrase);

// A set of phrases for fast lookup at every token position: phrases are indexed by the hash of
// their first word, so a token is compared only with phrases that start with that word. The phrases
// must outlive the set (string literals, in practice). Immutable after construction; thread-safe to
// share.
class PhraseSet {
 public:
  PhraseSet(std::initializer_list<std::string_view> phrases);  // NOLINT: lists read as sets

  // True when a phrase starts at tokens[i].
  [[nodiscard]] bool MatchAt(const std::vector<Token>& tokens, std::size_t i) const;
  // The first position in [lo, hi) where a phrase starts (hi is clamped to tokens.size()).
  bool Find(const std::vector<Token>& tokens, std::size_t lo, std::size_t hi,
            std::size_t* at = nullptr) const;

 private:
  // (hash of the first word, phrase), sorted by hash; `mask_` has bit (hash % kMaskBits) set
  // for every first word, so most tokens are rejected with one AND. With 64 bits the larger
  // sets (a hundred first words and more) left few bits clear, and a token's binary search was
  // 12% of the rules analyzer's time (docs/benchmarks.md, 2026-12-07 session 19).
  static constexpr std::uint32_t kMaskBits = 1024;
  std::vector<std::pair<std::uint32_t, std::string_view>> phrases_;
  std::array<std::uint64_t, kMaskBits / 64> mask_{};
};

// True when the phrase / any phrase occurs in tokens; `at` (optional) receives the first index.
bool ContainsPhrase(const std::vector<Token>& tokens, std::string_view phrase,
                    std::size_t* at = nullptr);
bool ContainsAny(const std::vector<Token>& tokens, const PhraseSet& phrases,
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
