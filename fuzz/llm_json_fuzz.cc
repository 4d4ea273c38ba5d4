// The LLM's reply is untrusted text: parsing a chat completion, or the insight JSON inside it,
// must reject anything unusable with a Status and keep only in-range values of the rest.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analysis/insight.h"
#include "analysis/openai_prompt.h"
#include "analysis/script.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto script = converza::analysis::DefaultScript();
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)converza::analysis::ParseChatCompletion(in, script);
  auto insight = converza::analysis::InsightFromLlmJson(in, script);
  if (insight.ok()) {
    if (insight->ai_score < -1 || insight->ai_score > 100) std::abort();  // -1: dropped
    if (insight->sentiment.score < -1 || insight->sentiment.score > 1) std::abort();
    if (insight->upsell_cents < 0) std::abort();
    long long sum = 0;
    for (const auto& u : insight->upsell_items) sum += u.cents;
    if (sum != insight->upsell_cents || insight->coaching.size() > 3) std::abort();
    if (insight->summary.find('\0') != std::string::npos) std::abort();
    converza::analysis::InsightToJson(*insight);
  }
  return 0;
}
