// PlanLimits: a number per tenant plan, read from configuration as "plan=N" pairs, e.g.
// NUMBER_QUOTAS="unpaid=1,starter=1,growth=5,*=20". `*` is every plan not listed. `unpaid`
// caps a tenant that pays nothing (tenants.plan_price_cents = 0: a self-registered organisation
// before anyone bills it) whatever its plan says, so signing up alone never unlocks a paid
// plan's allowance. Limits what a tenant may spend on the platform's accounts (numbers bought,
// minutes dialled). Immutable after parsing; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace converza {

class PlanLimits {
 public:
  // Parses `defaults`, then `spec` over it: an entry of `spec` replaces the default of the same
  // plan. Values are whole numbers from 0 to 1e9; the result must have a `*` entry.
  static Result<PlanLimits> Parse(std::string_view spec, std::string_view defaults = "");

  // The limit of a tenant on `plan` that pays `plan_price_cents` a month (0 for every tenant when
  // default-constructed: what was never configured allows nothing).
  [[nodiscard]] long long For(std::string_view plan, long long plan_price_cents) const;

 private:
  std::map<std::string, long long, std::less<>> limits_;
};

}  // namespace converza
