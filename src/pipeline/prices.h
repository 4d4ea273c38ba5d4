// Prices: what each provider unit costs us, in micro-dollars (USD / 1e6), for usage_events and
// the admins' margin view. Defaults are the published list prices below (with their sources);
// every one can be overridden by an environment variable named PRICE_<UNIT> in USD, because
// list prices change and negotiated rates differ. Immutable after construction; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/status.h"

namespace converza::pipeline {

// Twilio's list price of a US local phone number: $1.15 a month
// (https://www.twilio.com/en-us/voice/pricing/us, "Local numbers", collected 2026-12). The default
// of `twilio.number_month`, and what a bought number is recorded at
// (phone_numbers.monthly_price_cents) and shown for before it is bought.
inline constexpr long long kTwilioLocalNumberMonthMicros = 1'150'000;
inline constexpr int kTwilioLocalNumberMonthCents =
    static_cast<int>(kTwilioLocalNumberMonthMicros / 10'000);

class Prices {
 public:
  // Reads overrides via `getenv` (PRICE_TWILIO_INBOUND_MINUTE=0.0085 ...).
  static Result<Prices> Load(
      const std::function<std::optional<std::string>(const std::string&)>& getenv);
  static Prices Defaults();

  // Micro-dollars per unit for `key`, e.g. "twilio.recording_minute"; 0 for unknown keys.
  [[nodiscard]] long long micros(const std::string& key) const;
  // OpenAI cost of one completion for `model`: cached prompt tokens (a part of prompt_tokens)
  // at the cached-input rate. Dated snapshots are priced as their model; unknown models as gpt-4o.
  [[nodiscard]] long long OpenAiMicros(const std::string& model, long prompt_tokens,
                                       long completion_tokens, long cached_tokens = 0) const;
  // The priced model `model` is billed as ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini").
  [[nodiscard]] std::string OpenAiPriceModel(const std::string& model) const;
  [[nodiscard]] const std::map<std::string, long long>& table() const { return table_; }

 private:
  std::map<std::string, long long> table_;
};

}  // namespace converza::pipeline
