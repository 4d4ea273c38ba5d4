// HTTP byte ranges (RFC 9110 §14) for recording downloads: the dashboard's audio player seeks
// with `Range: bytes=a-b`, and Twilio's media endpoints honour it, so the sandbox does too.
// Only a single range is supported (multipart/byteranges is not needed by any client we have).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace converza::twilio::sandbox {

struct ByteRange {
  std::size_t first = 0, last = 0;  // inclusive
};

enum class RangeResult { kNone, kSatisfiable, kUnsatisfiable };

// Parses `header` ("bytes=0-99", "bytes=100-", "bytes=-500") against a resource of `size`
// bytes. kNone: no header or a form we ignore (serve the whole body, as RFC 9110 allows).
RangeResult ParseByteRange(std::string_view header, std::size_t size, ByteRange* out);

}  // namespace converza::twilio::sandbox
