#include "api/dial_checks.h"

namespace converza::api {
namespace {

constexpr std::string_view kActiveNumbers =
    "select e164 from public.phone_numbers where tenant_id = $1::uuid and status = 'active'";

}  // namespace

std::vector<std::string> ActiveNumbers(db::Transaction& tx, const std::string& tenant_id) {
  auto rows = tx.exec(kActiveNumbers, {tenant_id});
  std::vector<std::string> numbers;
  for (int i = 0; i < rows.size(); ++i) numbers.emplace_back(rows.get(i, 0));
  return numbers;
}

std::optional<std::string> RefusedDestination(const ApiContext& ctx, db::Transaction& tx,
                                              const std::string& tenant_id,
                                              const std::string& e164) {
  Status st = ctx.dial_policy.Check(e164, ActiveNumbers(tx, tenant_id));
  if (st.ok()) return std::nullopt;
  return st.message();
}

}  // namespace converza::api
