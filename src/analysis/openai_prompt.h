// Pure functions for the OpenAI analyzer: the chat completion request (the product's definitions
// as a static system prompt, then the tenant's script checklist, then the redacted transcript
// with timestamps and speakers, a strict JSON schema as response_format) and the parsing of its
// response (usage, refusals, truncation, invalid JSON). The HTTP transport, retries and rate
// limiting live in pipeline/analyze_stage. Thread-safe.
//
// Cost: the system prompt starts with text that is identical for every call and every tenant, so
// OpenAI's prompt caching (automatic for prefixes of 1,024+ tokens, keyed further by
// `prompt_cache_key`) bills it at the cached rate; the tenant's checklist follows, then the call.
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
inline constexpr const char* kPromptVersion = "converza-insight-2026-12-v5";

struct ChatRequestOptions {
  std::string model = "gpt-4o";
  int max_completion_tokens = 1500;
  // The request's estimated prompt tokens (EstimateTokens) stay within this: the middle of a
  // long transcript is left out, with a marker saying what is missing. 0: no limit.
  long max_prompt_tokens = 0;
};

struct ChatRequest {
  std::string body;  // JSON for POST /v1/chat/completions
  long estimated_prompt_tokens = 0;
  bool trimmed = false;  // part of the transcript was left out to fit max_prompt_tokens
};

// An upper estimate of the tokens OpenAI's tokenizers make of `text`: one per 3 bytes (English
// averages about 4 bytes a token), so a prompt that fits by this count fits for real.
long EstimateTokens(std::string_view text);

// model, temperature 0, max_completion_tokens, prompt_cache_key, system + user messages, and
// response_format {type: json_schema, json_schema: {name: "call_insight", strict: true, schema}}.
// The turns must already be redacted; fillers are stripped here.
ChatRequest BuildChatCompletionRequest(const std::vector<Turn>& redacted_turns,
                                       const std::vector<ScriptItem>& script,
                                       const ChatRequestOptions& options);

// The same request plus the rejected answer and why, asking for a corrected answer (the one
// repair request, made only for an answer that cannot be used at all).
ChatRequest BuildRepairRequest(const std::vector<Turn>& redacted_turns,
                               const std::vector<ScriptItem>& script,
                               const ChatRequestOptions& options, std::string_view bad_content,
                               std::string_view error);

struct CompletionResult {
  Insight insight;  // talk metrics and redactions are not filled (the caller computes them)
  long prompt_tokens = 0;
  long cached_tokens = 0;  // the part of prompt_tokens served from the prompt cache
  long completion_tokens = 0;
  std::string finish_reason;  // stop | length | content_filter | ...
  std::string refusal;        // the model's refusal text, when it refused
  std::string content;        // the raw message content (for a repair request)
};

// Parses a chat completion response body. PermissionDenied: the model refused (`refusal` holds
// its text) or finish_reason is "content_filter". OutOfRange: finish_reason "length" (the answer
// was cut at max_completion_tokens). InvalidArgument: a body that is not a completion, or
// content InsightFromLlmJson cannot use (the message says why). Usage is reported through
// `usage_out` whatever the outcome (every answer is billed).
Result<CompletionResult> ParseChatCompletion(std::string_view body,
                                             const std::vector<ScriptItem>& script,
                                             int call_duration_ms = 0,
                                             CompletionResult* usage_out = nullptr);

}  // namespace converza::analysis
