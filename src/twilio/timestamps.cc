#include "twilio/timestamps.h"

#include <cstdio>
#include <ctime>

namespace converza::twilio {

std::string FormatRfc2822(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::optional<std::int64_t> ParseRfc2822(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  std::string s(text);
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S %z", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  if (tm.tm_year < 100 || tm.tm_year > 200) return std::nullopt;
  const long offset = tm.tm_gmtoff;  // strptime's %z fills it (glibc)
  return static_cast<std::int64_t>(timegm(&tm)) - offset;
}

}  // namespace converza::twilio
