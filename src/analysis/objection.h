// Objection detection for the rules analyzer: why a customer did not buy, in one of a few kinds a
// manager can coach against, with the customer's own words and where they were said. The last
// objection in the call wins (the one the call ended on); an objection the agent later overcame
// is still reported, and the insight's `converted` says how the call ended. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/tokens.h"

namespace converza::analysis {

// The kinds, as stored in insights.objection->>'kind' and offered to the LLM:
//   price           "too expensive", "out of my budget"
//   decision_maker  "I need to ask my wife", "run it by my boss"
//   competitor      "X quoted me less", "I'm staying with my current provider"
//   just_looking    "just looking", "only getting quotes"
//   timing          "not a good time", "maybe next month"
//   undecided       "I'll think about it", "let me sleep on it"
inline constexpr std::string_view kObjectionKinds[] = {
    "price", "decision_maker", "competitor", "just_looking", "timing", "undecided"};

bool IsObjectionKind(std::string_view kind);

struct Objection {
  std::string kind;   // one of kObjectionKinds; empty when the customer raised none
  std::string quote;  // the customer's turn that raised it, verbatim
  int at_ms = -1;     // that turn's start
};

// The kind of objection these words raise ("" for none).
std::string_view ObjectionKindIn(const std::vector<Token>& tokens);

// The customer's last objection, or an empty Objection.
Objection DetectObjection(const std::vector<TokenizedTurn>& turns);

}  // namespace converza::analysis
