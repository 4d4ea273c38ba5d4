// RFC 2822 timestamps, the form Twilio uses in webhook parameters such as RecordingStartTime and
// Timestamp ("Mon, 22 Jul 2024 20:35:21 +0000"). A call's start is Twilio's word, not the time
// its webhook reached us: retries can arrive hours later. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace converza::twilio {

// "Mon, 22 Jul 2024 20:35:21 +0000" for a Unix time (always UTC, as Twilio sends it).
std::string FormatRfc2822(std::int64_t unix_seconds);

// The Unix time of an RFC 2822 timestamp with a numeric zone; nullopt when malformed or outside
// 2000..2100.
std::optional<std::int64_t> ParseRfc2822(std::string_view text);

}  // namespace converza::twilio
