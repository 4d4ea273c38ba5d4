// PII/PCI redaction on arbitrary text (first line: the preceding turns' context). Property: no
// crash, and every recorded span lies inside the redacted text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analysis/redaction.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto nl = in.find('\n');
  std::string_view context = nl == std::string_view::npos ? std::string_view() : in.substr(0, nl);
  std::string_view text = nl == std::string_view::npos ? in : in.substr(nl + 1);
  auto out = converza::analysis::RedactText(text, context);
  for (const auto& r : out.redactions) {
    if (r.start > r.end || r.end > out.text.size()) std::abort();
  }
  return 0;
}
