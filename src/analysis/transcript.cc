#include "analysis/transcript.h"

#include <cstdio>

namespace converza::analysis {

const char* SpeakerName(Speaker speaker) {
  return speaker == Speaker::kAgent ? "agent" : "customer";
}

std::string FormatClock(long ms) {
  if (ms < 0) ms = 0;
  long s = ms / 1000;
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace converza::analysis
