// The offline input format of `converza analyze` / `converza eval`
// (docs/architecture.md#offline-analysis-input):
// one JSON object per line, {"id": "...", "turns": [{"speaker": "agent"|"customer",
// "start": 0.0, "end": 3.2, "text": "..."}], "labels": {...}} with times in seconds. The
// optional `labels` object carries the expected answers for evaluation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/transcript.h"
#include "common/status.h"

namespace converza::analysis {

struct CallLabels {
  std::optional<bool> converted;
  std::optional<long long> upsell_cents;
  std::optional<std::string> sentiment;  // positive | neutral | negative
  std::map<std::string, bool> script;    // item key -> expected met
};

struct CallInput {
  std::string id;
  std::vector<Segment> segments;
  std::optional<CallLabels> labels;
};

// Parses one line; InvalidArgument names the offending field ("turns[3].speaker: ...").
Result<CallInput> ParseCallLine(std::string_view line);

}  // namespace converza::analysis
