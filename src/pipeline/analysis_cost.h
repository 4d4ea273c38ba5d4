// AnalysisCost: what analysing calls would cost with the analyzer `converza work` runs (OPENAI_*:
// no key is the rules analyzer, which costs nothing), priced with the provider price table. It is
// the estimate a manager sees before re-analysing a date range (api/reanalysis.cc).
//
// A call's prompt is counted as the analyze stage builds it (analysis::BuildChatCompletionRequest
// through PrepareLlmRequest): the fixed part for the tenant's script (system prompt, schema,
// headers), plus each transcript line at analysis::EstimateTokens' rate, capped at the prompt
// budget. Its transcript is summed in SQL, so the estimate never loads transcripts. The answer is
// the tenant's recent average of completion tokens when it has one, else the completion limit.
// Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/script.h"
#include "common/config.h"
#include "pipeline/prices.h"

namespace converza::pipeline {

class AnalysisCost {
 public:
  AnalysisCost(const Config& config, Prices prices);

  struct Analyzer {
    std::string kind;   // "openai" | "rules"
    std::string model;  // the model a tenant on this plan is analysed with; "" for rules
  };
  [[nodiscard]] Analyzer For(const std::string& plan) const;

  // The prompt of one call to `model` with `script`, in tokens: `fixed` plus, per transcript
  // line, (its text's bytes + line_bytes) / 3, at most `max`.
  struct PromptShape {
    long fixed = 0;
    long line_bytes = 0;
    long max = 0;
  };
  [[nodiscard]] PromptShape Prompt(const std::string& model,
                                   const std::vector<analysis::ScriptItem>& script) const;

  // The completion tokens to count per call: the tenant's average when known (> 0), else the
  // configured limit (an upper estimate).
  [[nodiscard]] long CompletionTokens(double tenant_average) const;

  // Micro-dollars for `model`; 0 for the rules analyzer (kind "rules").
  [[nodiscard]] long long Micros(const Analyzer& analyzer, long long prompt_tokens,
                                 long long completion_tokens) const;

 private:
  bool openai_;
  std::string model_;
  std::map<std::string, std::string> plan_models_;
  int max_completion_tokens_;
  long max_prompt_tokens_;
  long context_tokens_;
  Prices prices_;
};

}  // namespace converza::pipeline
