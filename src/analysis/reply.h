// How a customer answered a proposal ("would you like to add ...?", "shall I book it?"):
// accepted, declined, or not decided. Declines win over accepts ("yeah, no, I'll pass"), and
// deferrals ("let me think about it", "ask my wife") count as declines. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "analysis/tokens.h"

namespace converza::analysis {

enum class Reply { kUndecided, kAccept, kDecline };

// Classifies tokens[lo, hi) (the whole reply by default).
Reply ClassifyReply(const std::vector<Token>& tokens, std::size_t lo = 0,
                    std::size_t hi = static_cast<std::size_t>(-1));

// True for deferrals that are never a commitment: "I'll think about it", "send me a proposal",
// "let me ask my boss", "call me back next week".
bool IsDeferral(const std::vector<Token>& tokens, std::size_t lo = 0,
                std::size_t hi = static_cast<std::size_t>(-1));

}  // namespace converza::analysis
