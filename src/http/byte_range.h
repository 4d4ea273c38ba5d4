// HTTP byte ranges (RFC 9110 §14): the one parser of `Range` request headers and of
// `Content-Range` answers. Recordings are read in ranges everywhere: the dashboard's player
// seeks with `Range: bytes=a-b` through our recording proxy, the transcribe stage downloads the
// media in pieces, and the sandbox answers them as Twilio's media server does. Only a single
// range is understood (no client of ours asks for multipart/byteranges); a header we do not
// understand is ignored, which RFC 9110 allows (the whole resource is the answer). Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace converza::http {

// Inclusive byte positions.
struct ByteRange {
  std::uint64_t first = 0, last = 0;
};

// A Range header's one range as the client asked for it, before the resource's size is known:
// "bytes=first-last", "bytes=first-" (to the end) or "bytes=-suffix" (the last `suffix` bytes).
struct RangeRequest {
  std::uint64_t first = 0;              // unused for a suffix range
  std::optional<std::uint64_t> last;    // inclusive; nullopt: to the end
  std::optional<std::uint64_t> suffix;  // set for a suffix range

  // The range within a resource of `size` bytes; nullopt when it is not satisfiable (416):
  // it starts at or after the end, or asks for the last 0 bytes.
  [[nodiscard]] std::optional<ByteRange> Resolve(std::uint64_t size) const;
  // As a Range header value, e.g. "bytes=0-99".
  [[nodiscard]] std::string ToString() const;
};

// The header's range; nullopt for no header, several ranges, another unit, or a malformed or
// backwards ("bytes=9-3") range: all of them are ignored.
std::optional<RangeRequest> ParseRange(std::string_view header);

// A Content-Range value: "bytes first-last/length", or "bytes */length" (with a 416).
struct ContentRange {
  std::optional<ByteRange> range;  // nullopt: "*"
  std::uint64_t length = 0;        // the complete length; an unknown length ("/*") is not accepted
  [[nodiscard]] std::string ToString() const;
};

std::optional<ContentRange> ParseContentRange(std::string_view value);

}  // namespace converza::http
