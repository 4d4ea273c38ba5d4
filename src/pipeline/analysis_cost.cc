#include "pipeline/analysis_cost.h"

#include <cmath>
#include <utility>

#include "pipeline/openai_analyzer.h"

namespace converza::pipeline {

AnalysisCost::AnalysisCost(const Config& config, Prices prices) : prices_(std::move(prices)) {
  const OpenAiOptions o = OpenAiOptions::FromConfig(config);
  openai_ = !o.api_key.empty();
  model_ = o.model;
  plan_models_ = o.plan_models;
  max_completion_tokens_ = o.max_completion_tokens;
  max_prompt_tokens_ = o.max_prompt_tokens;
  context_tokens_ = o.context_tokens;
}

AnalysisCost::Analyzer AnalysisCost::For(const std::string& plan) const {
  if (!openai_) return {"rules", ""};
  auto it = plan_models_.find(plan);
  return {"openai", it != plan_models_.end() ? it->second : model_};
}

AnalysisCost::PromptShape AnalysisCost::Prompt(
    const std::string& model, const std::vector<analysis::ScriptItem>& script) const {
  OpenAiOptions o;
  o.max_completion_tokens = max_completion_tokens_;
  o.max_prompt_tokens = max_prompt_tokens_;
  o.context_tokens = context_tokens_;
  // The request without a transcript is the fixed part; 30 lines without words, from both
  // speakers a few minutes in, tell what a line adds beyond its text (its time and speaker).
  constexpr int kLines = 30;
  const LlmRequest empty = PrepareLlmRequest(o, model, {}, script);
  std::vector<analysis::Turn> lines(kLines);
  for (int i = 0; i < kLines; ++i) {
    lines[i].speaker = i % 2 == 0 ? analysis::Speaker::kAgent : analysis::Speaker::kCustomer;
    lines[i].start_ms = 150'000 + 1000 * i;
    lines[i].end_ms = lines[i].start_ms + 900;
  }
  const LlmRequest blank = PrepareLlmRequest(o, model, lines, script);
  PromptShape shape;
  shape.fixed = empty.body.estimated_prompt_tokens;
  shape.line_bytes =
      3 * (blank.body.estimated_prompt_tokens - empty.body.estimated_prompt_tokens) / kLines;
  shape.max = empty.options.max_prompt_tokens > 0 ? empty.options.max_prompt_tokens : 0;
  return shape;
}

long AnalysisCost::CompletionTokens(double tenant_average) const {
  return tenant_average > 0 ? std::lround(tenant_average) : max_completion_tokens_;
}

long long AnalysisCost::Micros(const Analyzer& analyzer, long long prompt_tokens,
                               long long completion_tokens) const {
  if (analyzer.kind != "openai") return 0;
  return prices_.OpenAiMicros(analyzer.model, static_cast<long>(prompt_tokens),
                              static_cast<long>(completion_tokens));
}

}  // namespace converza::pipeline
