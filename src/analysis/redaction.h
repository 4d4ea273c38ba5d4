// PII/PCI redaction, applied to cleaned turns before a transcript is stored for display or sent
// to any LLM. Detected spans are replaced by placeholders ("[card number]", "[cvv]", "[expiry]",
// "[ssn]", "[email]", "[phone]", "[address]") and recorded so the UI can show what was removed.
//
// Detection (written digits and spoken digits alike: "four one one one", "oh", "double five"):
//  - card numbers: 13-19 digits that pass the Luhn check;
//  - CVV and expiry: only near a card context (card words or a card number in this turn or the
//    two before) and after a cue ("security code", "expires") in this turn or the one before;
//  - SSN: 3-2-4 digit groups, or 9 digits (or "last four") after "social"/"SSN";
//  - phone numbers: 3-3-4 groups (optionally with a leading 1), or 10-11 spoken digits after a
//    phone cue; never after an id cue ("order", "SKU", "confirmation", "account" ... number);
//  - emails, written or spoken ("jane dot doe at gmail dot com");
//  - street addresses: "<number> <name words> <street suffix>" (optionally "apt 4").
// Prices ("$1,299.99"), dates, times, quantities and order numbers are left alone.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/tokens.h"
#include "analysis/transcript.h"

namespace converza::analysis {

struct RedactedText {
  std::string text;
  std::vector<Redaction> redactions;  // offsets into `text`
};

// Redacts one string. `context` is the (already redacted) text of the preceding turns: it decides
// whether a card context or a request for a security code / expiry / SSN / phone number is open.
RedactedText RedactText(std::string_view text, std::string_view context = {});

// Redacts every turn in place (each turn sees the two turns before it as context) and fills
// Turn::redactions. `tokens_out` (optional) receives Tokenize() of every redacted turn, so the
// analyzer does not tokenize the call twice.
void RedactTurns(std::vector<Turn>& turns, std::vector<std::vector<Token>>* tokens_out = nullptr);

// Luhn checksum over a string of digits.
bool LuhnValid(std::string_view digits);

}  // namespace converza::analysis
