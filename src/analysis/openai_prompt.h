// Pure functions for the OpenAI analyzer: the chat completion request (system prompt with the
// product's definitions, the redacted transcript with timestamps and speakers, a strict JSON
// schema as response_format) and the parsing of its response (refusals, truncation, invalid JSON
// and schema violations become Status values). The HTTP transport, retries and rate limiting live
// elsewhere. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/insight.h"
#include "analysis/script.h"
#include "analysis/transcript.h"
#include "common/status.h"

namespace converza::analysis {

// Stored with each insight; bump it whenever the prompt or the schema changes.
inline constexpr const char* kPromptVersion = "converza-insight-2024-06-v1";

// The JSON body for POST /v1/chat/completions: model, temperature 0, system + user messages, and
// response_format {type: json_schema, json_schema: {name: "call_insight", strict: true, schema}}.
// The turns must already be redacted; fillers are stripped here.
std::string BuildChatCompletionRequest(const std::vector<Turn>& redacted_turns,
                                       const std::vector<ScriptItem>& script,
                                       const std::string& model);

// The same request plus the rejected answer and the validation error, asking for a corrected
// answer (the caller's one repair retry).
std::string BuildRepairRequest(const std::vector<Turn>& redacted_turns,
                               const std::vector<ScriptItem>& script, const std::string& model,
                               std::string_view bad_content, std::string_view error);

struct CompletionResult {
  Insight insight;  // talk metrics and redactions are not filled (the caller computes them)
  long prompt_tokens = 0;
  long completion_tokens = 0;
  std::string content;  // the raw message content (for a repair request)
};

// Parses a chat completion response body. PermissionDenied: the model refused (the refusal text)
// or finish_reason "content_filter". InvalidArgument: finish_reason "length" (truncated), a body
// that is not a completion, or content that fails InsightFromLlmJson (the message says which).
// Usage tokens are reported through `usage_out` even when the insight is invalid (they are billed).
Result<CompletionResult> ParseChatCompletion(std::string_view body,
                                             const std::vector<ScriptItem>& script,
                                             CompletionResult* usage_out = nullptr);

}  // namespace converza::analysis
