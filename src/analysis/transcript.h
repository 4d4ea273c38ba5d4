// The transcript types every analysis step passes along: raw transcription segments in, cleaned
// and redacted turns out. Plain values, no invariants beyond what the fields say; safe to copy
// between threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace converza::analysis {

enum class Speaker { kAgent, kCustomer };

// "agent" / "customer": the spelling used in JSON everywhere (input files, insights, prompts).
const char* SpeakerName(Speaker speaker);

// One piece of raw transcription output (a sentence or fragment from one channel).
struct Segment {
  Speaker speaker = Speaker::kAgent;
  int start_ms = 0;
  int end_ms = 0;
  std::string text;
  double confidence = 1.0;
};

// One redacted span: `kind` is card_number, cvv, expiry, ssn, email, phone or address; `start` and
// `end` are byte offsets into the REDACTED text, covering the placeholder (e.g. "[card number]").
struct Redaction {
  std::string kind;
  std::size_t start = 0;
  std::size_t end = 0;
};

// One speaker's uninterrupted contribution after cleanup; `redactions` is filled by RedactTurns.
struct Turn {
  Speaker speaker = Speaker::kAgent;
  int start_ms = 0;
  int end_ms = 0;
  std::string text;
  std::vector<Redaction> redactions;
  double confidence = 1.0;  // the lowest transcription confidence among its merged segments
};

// "mm:ss" (or "h:mm:ss" past an hour) for coaching notes and prompts.
std::string FormatClock(long ms);

}  // namespace converza::analysis
