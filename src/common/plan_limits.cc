#include "common/plan_limits.h"

#include <algorithm>
#include <charconv>

namespace converza {
namespace {

constexpr long long kMaxLimit = 1000000000;

// Adds the "plan=N" pairs of `spec` to `limits`.
Status ParseInto(std::string_view spec, std::map<std::string, long long, std::less<>>* limits) {
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    long long n = -1;
    if (eq != std::string_view::npos && eq > 0) {
      const std::string_view value = item.substr(eq + 1);
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || p != value.data() + value.size()) n = -1;
    }
    if (n < 0 || n > kMaxLimit) {
      return Status::InvalidArgument(
          "must be plan=N pairs separated by commas (N from 0 to " + std::to_string(kMaxLimit) +
          "; * = other plans), e.g. \"unpaid=1,growth=5,*=20\"; got \"" + std::string(item) + "\"");
    }
    (*limits)[std::string(item.substr(0, eq))] = n;
  }
  return Status::Ok();
}

}  // namespace

Result<PlanLimits> PlanLimits::Parse(std::string_view spec, std::string_view defaults) {
  PlanLimits out;
  if (Status st = ParseInto(defaults, &out.limits_); !st.ok()) return st;
  if (Status st = ParseInto(spec, &out.limits_); !st.ok()) return st;
  if (!out.limits_.contains("*")) {
    return Status::InvalidArgument("needs a * entry: the limit of plans not listed");
  }
  return out;
}

long long PlanLimits::For(std::string_view plan, long long plan_price_cents) const {
  auto it = limits_.find(plan);
  if (it == limits_.end()) it = limits_.find("*");
  long long limit = it != limits_.end() ? it->second : 0;  // default-constructed: nothing
  if (auto unpaid = limits_.find("unpaid"); plan_price_cents <= 0 && unpaid != limits_.end()) {
    limit = std::min(limit, unpaid->second);
  }
  return limit;
}

}  // namespace converza
