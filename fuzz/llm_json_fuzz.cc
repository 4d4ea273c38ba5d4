// The LLM's reply is untrusted text: parsing a chat completion, or the insight JSON inside it,
// must reject anything malformed with a Status and accept only in-range values.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analysis/insight.h"
#include "analysis/openai_prompt.h"
#include "analysis/script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto script = converza::analysis::DefaultScript();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  converza::analysis::ParseChatCompletion(in, script);
  auto insight = converza::analysis::InsightFromLlmJson(in, script);
  if (insight.ok()) {
    if (insight->ai_score < 0 || insight->ai_score > 100) std::abort();
    if (insight->sentiment.score < -1 || insight->sentiment.score > 1) std::abort();
    if (insight->upsell_cents < 0) std::abort();
    converza::analysis::InsightToJson(*insight);
  }
  return 0;
}
