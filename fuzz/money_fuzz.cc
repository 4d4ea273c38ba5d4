// Money parsing ("$1,299.99", "forty nine dollars a month") on arbitrary text. Properties: no
// crash, amounts are non-negative, byte ranges lie inside the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analysis/money.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  for (const auto& m : converza::analysis::FindMoney(in)) {
    if (m.cents < 0 || m.begin > m.end || m.end > in.size()) std::abort();
    converza::analysis::FormatDollars(m.cents);
  }
  return 0;
}
