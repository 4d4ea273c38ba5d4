// Test helper: a call written as lines "A: ..." (agent) / "C: ..." (customer), three seconds
// apart, as turns and as the tokenized turns the rules read.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "analysis/tokens.h"
#include "analysis/transcript.h"

namespace converza::analysis {

inline std::vector<Turn> Call(std::initializer_list<const char*> lines) {
  std::vector<Turn> turns;
  int t = 0;
  for (const char* l : lines) {
    std::string s(l);
    Turn turn;
    turn.speaker = s[0] == 'A' ? Speaker::kAgent : Speaker::kCustomer;
    turn.text = s.substr(3);
    turn.start_ms = t;
    turn.end_ms = t + 2500;
    t += 3000;
    turns.push_back(std::move(turn));
  }
  return turns;
}

// The turns and their tokens; `tokens` points into `turns` (moving keeps that valid, copying
// would not).
struct TokenizedCall {
  explicit TokenizedCall(std::initializer_list<const char*> lines)
      : turns(Call(lines)), tokens(TokenizeTurns(turns)) {}
  TokenizedCall(const TokenizedCall&) = delete;
  TokenizedCall& operator=(const TokenizedCall&) = delete;

  std::vector<Turn> turns;
  std::vector<TokenizedTurn> tokens;
};

}  // namespace converza::analysis
