#include "twilio/sandbox/byte_range.h"

#include <charconv>

#include "common/strings.h"

namespace converza::twilio::sandbox {
namespace {

bool ParseNumber(std::string_view s, std::size_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

RangeResult ParseByteRange(std::string_view header, std::size_t size, ByteRange* out) {
  header = Trim(header);
  constexpr std::string_view kPrefix = "bytes=";
  if (header.substr(0, kPrefix.size()) != kPrefix) return RangeResult::kNone;
  std::string_view spec = Trim(header.substr(kPrefix.size()));
  if (spec.find(',') != std::string_view::npos) return RangeResult::kNone;  // multi-range: ignore
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeResult::kNone;
  std::string_view a = Trim(spec.substr(0, dash)), b = Trim(spec.substr(dash + 1));
  std::size_t first = 0, last = 0;
  if (a.empty()) {  // suffix range: the last N bytes
    std::size_t n = 0;
    if (!ParseNumber(b, &n)) return RangeResult::kNone;
    if (n == 0 || size == 0) return RangeResult::kUnsatisfiable;
    first = n >= size ? 0 : size - n;
    last = size - 1;
  } else {
    if (!ParseNumber(a, &first)) return RangeResult::kNone;
    if (b.empty()) {
      last = size == 0 ? 0 : size - 1;
    } else if (!ParseNumber(b, &last) || last < first) {
      return RangeResult::kNone;
    }
    if (first >= size) return RangeResult::kUnsatisfiable;
    if (last >= size) last = size - 1;
  }
  *out = {first, last};
  return RangeResult::kSatisfiable;
}

}  // namespace converza::twilio::sandbox
