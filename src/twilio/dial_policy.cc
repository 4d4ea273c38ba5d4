#include "twilio/dial_policy.h"

#include <algorithm>

#include "twilio/destinations.h"

namespace converza::twilio {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

DialPolicy::DialPolicy(std::vector<std::string> countries) : countries_(std::move(countries)) {
  std::sort(countries_.begin(), countries_.end());
  countries_.erase(std::unique(countries_.begin(), countries_.end()), countries_.end());
}

std::vector<std::string> DialPolicy::CountriesFor(
    const std::vector<std::string>& tenant_numbers) const {
  if (!countries_.empty()) return countries_;
  std::vector<std::string> own;
  for (const auto& n : tenant_numbers) {
    if (auto country = CountryOf(n); !country.empty()) own.emplace_back(country);
  }
  if (own.empty()) own.emplace_back(kHomeCountry);
  std::sort(own.begin(), own.end());
  own.erase(std::unique(own.begin(), own.end()), own.end());
  return own;
}

Status DialPolicy::Check(std::string_view e164,
                         const std::vector<std::string>& tenant_numbers) const {
  const std::string number(e164);
  if (IsPremiumRange(e164)) {
    return Status::InvalidArgument(
        number + " is in a premium-rate or international-network range, which is never dialled");
  }
  const auto allowed = CountriesFor(tenant_numbers);
  const std::string_view country = CountryOf(e164);
  if (country.empty()) {
    return Status::InvalidArgument(number + " is not a number of any country; calls are " +
                                   "forwarded only to numbers in " + Join(allowed));
  }
  if (!std::binary_search(allowed.begin(), allowed.end(), std::string(country))) {
    return Status::InvalidArgument(number + " rings in " + std::string(country) +
                                   "; calls are forwarded only to numbers in " + Join(allowed));
  }
  return Status::Ok();
}

}  // namespace converza::twilio
