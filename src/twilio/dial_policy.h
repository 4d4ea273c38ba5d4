// DialPolicy: which phone numbers a tenant's calls may be forwarded to (its agents' phones), on
// the platform's Twilio account and so at the platform's expense. A number is dialled only when
// it rings in an allowed country and is not in a premium-rate or international-network range
// (twilio/destinations.h). The allowed countries are AGENT_DIAL_COUNTRIES when it is set, the
// same for every tenant; otherwise each tenant's own country: the countries of its active
// numbers, and the home country (US) while it has none — the onboarding's number search offers
// US local numbers only, so that is where a new tenant's numbers will be.
//
// Checked where agents' phones are written (the agents API) and again when dialling (the voice
// webhook), so rows written before the rule, or by other means, are never dialled either.
// Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace converza::twilio {

inline constexpr std::string_view kHomeCountry = "US";

class DialPolicy {
 public:
  DialPolicy() = default;  // each tenant its own country
  // `countries`: ISO 3166-1 alpha-2 codes (AGENT_DIAL_COUNTRIES); empty: each tenant's own.
  explicit DialPolicy(std::vector<std::string> countries);

  // The countries a tenant whose active numbers are `tenant_numbers` may dial; sorted, unique.
  [[nodiscard]] std::vector<std::string> CountriesFor(
      const std::vector<std::string>& tenant_numbers) const;

  // Ok when `e164` may be dialled for that tenant; else InvalidArgument with a sentence saying
  // why, naming the number and the allowed countries.
  Status Check(std::string_view e164, const std::vector<std::string>& tenant_numbers) const;

 private:
  std::vector<std::string> countries_;
};

}  // namespace converza::twilio
