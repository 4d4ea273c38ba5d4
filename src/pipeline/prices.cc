#include "pipeline/prices.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace converza::pipeline {

Prices Prices::Defaults() {
  Prices p;
  p.table_ = {
      // Twilio US list prices (https://www.twilio.com/en-us/voice/pricing/us, collected 2026-11;
      // docs/architecture.md#twilio-prices): inbound local voice $0.0085/min and the <Dial>ed
      // outbound leg $0.013/min (Twilio support article 223183328); recording $0.0025/min
      // (Recording resource example "price": "-0.00250"); local number: see
      // kTwilioLocalNumberMonthMicros. Voice Intelligence transcription has no verified public list
      // price; $0.005/min
      // is our planning estimate — override it with PRICE_TWILIO_TRANSCRIPTION_MINUTE once the
      // invoice shows the real rate.
      {"twilio.inbound_minute", 8500},
      {"twilio.outbound_minute", 13000},
      {"twilio.recording_minute", 2500},
      {"twilio.transcription_minute", 5000},
      {"twilio.number_month", kTwilioLocalNumberMonthMicros},
      // OpenAI per 1M tokens (https://openai.com/api/pricing): gpt-4o $2.50 in,
      // $1.25 cached in, $10.00 out; gpt-4o-mini $0.15 in, $0.075 cached in, $0.60 out.
      {"openai.gpt-4o.input_1m", 2500000},
      {"openai.gpt-4o.cached_input_1m", 1250000},
      {"openai.gpt-4o.output_1m", 10000000},
      {"openai.gpt-4o-mini.input_1m", 150000},
      {"openai.gpt-4o-mini.cached_input_1m", 75000},
      {"openai.gpt-4o-mini.output_1m", 600000},
      // OpenAI whisper-1 transcription: $0.006 per minute of audio (openai.com/api/pricing).
      {"openai.transcription_minute", 6000},
  };
  return p;
}

Result<Prices> Prices::Load(
    const std::function<std::optional<std::string>(const std::string&)>& getenv) {
  Prices p = Defaults();
  for (auto& [key, micros] : p.table_) {
    std::string name = "PRICE_" + key;
    for (auto& c : name) {
      c = (c == '.' || c == '-') ? '_'
                                 : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    auto v = getenv(name);
    if (!v || v->empty()) continue;
    char* end = nullptr;
    double usd = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || usd < 0 || !std::isfinite(usd)) {
      return Status::InvalidArgument(name + " must be a non-negative price in USD, got \"" + *v +
                                     "\"");
    }
    micros = std::llround(usd * 1e6);
  }
  return p;
}

long long Prices::micros(const std::string& key) const {
  auto it = table_.find(key);
  return it == table_.end() ? 0 : it->second;
}

std::string Prices::OpenAiPriceModel(const std::string& model) const {
  // The longest priced model that `model` is or is a dated snapshot of ("gpt-4o-mini-2024-07-18"
  // is gpt-4o-mini, not gpt-4o).
  std::string best = "gpt-4o";
  std::size_t best_len = 0;
  for (const auto& [key, micros] : table_) {
    const std::string prefix = "openai.", suffix = ".input_1m";
    if (key.rfind(prefix, 0) != 0 || key.size() <= prefix.size() + suffix.size() ||
        key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    std::string m = key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
    bool match = model == m || (model.rfind(m + "-", 0) == 0);
    if (match && m.size() > best_len) {
      best = m;
      best_len = m.size();
    }
  }
  return best;
}

long long Prices::OpenAiMicros(const std::string& model, long prompt_tokens, long completion_tokens,
                               long cached_tokens) const {
  const std::string base = "openai." + OpenAiPriceModel(model);
  const double in = static_cast<double>(micros(base + ".input_1m"));
  const double cached = static_cast<double>(table_.count(base + ".cached_input_1m")
                                                ? micros(base + ".cached_input_1m")
                                                : micros(base + ".input_1m"));
  const double out = static_cast<double>(micros(base + ".output_1m"));
  cached_tokens = std::clamp(cached_tokens, 0L, prompt_tokens);
  // Cost = (prompt - cached) * in + cached * cached_in + completion * out, per 1M tokens
  // (docs/architecture.md#openai-prices).
  return std::llround((static_cast<double>(prompt_tokens - cached_tokens) * in +
                       static_cast<double>(cached_tokens) * cached +
                       static_cast<double>(completion_tokens) * out) /
                      1e6);
}

}  // namespace converza::pipeline
