// Money amounts in call transcripts, written or spoken: "$2,400", "2.4k", "$1,299.99",
// "forty nine dollars", "twelve ninety-nine" (= $12.99), "$15 a month", "50 more per night".
// Each mention carries what the upsell rules need: recurring or per-unit rate, discount, "more".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/tokens.h"

namespace converza::analysis {

struct MoneyMention {
  long long cents = 0;
  std::size_t first = 0, last = 0;  // token range [first, last) of the amount and its rate words
  std::size_t begin = 0, end = 0;   // byte range in the source text
  bool recurring = false;           // "a month", "/mo", "per year", "monthly": counts once
  std::string unit;                 // per-unit price ("night", "seat", "tire"); empty when none
  bool discount = false;            // "$15 off", "save $20", "a $10 credit": never upsell
  bool more = false;                // "$10 more", "an extra $10", "additional $5"
  // A spoken pair reads two ways: "one forty nine" is $1.49 as written but $149 on a call, and
  // "fourteen fifty" is $14.50 or, after a $1,450 quote, $1,450. `cents` is the likelier reading
  // (money.cc), this the other, for grounding to accept an LLM's. 0 for any other form.
  long long other_cents = 0;
};

// All money mentions in order. Bare numbers count only with a money cue ("dollars", "bucks",
// "more", a rate such as "a month"), or after a price cue ("for", "just", "only", "costs") for the
// "twelve ninety-nine" form; times ("at twelve thirty"), dates, quantities and ids are skipped.
std::vector<MoneyMention> FindMoney(const std::vector<Token>& tokens);
std::vector<MoneyMention> FindMoney(std::string_view text);

// "$12.99", "$2,400", "$15" for summaries.
std::string FormatDollars(long long cents);

}  // namespace converza::analysis
