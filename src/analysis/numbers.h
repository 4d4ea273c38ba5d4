// Numbers as people say them on calls: spoken digits for card and phone numbers ("four one one
// one", "oh", "double five"), cardinals ("two hundred and forty nine", "a thousand") and numbers
// written in digits ("2,400", "2.4k"). Used by money extraction and redaction.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/tokens.h"

namespace converza::analysis {

// 0..9 for "zero", "oh", "o", "one" ... "nine"; nullopt otherwise.
std::optional<int> DigitWord(std::string_view word);

// 0..19 or a multiple of ten up to 90 for one number word ("seven", "forty"), else -1.
int NumberWordValue(std::string_view word);

// Value of a number token as written: "2,400" -> 2400, "1,299.99" -> 1299.99, "2.4k" -> 2400.
std::optional<double> NumberTokenValue(std::string_view text);

// A cardinal spelled in words starting at tokens[i] ("forty nine", "two hundred and fifty",
// "a thousand", "twelve"). `*next` receives the index after the last token used.
std::optional<double> ParseCardinal(const std::vector<Token>& tokens, std::size_t i,
                                    std::size_t* next);

// 0..99 spelled as one word or a "tens units" pair; used for the "twelve ninety-nine" price form.
std::optional<int> ParseUpTo99(const std::vector<Token>& tokens, std::size_t i, std::size_t* next);

// A quantity at tokens[i]: digits, a cardinal in words, "a"/"an"/"one", "both" (2), "couple" (2).
std::optional<double> ParseQuantity(const std::vector<Token>& tokens, std::size_t i,
                                    std::size_t* next);

}  // namespace converza::analysis
