// Transcript cleanup on arbitrary segments: input bytes become segments (speaker, timings, text
// split on '\n'). Properties: no crash; turns are ordered by start time.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analysis/transcript_cleanup.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<converza::analysis::Segment> segments;
  int t = 0;
  while (!in.empty() && segments.size() < 64) {
    auto nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    converza::analysis::Segment s;
    unsigned char h = line.empty() ? 0 : static_cast<unsigned char>(line[0]);
    s.speaker =
        (h & 1) ? converza::analysis::Speaker::kCustomer : converza::analysis::Speaker::kAgent;
    t += (h >> 1) * 37;
    s.start_ms = t;
    s.end_ms = t + static_cast<int>(line.size()) * 50;
    s.text = std::string(line.empty() ? line : line.substr(1));
    segments.push_back(std::move(s));
  }
  auto turns = converza::analysis::CleanTranscript(segments);
  for (std::size_t i = 1; i < turns.size(); ++i) {
    if (turns[i].start_ms < turns[i - 1].start_ms) std::abort();
  }
  converza::analysis::StripFillers(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
