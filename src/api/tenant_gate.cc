#include "api/tenant_gate.h"

namespace converza::api {

TenantGate::TenantGate(int per_tenant, std::string what)
    : per_tenant_(per_tenant), what_(std::move(what)) {}

std::optional<TenantGate::Pass> TenantGate::Enter(const std::string& tenant,
                                                  http::Response* refused) {
  {
    std::lock_guard lock(mu_);
    int& n = in_flight_[tenant];
    if (n >= per_tenant_) {
      *refused =
          http::Response::Error(429, "rate_limited",
                                "too many " + what_ + " at once for this organisation (at most " +
                                    std::to_string(per_tenant_) + "); retry shortly");
      refused->set_header("Retry-After", "1");
      return std::nullopt;
    }
    ++n;
  }
  // The deleter runs where the last copy of the pass goes (possibly another thread).
  return Pass(static_cast<void*>(this), [this, tenant](void*) { Leave(tenant); });
}

void TenantGate::Leave(const std::string& tenant) {
  std::lock_guard lock(mu_);
  auto it = in_flight_.find(tenant);
  if (it != in_flight_.end() && --it->second <= 0) in_flight_.erase(it);
}

int TenantGate::in_flight(const std::string& tenant) const {
  std::lock_guard lock(mu_);
  auto it = in_flight_.find(tenant);
  return it == in_flight_.end() ? 0 : it->second;
}

}  // namespace converza::api
