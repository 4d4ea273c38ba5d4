// Form/URL decoding (webhook bodies, query strings). Property: whatever ParseForm accepts
// survives FormEncode -> ParseForm unchanged, and PercentDecode agrees with it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!converza::http::ParseForm(in, &pairs)) return 0;
  std::vector<std::pair<std::string, std::string>> again;
  if (!converza::http::ParseForm(converza::http::FormEncode(pairs), &again) || again != pairs) {
    std::abort();
  }
  std::string decoded;
  converza::http::PercentDecode(in, &decoded, /*form=*/true);
  return 0;
}
