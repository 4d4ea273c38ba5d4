#include "http/byte_range.h"

#include <algorithm>
#include <charconv>

#include "common/strings.h"

namespace converza::http {
namespace {

// A whole decimal number: digits only, no sign, no overflow.
std::optional<std::uint64_t> Number(std::string_view s) {
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

std::optional<RangeRequest> ParseRange(std::string_view header) {
  header = Trim(header);
  constexpr std::string_view kPrefix = "bytes=";
  if (header.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const std::string_view spec = Trim(header.substr(kPrefix.size()));
  const auto dash = spec.find('-');
  if (spec.find(',') != std::string_view::npos || dash == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view a = Trim(spec.substr(0, dash)), b = Trim(spec.substr(dash + 1));
  RangeRequest r;
  if (a.empty()) {
    r.suffix = Number(b);
    if (!r.suffix) return std::nullopt;
    return r;
  }
  auto first = Number(a);
  if (!first) return std::nullopt;
  r.first = *first;
  if (!b.empty()) {
    r.last = Number(b);
    if (!r.last || *r.last < r.first) return std::nullopt;
  }
  return r;
}

std::optional<ByteRange> RangeRequest::Resolve(std::uint64_t size) const {
  if (suffix) {
    if (*suffix == 0 || size == 0) return std::nullopt;
    return ByteRange{*suffix >= size ? 0 : size - *suffix, size - 1};
  }
  if (first >= size) return std::nullopt;
  return ByteRange{first, last ? std::min(*last, size - 1) : size - 1};
}

std::string RangeRequest::ToString() const {
  if (suffix) return "bytes=-" + std::to_string(*suffix);
  return "bytes=" + std::to_string(first) + "-" + (last ? std::to_string(*last) : "");
}

std::optional<ContentRange> ParseContentRange(std::string_view value) {
  value = Trim(value);
  constexpr std::string_view kPrefix = "bytes ";
  const auto slash = value.find('/');
  if (value.substr(0, kPrefix.size()) != kPrefix || slash == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view range = value.substr(kPrefix.size(), slash - kPrefix.size());
  auto length = Number(value.substr(slash + 1));
  if (!length) return std::nullopt;
  ContentRange out;
  out.length = *length;
  if (range == "*") return out;
  const auto dash = range.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto first = Number(range.substr(0, dash)), last = Number(range.substr(dash + 1));
  if (!first || !last || *last < *first) return std::nullopt;
  out.range = ByteRange{*first, *last};
  return out;
}

std::string ContentRange::ToString() const {
  const std::string of = "/" + std::to_string(length);
  if (!range) return "bytes *" + of;
  return "bytes " + std::to_string(range->first) + "-" + std::to_string(range->last) + of;
}

}  // namespace converza::http
